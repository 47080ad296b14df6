import { base62, stripeId } from '../http/ids.js';
import { applyDiscount, discountFor } from './amounts.js';
import { Catalog } from './catalog.js';
import { invalidParam, missingParam, noSuch, StripeApiError } from './errors.js';
import type {
  CheckoutSessionObject,
  CouponObject,
  CustomerObject,
  EventObject,
  LineItemObject,
  ListObject,
  Metadata,
  PriceObject,
  PromotionCodeObject,
} from './objects.js';
import type {
  CreateCheckoutSessionParams,
  CreateCouponParams,
  CreateCustomerParams,
  CreatePromotionCodeParams,
} from './params.js';
import { Payments, type PaidCard, type RequestInfo } from './payments.js';

export type { PaidCard, RequestInfo } from './payments.js';

const nowSec = () => Math.floor(Date.now() / 1000);
const clone = <T>(v: T): T => structuredClone(v);

/** A problem the customer sees on the hosted page (not an API error). */
export class CheckoutPageError extends Error {}

interface StoredSession {
  session: CheckoutSessionObject;
  /** Line items before the discount is spread over them. */
  baseItems: LineItemObject[];
  items: LineItemObject[];
  /** What the session's PaymentIntent is created with once paid (`payment_intent_data`). */
  paymentIntentData: { description: string | null; metadata: Metadata; receiptEmail: string | null };
}

export interface StripeStateOptions {
  /** Base of the hosted page URLs, e.g. http://127.0.0.1:4102 (known once the server listens). */
  publicUrl: () => string;
  sessionTtlSec: number;
  apiVersion: string;
}

/**
 * The stand-in's Stripe account: coupons, promotion codes, Checkout Sessions and events, with
 * Stripe's rules for each (validity, redemption limits, one discount per session, status moves).
 * Every mutation is synchronous, so two concurrent requests cannot both complete a session.
 */
export class StripeState {
  readonly customers = new Map<string, CustomerObject>();
  readonly coupons = new Map<string, CouponObject>();
  readonly promotionCodes = new Map<string, PromotionCodeObject>();
  readonly sessions = new Map<string, StoredSession>();
  readonly events = new Map<string, EventObject>();
  readonly catalog = new Catalog();
  readonly payments = new Payments((type, object, request, previous) =>
    this.createEvent(type, object, request, previous),
  );

  constructor(private readonly opts: StripeStateOptions) {}

  // Customers (only what promotion codes restricted to a customer need)

  createCustomer(p: CreateCustomerParams): CustomerObject {
    const customer: CustomerObject = {
      id: stripeId('cus_', 14),
      object: 'customer',
      created: nowSec(),
      email: p.email ?? null,
      livemode: false,
      metadata: p.metadata ?? {},
      name: p.name ?? null,
    };
    this.customers.set(customer.id, customer);
    return clone(customer);
  }

  /** Stripe's delete: the customer is gone for new sessions and codes; payments keep their records. */
  deleteCustomer(id: string): { id: string; object: 'customer'; deleted: true } {
    this.customer(id);
    this.customers.delete(id);
    return { id, object: 'customer', deleted: true };
  }

  customer(id: string, param = 'id', status = 404): CustomerObject {
    const c = this.customers.get(id);
    if (!c) throw noSuch('customer', id, param, status);
    return c;
  }

  // Coupons and promotion codes

