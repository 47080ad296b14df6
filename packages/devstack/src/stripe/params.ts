import { z } from 'zod';
import { invalidParam, missingParam, unknownParam, StripeApiError } from './errors.js';
import { DISPUTE_EVIDENCE_FIELDS, type DisputeEvidenceField } from './objects.js';

/*
 * Request parameters as the stripe SDK form-encodes them (bracket notation, parsed by `qs`): every
 * leaf is a string, so numbers and booleans are parsed here, with Stripe's error for each mistake.
 * Objects are strict: a parameter Stripe would not know is refused, as Stripe does (this is what
 * catches code written against an older API version, e.g. a top-level `coupon` on promotion codes).
 */

const intString = (what: string) =>
  z
    .string()
    .regex(/^-?\d+$/, `Invalid ${what}`)
    .transform(Number);

export const NonNegativeInt = intString('non-negative integer').refine(
  (n) => n >= 0,
  'Invalid non-negative integer',
);
export const PositiveInt = intString('positive integer').refine((n) => n > 0, 'Invalid positive integer');
export const Timestamp = intString('timestamp');
export const Bool = z.enum(['true', 'false'], 'Invalid boolean').transform((v) => v === 'true');
export const Currency = z
  .string()
  .regex(/^[a-zA-Z]{3}$/, 'Invalid currency')
  .transform((c) => c.toLowerCase())
  .refine((c) => {
    try {
      new Intl.NumberFormat('en', { style: 'currency', currency: c });
      return true;
    } catch {
      return false;
    }
  }, 'Invalid currency');
export const Url = z.string().refine((u) => {
  try {
    const p = new URL(u);
    return p.protocol === 'http:' || p.protocol === 'https:';
  } catch {
    return false;
  }
}, 'Not a valid URL');
export const Email = z.email('Invalid email address');
/** Stripe's limits: 50 keys, keys up to 40 characters, values up to 500. */
export const Metadata = z
  .record(
    z.string().max(40, 'Metadata keys can be at most 40 characters'),
    z.string().max(500, 'Metadata values can be at most 500 characters'),
  )
  .refine((m) => Object.keys(m).length <= 50, 'Metadata can have at most 50 keys');
export const Expand = z.array(z.string()).optional();

export const CreateCheckoutSessionParams = z.strictObject({
  mode: z.enum(['payment', 'setup', 'subscription'], 'Invalid mode'),
  line_items: z
    .array(
      z.strictObject({
        price: z.string().optional(),
        price_data: z
          .strictObject({
            currency: Currency,
            unit_amount: NonNegativeInt.optional(),
            product: z.string().optional(),
            product_data: z
              .strictObject({
                name: z.string().min(1, 'Invalid name'),
                description: z.string().optional(),
                images: z.array(Url).max(8).optional(),
                metadata: Metadata.optional(),
                tax_code: z.string().optional(),
              })
              .optional(),
            tax_behavior: z.enum(['exclusive', 'inclusive', 'unspecified']).optional(),
          })
          .optional(),
        quantity: PositiveInt.optional(),
      }),
    )
    .max(100, 'A Checkout Session can have at most 100 line items')
    .optional(),
  /** Chooses among the prices' `currency_options` (the prices' own currency when absent). */
  currency: Currency.optional(),
  success_url: Url.optional(),
  cancel_url: Url.optional(),
  client_reference_id: z
    .string()
    .min(1)
    .max(200, 'client_reference_id can be at most 200 characters')
    .optional(),
  metadata: Metadata.optional(),
  customer: z.string().optional(),
  customer_email: Email.optional(),
  customer_creation: z.enum(['always', 'if_required']).optional(),
  discounts: z
    .array(z.strictObject({ coupon: z.string().optional(), promotion_code: z.string().optional() }))
    .optional(),
  allow_promotion_codes: Bool.optional(),
  expires_at: Timestamp.optional(),
  locale: z.string().optional(),
  payment_method_types: z.array(z.string()).optional(),
  submit_type: z.enum(['auto', 'book', 'donate', 'pay', 'subscribe']).optional(),
  billing_address_collection: z.enum(['auto', 'required']).optional(),
  ui_mode: z.enum(['hosted', 'embedded', 'custom']).optional(),
  payment_intent_data: z
    .strictObject({
      description: z.string().optional(),
      metadata: Metadata.optional(),
      receipt_email: Email.optional(),
    })
    .optional(),
  expand: Expand,
});
export type CreateCheckoutSessionParams = z.infer<typeof CreateCheckoutSessionParams>;

