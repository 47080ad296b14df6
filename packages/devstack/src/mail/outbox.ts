import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Address, MailSendBody } from './send-request.js';

const AddressRecord = z.object({ email: z.string(), name: z.string().optional() });

export const OutboxMessage = z.object({
  id: z.string(),
  xMessageId: z.string(),
  receivedAt: z.string(),
  from: AddressRecord,
  replyTo: AddressRecord.nullable(),
  to: z.array(AddressRecord),
  cc: z.array(AddressRecord),
  bcc: z.array(AddressRecord),
  subject: z.string(),
  text: z.string().nullable(),
  html: z.string().nullable(),
  categories: z.array(z.string()),
  customArgs: z.record(z.string(), z.string()),
  headers: z.record(z.string(), z.string()),
  sendAt: z.number().nullable(),
  attachments: z.array(
    z.object({ filename: z.string(), type: z.string(), content: z.string(), size: z.number() }),
  ),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

const substitute = (text: string, subs: Record<string, string> | undefined) =>
  subs ? Object.entries(subs).reduce((t, [k, v]) => t.replaceAll(k, v), text) : text;

/**
 * What SendGrid would have delivered: one message per personalization (that is how SendGrid
 * sends), kept in memory and as one JSON file each, so the outbox survives a restart of the stand-in.
 */
export class Outbox {
  private readonly messages: OutboxMessage[] = [];

  constructor(private readonly dir: string) {}

  async load(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    for (const name of (await readdir(this.dir)).filter((n) => n.endsWith('.json'))) {
      const parsed = OutboxMessage.safeParse(JSON.parse(await readFile(join(this.dir, name), 'utf8')));
      if (parsed.success) this.messages.push(parsed.data);
    }
    this.messages.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  async accept(body: MailSendBody, xMessageId: string): Promise<OutboxMessage[]> {
    const receivedAt = new Date().toISOString();
    const personalizations = body.personalizations ?? [];
    const stored: OutboxMessage[] = [];
    for (const [i, p] of personalizations.entries()) {
      const content = (type: string) => {
        const v = body.content?.find((c) => c.type === type)?.value;
        return v === undefined ? null : substitute(v, p.substitutions);
      };
      const msg: OutboxMessage = {
        id: personalizations.length === 1 ? xMessageId : `${xMessageId}-${i}`,
        xMessageId,
        receivedAt,
        from: body.from as Address,
        replyTo: body.reply_to ?? null,
        to: p.to ?? [],
        cc: p.cc ?? [],
        bcc: p.bcc ?? [],
        subject: substitute(p.subject ?? body.subject ?? '', p.substitutions),
        text: content('text/plain'),
        html: content('text/html'),
        categories: body.categories ?? [],
        customArgs: { ...body.custom_args, ...p.custom_args },
        headers: { ...body.headers, ...p.headers },
        sendAt: p.send_at ?? body.send_at ?? null,
        attachments: (body.attachments ?? []).map((a) => ({
          filename: a.filename!,
          type: a.type ?? 'application/octet-stream',
          content: a.content!.replace(/\s/g, ''),
          size: Buffer.from(a.content!, 'base64').length,
        })),
      };
      const file = join(this.dir, `${msg.id}.json`);
      await writeFile(`${file}.tmp`, JSON.stringify(msg, null, 2));
      await rename(`${file}.tmp`, file);
      this.messages.push(msg);
      stored.push(msg);
    }
    return stored;
  }

  /** Newest first; `to` filters by recipient address (any of to, cc, bcc), case-insensitively. */
  list(to?: string): OutboxMessage[] {
    const want = to?.toLowerCase();
    return [...this.messages]
      .reverse()
      .filter((m) => !want || [...m.to, ...m.cc, ...m.bcc].some((a) => a.email.toLowerCase() === want));
  }

  get(id: string): OutboxMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  async clear(): Promise<number> {
    const n = this.messages.length;
    for (const m of this.messages.splice(0)) await rm(join(this.dir, `${m.id}.json`), { force: true });
    return n;
  }
}