  createCoupon(p: CreateCouponParams): CouponObject {
    if (p.percent_off === undefined && p.amount_off === undefined) {
      throw invalidParam(
        'percent_off',
        'You must pass either `percent_off` or `amount_off` to create a coupon.',
      );
    }
    if (p.percent_off !== undefined && p.amount_off !== undefined) {
      throw invalidParam(
        'amount_off',
        'You may only specify one of these parameters: amount_off, percent_off.',
      );
    }
    if (p.amount_off !== undefined && !p.currency) throw missingParam('currency');
    const duration = p.duration ?? 'once';
    if (duration === 'repeating' && p.duration_in_months === undefined)
      throw missingParam('duration_in_months');
    if (duration !== 'repeating' && p.duration_in_months !== undefined) {
      throw invalidParam(
        'duration_in_months',
        'duration_in_months can only be set when duration is repeating.',
      );
    }
    if (p.redeem_by !== undefined && p.redeem_by <= nowSec()) {
      throw invalidParam('redeem_by', 'redeem_by must be in the future.');
    }
    const id = p.id ?? base62(8);
    if (this.coupons.has(id)) {
      throw new StripeApiError(400, 'invalid_request_error', 'Coupon already exists.', {
        param: 'id',
        code: 'resource_already_exists',
      });
    }
    const coupon: CouponObject = {
      id,
      object: 'coupon',
      amount_off: p.amount_off ?? null,
      currency: p.amount_off !== undefined ? p.currency! : null,
      duration,
      duration_in_months: p.duration_in_months ?? null,
      created: nowSec(),
      livemode: false,
      max_redemptions: p.max_redemptions ?? null,
      metadata: p.metadata ?? {},
      name: p.name ?? null,
      percent_off: p.percent_off ?? null,
      redeem_by: p.redeem_by ?? null,
      times_redeemed: 0,
      valid: true,
    };
    this.coupons.set(id, coupon);
    return clone(coupon);
  }

  coupon(id: string, param = 'id'): CouponObject {
    const c = this.coupons.get(id);
    if (!c) throw noSuch('coupon', id, param);
    c.valid =
      !(c.redeem_by !== null && c.redeem_by <= nowSec()) &&
      !(c.max_redemptions !== null && c.times_redeemed >= c.max_redemptions);
    return c;
  }