export const CreateCouponParams = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'Invalid id')
    .optional(),
  percent_off: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'Invalid decimal')
    .transform(Number)
    .refine((n) => n > 0 && n <= 100, 'percent_off must be greater than 0 and at most 100')
    .optional(),
  amount_off: PositiveInt.optional(),
  currency: Currency.optional(),
  duration: z.enum(['once', 'repeating', 'forever'], 'Invalid duration').optional(),
  duration_in_months: PositiveInt.optional(),
  max_redemptions: PositiveInt.optional(),
  name: z.string().max(40, 'name can be at most 40 characters').optional(),
  redeem_by: Timestamp.optional(),
  metadata: Metadata.optional(),
  expand: Expand,
});
export type CreateCouponParams = z.infer<typeof CreateCouponParams>;

export const CreatePromotionCodeParams = z.strictObject({
  promotion: z.strictObject({
    type: z.literal('coupon', 'Invalid promotion type'),
    coupon: z.string().optional(),
  }),
  code: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,500}$/, 'Codes may contain only letters, digits and dashes')
    .optional(),
  active: Bool.optional(),
  customer: z.string().optional(),
  max_redemptions: PositiveInt.optional(),
  expires_at: Timestamp.optional(),
  metadata: Metadata.optional(),
  restrictions: z
    .strictObject({
      first_time_transaction: Bool.optional(),
      minimum_amount: NonNegativeInt.optional(),
      minimum_amount_currency: Currency.optional(),
    })
    .optional(),
  expand: Expand,
});
export type CreatePromotionCodeParams = z.infer<typeof CreatePromotionCodeParams>;

export const CreateCustomerParams = z.strictObject({
  email: Email.optional(),
  name: z.string().max(256, 'name can be at most 256 characters').optional(),
  metadata: Metadata.optional(),
  expand: Expand,
});
export type CreateCustomerParams = z.infer<typeof CreateCustomerParams>;

export const UpdatePromotionCodeParams = z.strictObject({
  active: Bool.optional(),
  metadata: Metadata.optional(),
  expand: Expand,
});

export const ListParams = z.object({
  limit: z
    .string()
    .regex(/^\d+$/, 'Invalid integer')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 100, 'limit must be between 1 and 100')
    .optional(),
  starting_after: z.string().optional(),
  ending_before: z.string().optional(),
  expand: Expand,
});

export const ListPromotionCodesParams = ListParams.extend({
  code: z.string().optional(),
  customer: z.string().optional(),
  active: Bool.optional(),
  coupon: z.string().optional(),
}).strict();

export const ListEventsParams = ListParams.extend({ type: z.string().optional() }).strict();

export const RetrieveParams = z.strictObject({ expand: Expand });

export const ListCheckoutSessionsParams = ListParams.extend({
  payment_intent: z.string().optional(),
  status: z.enum(['open', 'complete', 'expired'], 'Invalid status').optional(),
}).strict();

/** `metadata` on updates: a value of '' unsets that key, and `metadata=''` unsets them all. */
export const EmptyableMetadata = z.union([z.literal(''), Metadata]);

// Products and prices

const LookupKey = z
  .string()
  .min(1, 'Invalid lookup_key')
  .max(200, 'lookup_key can be at most 200 characters');
const TaxBehavior = z.enum(['exclusive', 'inclusive', 'unspecified'], 'Invalid tax_behavior');

export const CreateProductParams = z.strictObject({
  name: z.string().min(1, 'Invalid name'),
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'Invalid id')
    .optional(),
  active: Bool.optional(),
  description: z.string().max(40000).optional(),
  images: z.array(Url).max(8).optional(),
  metadata: Metadata.optional(),
  shippable: Bool.optional(),
  statement_descriptor: z.string().max(22).optional(),
  tax_code: z.string().optional(),
  unit_label: z.string().max(12).optional(),
  url: Url.optional(),
  expand: Expand,
});
export type CreateProductParams = z.infer<typeof CreateProductParams>;

export const UpdateProductParams = z.strictObject({
  name: z.string().min(1, 'Invalid name').optional(),
  active: Bool.optional(),
  description: z.string().max(40000).optional(),
  metadata: EmptyableMetadata.optional(),
  expand: Expand,
});
export type UpdateProductParams = z.infer<typeof UpdateProductParams>;

/**
 * `currency_options[<currency>]`: the price in another currency (a multi-currency price). Keys are
 * checked by the catalog, which names the offending one as Stripe does.
 */
const CurrencyOption = z.strictObject({
  unit_amount: NonNegativeInt,
  tax_behavior: TaxBehavior.optional(),
});
const CurrencyOptions = z.record(z.string(), CurrencyOption);
export type CurrencyOptionsParam = z.infer<typeof CurrencyOptions>;

