import { z } from 'zod';

/**
 * The body of SendGrid's `POST /v3/mail/send` (snake_case, as @sendgrid/mail sends it), checked
 * with SendGrid's own rules and error messages for the parts a product gets wrong.
 */
const Address = z.object({ email: z.string(), name: z.string().optional() });
export type Address = z.infer<typeof Address>;

const Personalization = z.object({
  to: z.array(Address).optional(),
  cc: z.array(Address).optional(),
  bcc: z.array(Address).optional(),
  subject: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  substitutions: z.record(z.string(), z.string()).optional(),
  dynamic_template_data: z.record(z.string(), z.unknown()).optional(),
  custom_args: z.record(z.string(), z.string()).optional(),
  send_at: z.number().int().optional(),
});

const Attachment = z.object({
  content: z.string().optional(),
  filename: z.string().optional(),
  type: z.string().optional(),
  disposition: z.enum(['inline', 'attachment']).optional(),
  content_id: z.string().optional(),
});

export const MailSendBody = z.object({
  personalizations: z.array(Personalization).optional(),
  from: Address.optional(),
  reply_to: Address.optional(),
  reply_to_list: z.array(Address).optional(),
  subject: z.string().optional(),
  content: z.array(z.object({ type: z.string(), value: z.string() })).optional(),
  attachments: z.array(Attachment).optional(),
  template_id: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  categories: z.array(z.string()).optional(),
  custom_args: z.record(z.string(), z.string()).optional(),
  send_at: z.number().int().optional(),
  batch_id: z.string().optional(),
  asm: z
    .object({ group_id: z.number().int(), groups_to_display: z.array(z.number().int()).optional() })
    .optional(),
  ip_pool_name: z.string().optional(),
  mail_settings: z
    .object({ sandbox_mode: z.object({ enable: z.boolean().optional() }).optional() })
    .loose()
    .optional(),
  tracking_settings: z.record(z.string(), z.unknown()).optional(),
});
export type MailSendBody = z.infer<typeof MailSendBody>;

export interface FieldError {
  message: string;
  field: string | null;
  help: string | null;
}

const HELP = 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html';
const err = (field: string | null, message: string, anchor: string): FieldError => ({
  message,
  field,
  help: `${HELP}#${anchor}`,
});

const EMAIL = /^[^@\s<>",;]+@[^@\s<>",;]+\.[^@\s<>",;]+$/;

/** Every problem SendGrid would report for this body (an empty list means it is accepted). */
export function validateMailSend(raw: unknown): { body: MailSendBody | null; errors: FieldError[] } {
  const parsed = MailSendBody.safeParse(raw);
  if (!parsed.success) {
    return {
      body: null,
      errors: parsed.error.issues.map((i) =>
        err(i.path.join('.') || null, `Invalid type: ${i.message}`, 'message.body'),
      ),
    };
  }
  const b = parsed.data;
  const errors: FieldError[] = [];
  const checkAddress = (a: Address, field: string) => {
    if (!EMAIL.test(a.email))
      errors.push(err(`${field}.email`, 'Does not contain a valid address.', 'message.personalizations.to'));
  };

  if (!b.personalizations || b.personalizations.length === 0) {
    errors.push(
      err(
        'personalizations',
        'The personalizations field is required and must have at least one personalization.',
        '-Personalizations-Errors',
      ),
    );
  } else {
    if (b.personalizations.length > 1000)
      errors.push(
        err(
          'personalizations',
          'You may not have more than 1000 personalizations per API request.',
          '-Personalizations-Errors',
        ),
      );
    b.personalizations.forEach((p, i) => {
      if (!p.to || p.to.length === 0) {
        errors.push(
          err(
            `personalizations.${i}.to`,
            'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
            'message.personalizations.to',
          ),
        );
      }
      (['to', 'cc', 'bcc'] as const).forEach((kind) =>
        p[kind]?.forEach((a, j) => checkAddress(a, `personalizations.${i}.${kind}.${j}`)),
      );
    });
  }
  if (!b.from?.email) {
    errors.push(
      err(
        'from.email',
        'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.',
        'message.from',
      ),
    );
  } else checkAddress(b.from, 'from');
  if (b.reply_to) checkAddress(b.reply_to, 'reply_to');

  const everyHasSubject =
    (b.personalizations?.length ?? 0) > 0 && b.personalizations!.every((p) => p.subject);
  if (!b.template_id && !b.subject && !everyHasSubject) {
    errors.push(
      err(
        'subject',
        'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
        'message.subject',
      ),
    );
  }
  if (b.template_id) {
    errors.push(
      err(
        'template_id',
        `The template_id ${b.template_id} does not exist. The local SendGrid stand-in has no templates: send rendered content.`,
        'message.template_id',
      ),
    );
  } else if (!b.content || b.content.length === 0) {
    errors.push(
      err(
        'content',
        'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.',
        'message.content',
      ),
    );
  } else {
    b.content.forEach((c, i) => {
      if (c.value.length === 0)
        errors.push(
          err(
            `content.${i}.value`,
            'The content value must be a string at least one character in length.',
            'message.content.value',
          ),
        );
    });
    const plainAt = b.content.findIndex((c) => c.type === 'text/plain');
    if (plainAt > 0)
      errors.push(
        err(
          'content.0.type',
          'If present, text/plain content must be first, followed by text/html, followed by any other content.',
          'message.content.type',
        ),
      );
  }
  b.attachments?.forEach((a, i) => {
    if (!a.content)
      errors.push(
        err(`attachments.${i}.content`, 'The attachment content is required.', 'message.attachments.content'),
      );
    else if (!/^[A-Za-z0-9+/=\s]+$/.test(a.content))
      errors.push(
        err(
          `attachments.${i}.content`,
          'The attachment content must be base64 encoded.',
          'message.attachments.content',
        ),
      );
    if (!a.filename)
      errors.push(
        err(
          `attachments.${i}.filename`,
          'The attachment filename parameter is required.',
          'message.attachments.filename',
        ),
      );
  });
  return { body: b, errors };
}