  createPromotionCode(p: CreatePromotionCodeParams): PromotionCodeObject {
    if (!p.promotion.coupon) throw missingParam('promotion[coupon]');
    const coupon = this.coupon(p.promotion.coupon, 'promotion[coupon]');
    if (p.customer !== undefined) this.customer(p.customer, 'customer', 400);
    if (p.expires_at !== undefined && coupon.redeem_by !== null && p.expires_at > coupon.redeem_by) {
      throw invalidParam(
        'expires_at',
        "The promotion code's `expires_at` may not be after the coupon's `redeem_by`.",
      );
    }
    const code = p.code ?? base62(8).toUpperCase();
    const active = p.active ?? true;
    if (active && this.findActiveCode(code)) {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        'An active promotion code with `code: ' + code + '` already exists.',
        {
          param: 'code',
          code: 'resource_already_exists',
        },
      );
    }
    const r = p.restrictions ?? {};
    if (r.minimum_amount !== undefined && !r.minimum_amount_currency)
      throw missingParam('restrictions[minimum_amount_currency]');
    const promo: PromotionCodeObject = {
      id: stripeId('promo_', 24),
      object: 'promotion_code',
      active,
      code,
      created: nowSec(),
      customer: p.customer ?? null,
      customer_account: null,
      expires_at: p.expires_at ?? null,
      livemode: false,
      max_redemptions: p.max_redemptions ?? null,
      metadata: p.metadata ?? {},
      promotion: { type: 'coupon', coupon: coupon.id },
      restrictions: {
        first_time_transaction: r.first_time_transaction ?? false,
        minimum_amount: r.minimum_amount ?? null,
        minimum_amount_currency: r.minimum_amount_currency ?? null,
      },
      times_redeemed: 0,
    };
    this.promotionCodes.set(promo.id, promo);
    return clone(promo);
  }

  promotionCode(id: string, param = 'id'): PromotionCodeObject {
    const p = this.promotionCodes.get(id);
    if (!p) throw noSuch('promotion_code', id, param);
    return p;
  }

  /** A view of a promotion code, optionally with its coupon expanded. */
  promotionCodeView(promo: PromotionCodeObject, expand: readonly string[] = []): PromotionCodeObject {
    const view = clone(promo);
    if (expand.includes('promotion.coupon') && typeof promo.promotion.coupon === 'string') {
      view.promotion.coupon = clone(this.coupon(promo.promotion.coupon));
    }
    return view;
  }

  private findActiveCode(code: string): PromotionCodeObject | undefined {
    const want = code.toLowerCase();
    return [...this.promotionCodes.values()].find((p) => p.active && p.code.toLowerCase() === want);
  }

  /** Why a promotion code cannot be used for this amount and customer, or null when it can. */
  private promotionRefusal(
    promo: PromotionCodeObject,
    subtotal: number,
    currency: string,
    customer: string | null,
  ): string | null {
    const coupon = this.coupon(promo.promotion.coupon as string);
    if (!promo.active) return 'This promotion code is inactive.';
    if (promo.customer !== null && promo.customer !== customer) {
      return 'This promotion code cannot be redeemed by this customer.';
    }
    if (promo.expires_at !== null && promo.expires_at <= nowSec()) return 'This promotion code has expired.';
    if (promo.max_redemptions !== null && promo.times_redeemed >= promo.max_redemptions) {
      return 'This promotion code has already been used the maximum number of times.';
    }
    if (!coupon.valid) return 'The coupon behind this promotion code is no longer valid.';
    const r = promo.restrictions;
    if (r.minimum_amount !== null && r.minimum_amount_currency === currency && subtotal < r.minimum_amount) {
      return 'This promotion code requires a higher order total.';
    }
    if (coupon.amount_off !== null && coupon.currency !== currency)
      return `This promotion code is not valid for ${currency.toUpperCase()}.`;
    return null;
  }

  updatePromotionCode(
    id: string,
    p: { active?: boolean | undefined; metadata?: Record<string, string> | undefined },
  ): PromotionCodeObject {
    const promo = this.promotionCode(id);
    if (p.active === true && !promo.active && this.findActiveCode(promo.code)) {
      throw invalidParam('active', 'Another active promotion code has the same code.');
    }
    if (p.active !== undefined) promo.active = p.active;
    if (p.metadata !== undefined) promo.metadata = { ...promo.metadata, ...p.metadata };
    return clone(promo);
  }

  // Checkout Sessions

  createSession(p: CreateCheckoutSessionParams): CheckoutSessionObject {
    if (p.mode !== 'payment') {
      throw invalidParam('mode', 'The local Stripe stand-in implements Checkout in `payment` mode only.');
    }
    if (p.ui_mode && p.ui_mode !== 'hosted') {
      throw invalidParam('ui_mode', 'The local Stripe stand-in implements the hosted Checkout page only.');
    }
    if (p.customer !== undefined && p.customer_email !== undefined) {
      throw invalidParam(
        'customer_email',
        'You may only specify one of these parameters: customer, customer_email.',
      );
    }
    if (p.customer !== undefined) this.customer(p.customer, 'customer', 400);
    if (!p.line_items || p.line_items.length === 0) throw missingParam('line_items');
    if (p.discounts && p.allow_promotion_codes !== undefined) {
      throw invalidParam(
        'allow_promotion_codes',
        'You may only specify one of these parameters: allow_promotion_codes, discounts.',
      );
    }
    if (p.discounts && p.discounts.length > 1) {
      throw invalidParam('discounts', 'You may only specify one discount on a Checkout Session.');
    }
    const created = nowSec();
    let expiresAt = created + this.opts.sessionTtlSec;
    if (p.expires_at !== undefined) {
      if (p.expires_at < created + 30 * 60 || p.expires_at > created + 24 * 3600) {
        throw invalidParam(
          'expires_at',
          'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.',
        );
      }
      expiresAt = p.expires_at;
    }

    let currency: string | undefined;
    /** Products made from `product_data`, registered only once the whole request is accepted. */
    const newProducts: Array<Parameters<Catalog['createProduct']>[0]> = [];
    const baseItems = p.line_items.map((li, i): LineItemObject => {
      const at = `line_items[${i}]`;
      if (li.price !== undefined && li.price_data !== undefined) {
        throw invalidParam(at, `You may only specify one of these parameters: price, price_data (in ${at}).`);
      }
      if (li.price === undefined && li.price_data === undefined)
        throw invalidParam(at, `You must specify either \`price\` or \`price_data\` in ${at}.`);
      if (li.quantity === undefined) throw missingParam(`${at}[quantity]`);
      let price: PriceObject;
      let description: string;
      /** What one unit costs in the session's currency (a price's currency option when `currency` picks one). */
      let unitAmount: number;
      if (li.price !== undefined) {
        const stored = this.catalog.priceForCheckout(li.price, `${at}[price]`);
        const inCurrency = this.catalog.unitAmountIn(stored, p.currency ?? stored.currency);
        if (inCurrency === null) {
          throw invalidParam(
            `${at}[price]`,
            `The price specified supports currencies of \`${this.catalog.currenciesOf(stored).join(', ')}\` which doesn't include the expected currency of \`${p.currency}\`.`,
          );
        }
        unitAmount = inCurrency;
        price = structuredClone(stored);
        description = this.catalog.product(price.product as string).name;
      } else {
        const pd = li.price_data!;
        if (pd.unit_amount === undefined) throw missingParam(`${at}[price_data][unit_amount]`);
        if (pd.product !== undefined && pd.product_data !== undefined) {
          throw invalidParam(
            `${at}[price_data][product]`,
            'You may only specify one of these parameters: product, product_data.',
          );
        }
        if (pd.product === undefined && pd.product_data === undefined)
          throw missingParam(`${at}[price_data][product_data]`);
        let productId: string;
        if (pd.product !== undefined) {
          const product = this.catalog.product(pd.product, `${at}[price_data][product]`, 400);
          productId = product.id;
          description = product.name;
        } else {
          const data = pd.product_data!;
          productId = stripeId('prod_', 14);
          description = data.name;
          newProducts.push({
            id: productId,
            name: data.name,
            description: data.description,
            images: data.images,
            metadata: data.metadata,
            tax_code: data.tax_code,
          });
        }
        if (p.currency !== undefined && pd.currency !== p.currency) {
          throw invalidParam(
            `${at}[price_data][currency]`,
            `The price specified supports currencies of \`${pd.currency}\` which doesn't include the expected currency of \`${p.currency}\`.`,
          );
        }
        price = this.catalog.inlinePrice({
          currency: pd.currency,
          unit_amount: pd.unit_amount,
          product: productId,
        });
        unitAmount = pd.unit_amount;
      }
      const itemCurrency = p.currency ?? price.currency;
      const param = li.price !== undefined ? `${at}[price]` : `${at}[price_data][currency]`;
      if (currency && itemCurrency !== currency) {
        throw invalidParam(param, 'All line items must have the same currency.');
      }
      currency = itemCurrency;
      const subtotal = unitAmount * li.quantity;
      return {
        id: stripeId('li_', 24),
        object: 'item',
        amount_discount: 0,
        amount_subtotal: subtotal,
        amount_tax: 0,
        amount_total: subtotal,
        currency: itemCurrency,
        description,
        price,
        quantity: li.quantity,
      };
    });
    const subtotal = baseItems.reduce((s, i) => s + i.amount_subtotal, 0);

    let discount: { coupon: CouponObject; promo: PromotionCodeObject | null } | null = null;
    const d = p.discounts?.[0];
    if (d) {
      if ((d.coupon === undefined) === (d.promotion_code === undefined)) {
        throw invalidParam(
          'discounts[0]',
          'Each discount needs exactly one of `coupon` or `promotion_code`.',
        );
      }
      if (d.promotion_code !== undefined) {
        const promo = this.promotionCode(d.promotion_code, 'discounts[0][promotion_code]');
        const refusal = this.promotionRefusal(promo, subtotal, currency!, p.customer ?? null);
        if (refusal) throw invalidParam('discounts[0][promotion_code]', refusal);
        discount = { coupon: this.coupon(promo.promotion.coupon as string), promo };
      } else {
        const coupon = this.coupon(d.coupon!, 'discounts[0][coupon]');
        if (!coupon.valid)
          throw invalidParam('discounts[0][coupon]', `Coupon \`${coupon.id}\` is no longer valid.`);
        if (coupon.amount_off !== null && coupon.currency !== currency) {
          throw invalidParam(
            'discounts[0][coupon]',
            `Coupon \`${coupon.id}\` is in ${coupon.currency} but the session is in ${currency}.`,
          );
        }
        discount = { coupon, promo: null };
      }
    }

    const id = stripeId('cs_test_', 58);
    const session: CheckoutSessionObject = {
      id,
      object: 'checkout.session',
      allow_promotion_codes: p.allow_promotion_codes ?? null,
      amount_subtotal: subtotal,
      amount_total: subtotal,
      cancel_url: p.cancel_url ?? null,
      client_reference_id: p.client_reference_id ?? null,
      client_secret: null,
      created,
      currency: currency!,
      customer: p.customer ?? null,
      customer_creation: p.customer_creation ?? 'if_required',
      customer_details: null,
      customer_email: p.customer_email ?? null,
      discounts: [],
      expires_at: expiresAt,
      livemode: false,
      locale: p.locale ?? null,
      metadata: p.metadata ?? {},
      mode: 'payment',
      payment_intent: null,
      payment_method_types: p.payment_method_types ?? ['card'],
      payment_status: 'unpaid',
      status: 'open',
      submit_type: p.submit_type ?? null,
      success_url: p.success_url ?? null,
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      ui_mode: 'hosted',
      url: `${this.opts.publicUrl()}/pay/${id}`,
    };
    const stored: StoredSession = {
      session,
      baseItems,
      items: baseItems,
      paymentIntentData: {
        description: p.payment_intent_data?.description ?? null,
        metadata: p.payment_intent_data?.metadata ?? {},
        receiptEmail: p.payment_intent_data?.receipt_email ?? null,
      },
    };
    this.setDiscount(stored, discount);
    for (const product of newProducts) this.catalog.createProduct(product);
    this.sessions.set(id, stored);
    return this.sessionView(id);
  }

  private setDiscount(
    stored: StoredSession,
    discount: { coupon: CouponObject; promo: PromotionCodeObject | null } | null,
  ): void {
    const s = stored.session;
    const off = discountFor(discount?.coupon ?? null, s.amount_subtotal);
    stored.items = applyDiscount(stored.baseItems, off);
    s.discounts = discount
      ? [{ coupon: discount.coupon.id, promotion_code: discount.promo?.id ?? null }]
      : [];
    s.total_details.amount_discount = off;
    s.amount_total = s.amount_subtotal - off;
  }

  private stored(id: string): StoredSession {
    const stored = this.sessions.get(id);
    if (!stored) throw noSuch('checkout.session', id);
    return stored;
  }

  sessionView(id: string, expand: readonly string[] = []): CheckoutSessionObject {
    const stored = this.stored(id);
    const piExpand: string[] = [];
    for (const e of expand) {
      if (e === 'payment_intent.latest_charge') piExpand.push('latest_charge');
      else if (e !== 'line_items' && e !== 'payment_intent') {
        throw invalidParam(
          'expand',
          `This property cannot be expanded (${e}). The local stand-in expands line_items and payment_intent.`,
        );
      }
    }
    const view = clone(stored.session);
    if (expand.includes('line_items')) view.line_items = this.lineItems(id);
    const pi = stored.session.payment_intent;
    if ((expand.includes('payment_intent') || piExpand.length) && typeof pi === 'string') {
      view.payment_intent = this.payments.paymentIntentView(this.payments.paymentIntent(pi), piExpand);
    }
    return view;
  }

  lineItems(id: string): ListObject<LineItemObject> {
    const stored = this.stored(id);
    return {
      object: 'list',
      data: clone(stored.items),
      has_more: false,
      url: `/v1/checkout/sessions/${id}/line_items`,
    };
  }

  /** The customer typed a code on the hosted page (sessions created with allow_promotion_codes). */
  applyCodeOnPage(id: string, code: string): void {
    const stored = this.stored(id);
    const s = stored.session;
    if (s.status !== 'open') throw new CheckoutPageError('This checkout session is no longer open.');
    if (!s.allow_promotion_codes)
      throw new CheckoutPageError('This checkout does not accept promotion codes.');
    const promo = code.trim() ? this.findActiveCode(code.trim()) : undefined;
    if (!promo) throw new CheckoutPageError('This code is invalid.');
    const refusal = this.promotionRefusal(promo, s.amount_subtotal, s.currency, s.customer);
    if (refusal) throw new CheckoutPageError(refusal);
    this.setDiscount(stored, { coupon: this.coupon(promo.promotion.coupon as string), promo });
  }

  /**
   * Marks a session paid. Returns the `checkout.session.completed` event, or null when the session
   * was already complete (a double submit creates no second event).
   */
  completeSession(
    id: string,
    customer: { email: string; name: string | null },
    request: RequestInfo,
    card: PaidCard = { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 },
  ): EventObject | null {
    const stored = this.stored(id);
    const s = stored.session;
    if (s.status === 'complete') return null;
    if (s.status === 'expired') throw new CheckoutPageError('This checkout session has expired.');
    const d = s.discounts[0];
    if (d?.promotion_code) {
      const promo = this.promotionCode(d.promotion_code);
      const refusal = this.promotionRefusal(promo, s.amount_subtotal, s.currency, s.customer);
      if (refusal) throw new CheckoutPageError(`${refusal} Remove it or use another code.`);
      promo.times_redeemed++;
    }
    if (d?.coupon) this.coupon(d.coupon).times_redeemed++;
    s.status = 'complete';
    s.payment_status = s.amount_total === 0 ? 'no_payment_required' : 'paid';
    s.payment_intent = s.amount_total === 0 ? null : stripeId('pi_', 24);
    if (s.payment_intent) {
      const pid = stored.paymentIntentData;
      this.payments.recordPayment({
        paymentIntent: s.payment_intent,
        amount: s.amount_total,
        currency: s.currency,
        metadata: pid.metadata,
        description: pid.description,
        receiptEmail: pid.receiptEmail,
        billing: { email: customer.email, name: customer.name },
        card,
      });
    }
    s.customer_details = {
      email: customer.email,
      name: customer.name,
      phone: null,
      address: null,
      tax_exempt: 'none',
      tax_ids: [],
    };
    s.url = null;
    return this.createEvent('checkout.session.completed', this.sessionView(id), request);
  }

  /** Expires an open session and returns the `checkout.session.expired` event. */
  expireSession(id: string, request: RequestInfo): EventObject {
    const s = this.stored(id).session;
    if (s.status !== 'open') {
      throw invalidParam(
        'id',
        `Only Checkout Sessions with a status in ["open"] can be expired. This session has status "${s.status}".`,
      );
    }
    s.status = 'expired';
    s.url = null;
    return this.createEvent('checkout.session.expired', this.sessionView(id), request);
  }

  /** Sessions whose 24 hours (or expires_at) have passed. */
  dueForExpiry(now = nowSec()): string[] {
    return [...this.sessions.values()]
      .filter((x) => x.session.status === 'open' && x.session.expires_at <= now)
      .map((x) => x.session.id);
  }

  // Events

  createEvent(
    type: string,
    object: unknown,
    request: RequestInfo,
    previousAttributes?: Record<string, unknown>,
  ): EventObject {
    const event: EventObject = {
      id: stripeId('evt_', 24),
      object: 'event',
      api_version: this.opts.apiVersion,
      created: nowSec(),
      data: previousAttributes ? { object, previous_attributes: previousAttributes } : { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: request.id, idempotency_key: request.idempotencyKey },
      type,
    };
    this.events.set(event.id, event);
    return event;
  }

  event(id: string): EventObject {
    const e = this.events.get(id);
    if (!e) throw noSuch('event', id);
    return e;
  }
}

/** Stripe's cursor pagination over newest-first lists. */
export function paginate<T extends { id: string }>(
  all: T[],
  p: { limit?: number | undefined; starting_after?: string | undefined; ending_before?: string | undefined },
  url: string,
): ListObject<T> {
  const newest = [...all].reverse();
  let start = 0;
  let end = newest.length;
  if (p.starting_after) {
    const i = newest.findIndex((x) => x.id === p.starting_after);
    if (i < 0) throw noSuch('object', p.starting_after, 'starting_after');
    start = i + 1;
  } else if (p.ending_before) {
    const i = newest.findIndex((x) => x.id === p.ending_before);
    if (i < 0) throw noSuch('object', p.ending_before, 'ending_before');
    end = i;
  }
  const limit = p.limit ?? 10;
  const window = p.ending_before
    ? newest.slice(Math.max(start, end - limit), end)
    : newest.slice(start, start + limit);
  const has_more = p.ending_before ? end - limit > start : start + limit < end;
  return { object: 'list', data: window.map(clone), has_more, url };
}