export const CreatePriceParams = z.strictObject({
  currency: Currency,
  product: z.string().optional(),
  product_data: z
    .strictObject({
      name: z.string().min(1, 'Invalid name'),
      id: z.string().optional(),
      active: Bool.optional(),
      metadata: Metadata.optional(),
      statement_descriptor: z.string().max(22).optional(),
      tax_code: z.string().optional(),
      unit_label: z.string().max(12).optional(),
    })
    .optional(),
  unit_amount: NonNegativeInt.optional(),
  unit_amount_decimal: z
    .string()
    .regex(/^\d+$/, 'The local stand-in accepts whole-number unit_amount_decimal values only')
    .transform(Number)
    .optional(),
  active: Bool.optional(),
  lookup_key: LookupKey.optional(),
  transfer_lookup_key: Bool.optional(),
  metadata: Metadata.optional(),
  nickname: z.string().optional(),
  tax_behavior: TaxBehavior.optional(),
  billing_scheme: z.enum(['per_unit', 'tiered'], 'Invalid billing_scheme').optional(),
  recurring: z.record(z.string(), z.unknown()).optional(),
  currency_options: CurrencyOptions.optional(),
  expand: Expand,
});
export type CreatePriceParams = z.infer<typeof CreatePriceParams>;

export const UpdatePriceParams = z.strictObject({
  active: Bool.optional(),
  lookup_key: z.union([z.literal(''), LookupKey]).optional(),
  transfer_lookup_key: Bool.optional(),
  metadata: EmptyableMetadata.optional(),
  nickname: z.string().optional(),
  tax_behavior: TaxBehavior.optional(),
  currency_options: z.union([z.literal(''), CurrencyOptions]).optional(),
  expand: Expand,
});
export type UpdatePriceParams = z.infer<typeof UpdatePriceParams>;

/** One value or an array (`lookup_keys=a` as well as `lookup_keys[0]=a`). */
const StringList = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string()));

export const ListPricesParams = ListParams.extend({
  active: Bool.optional(),
  currency: Currency.optional(),
  lookup_keys: StringList.refine((k) => k.length <= 10, 'You may pass at most 10 lookup_keys').optional(),
  product: z.string().optional(),
  type: z.enum(['one_time', 'recurring'], 'Invalid type').optional(),
}).strict();

// Payments: refunds and disputes

export const CreateRefundParams = z.strictObject({
  payment_intent: z.string().optional(),
  charge: z.string().optional(),
  amount: PositiveInt.optional(),
  reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer'], 'Invalid reason').optional(),
  metadata: Metadata.optional(),
  instructions_email: Email.optional(),
  expand: Expand,
});
export type CreateRefundParams = z.infer<typeof CreateRefundParams>;

export const UpdateRefundParams = z.strictObject({
  metadata: EmptyableMetadata.optional(),
  expand: Expand,
});

export const ListRefundsParams = ListParams.extend({
  payment_intent: z.string().optional(),
  charge: z.string().optional(),
}).strict();

export const ListChargesParams = ListParams.extend({ payment_intent: z.string().optional() }).strict();

export const ListDisputesParams = ListParams.extend({
  payment_intent: z.string().optional(),
  charge: z.string().optional(),
}).strict();

export const UpdateDisputeParams = z.strictObject({
  evidence: z
    .strictObject(
      Object.fromEntries(DISPUTE_EVIDENCE_FIELDS.map((f) => [f, z.string().max(20000).optional()])) as Record<
        DisputeEvidenceField,
        z.ZodOptional<z.ZodString>
      >,
    )
    .optional(),
  metadata: EmptyableMetadata.optional(),
  submit: Bool.optional(),
  expand: Expand,
});
export type UpdateDisputeParams = z.infer<typeof UpdateDisputeParams>;

/** The stand-in's control endpoint that disputes a charge (`/_standin/charges/:id/dispute`). */
export const OpenDisputeParams = z.strictObject({
  reason: z
    .enum(
      [
        'bank_cannot_process',
        'credit_not_processed',
        'customer_initiated',
        'duplicate',
        'fraudulent',
        'general',
        'product_not_received',
        'product_unacceptable',
        'subscription_canceled',
        'unrecognized',
      ],
      'Invalid reason',
    )
    .optional(),
});

/** `line_items[0][price_data]` from a zod path. */
export function paramName(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (i === 0 ? String(p) : `[${String(p)}]`)).join('');
}

/** Parses params or throws the StripeApiError Stripe would answer with for the first problem. */
export function parseParams<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data ?? {}, { reportInput: true });
  if (result.success) return result.data;
  // Stripe names an unknown parameter before anything missing (the usual sign of an API mismatch).
  const issues = result.error.issues;
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    throw unknownParam(paramName([...issue.path, key]));
  }
  const param = paramName(issue.path);
  if (issue.code === 'invalid_type' && issue.input === undefined) throw missingParam(param);
  const shown = typeof issue.input === 'string' ? `: ${issue.input}` : '';
  throw invalidParam(param, `${issue.message}${shown} (param ${param})`, 'parameter_invalid');
}

export { StripeApiError };
