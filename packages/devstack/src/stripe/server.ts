import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import qs from 'qs';
import Stripe from 'stripe';
import { readBody, BodyTooLargeError } from '../http/body.js';
import type { RetryPolicy } from '../http/deliver.js';
import { base62 } from '../http/ids.js';
import { listen, type RunningService } from '../http/listen.js';
import type { Log } from '../http/log.js';
import { redirect, sendHtml, sendJson } from '../http/respond.js';
import { Router, type RequestContext } from '../http/router.js';
import { chargeCard } from './cards.js';
import { checkoutPage, statePage, type PageState } from './checkout-page.js';
import { dashboardPage } from './dashboard-page.js';
import { StripeApiError } from './errors.js';
import {
  CreateCheckoutSessionParams,
  CreateCouponParams,
  CreateCustomerParams,
  CreatePriceParams,
  CreateProductParams,
  CreatePromotionCodeParams,
  CreateRefundParams,
  ListChargesParams,
  ListCheckoutSessionsParams,
  ListDisputesParams,
  ListEventsParams,
  ListPricesParams,
  ListPromotionCodesParams,
  ListRefundsParams,
  OpenDisputeParams,
  parseParams,
  RetrieveParams,
  UpdateDisputeParams,
  UpdatePriceParams,
  UpdateProductParams,
  UpdatePromotionCodeParams,
  UpdateRefundParams,
} from './params.js';
import type { EventObject } from './objects.js';
import { CheckoutPageError, paginate, StripeState, type RequestInfo } from './state.js';
import { StripeWebhookSender } from './webhooks.js';
import {
  CreateWebhookEndpointParams,
  ListWebhookEndpointsParams,
  WebhookEndpoints,
} from './webhook-endpoints.js';

export interface StripeStandinOptions {
  port: number;
  host: string;
  publicHost: string;
  secretKey: string;
  webhookSecret: string;
  webhookUrl: string;
  log: Log;
  /** Webhook retries; Stripe retries for days, the stand-in a bounded number of times. */
  retry?: Partial<RetryPolicy>;
  sessionTtlSec?: number;
  expirySweepMs?: number;
  /** How long the pay handler waits for the first webhook attempt before redirecting. */
  firstAttemptWaitMs?: number;
  /**
   * How long after the first attempt to deliver `checkout.session.completed` a dispute test card's
   * charge is disputed (`charge.dispute.created`).
   */
  disputeDelayMs?: number;
}

export interface StripeStandin extends RunningService {
  state: StripeState;
  webhooks: StripeWebhookSender;
  webhookEndpoints: WebhookEndpoints;
}

const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  timeoutMs: 10_000,
};
const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

interface CachedResponse {
  fingerprint: string;
  status: number;
  body: unknown;
  at: number;
}

/** Secret key from `Authorization: Bearer sk_…` or Basic auth with the key as user name, as Stripe accepts. */
function presentedKey(req: IncomingMessage): string | null {
  const auth = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(auth);
  if (bearer) return bearer[1]!.trim();
  const basic = /^Basic\s+(.+)$/i.exec(auth);
  if (basic) return Buffer.from(basic[1]!, 'base64').toString('utf8').split(':')[0] ?? null;
  return null;
}

function maskKey(key: string): string {
  return key.length <= 12
    ? '*'.repeat(key.length)
    : `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`;
}

const QS_OPTIONS = { depth: 10, arrayLimit: 200, parameterLimit: 2000 } as const;

/**
 * The Stripe stand-in: the API subset the product uses (Checkout Sessions, coupons, promotion
 * codes, events) for the official `stripe` SDK pointed at it with host/port/protocol, plus the
 * hosted checkout page that, once paid, sends a signed `checkout.session.completed` webhook.
 */
export async function startStripeStandin(opts: StripeStandinOptions): Promise<StripeStandin> {
  let publicUrl = '';
  const state = new StripeState({
    publicUrl: () => publicUrl,
    sessionTtlSec: opts.sessionTtlSec ?? 24 * 3600,
    apiVersion: Stripe.API_VERSION,
  });
  const webhooks = new StripeWebhookSender({
    url: opts.webhookUrl,
    secret: opts.webhookSecret,
    policy: { ...DEFAULT_RETRY, ...opts.retry },
    log: opts.log,
  });
  const webhookEndpoints = new WebhookEndpoints();
  webhookEndpoints.create(
    { url: opts.webhookUrl, enabled_events: ['*'], description: 'The stand-in delivers every event here' },
    opts.webhookSecret,
  );
  const idempotency = new Map<string, CachedResponse>();
  /** Keys whose first request is still running: a concurrent retry must not run twice. */
  const inProgress = new Set<string>();
  const firstAttemptWaitMs = opts.firstAttemptWaitMs ?? 3000;
  const disputeDelayMs = opts.disputeDelayMs ?? 1000;
  const lifetime = new AbortController();
  const pendingDisputes = new Set<Promise<void>>();

  const router = new Router({
    notFound: ({ req, res, url }) => {
      if (url.pathname.startsWith('/v1/')) {
        sendJson(res, 404, {
          error: {
            type: 'invalid_request_error',
            message: `Unrecognized request URL (${req.method}: ${url.pathname}). The local Stripe stand-in implements the API subset Likeness uses.`,
          },
        });
      } else sendHtml(res, 404, statePage('Not found', 'There is no page at this address.'));
    },
    methodNotAllowed: ({ req, res, url }) =>
      sendJson(res, 404, {
        error: {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${req.method}: ${url.pathname}).`,
        },
      }),
    error: ({ req, res }, err) => {
      if (err instanceof StripeApiError) return sendJson(res, err.status, err.body());
      if (err instanceof BodyTooLargeError) {
        return sendJson(res, 413, {
          error: { type: 'invalid_request_error', message: 'Request body too large.' },
        });
      }
      opts.log(`error on ${req.method} ${req.url}: ${err instanceof Error ? err.stack : String(err)}`);
      sendJson(res, 500, {
        error: { type: 'api_error', message: 'An unexpected error occurred in the Stripe stand-in.' },
      });
    },
  });

  function requireKey(req: IncomingMessage): void {
    const key = presentedKey(req);
    if (key === null) {
      throw new StripeApiError(
        401,
        'invalid_request_error',
        'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.',
        { code: 'api_key_missing' },
      );
    }
    if (key !== opts.secretKey) {
      throw new StripeApiError(401, 'invalid_request_error', `Invalid API Key provided: ${maskKey(key)}`, {
        code: 'api_key_invalid',
      });
    }
  }

  type ApiHandler = (ctx: RequestContext, params: Record<string, unknown>, request: RequestInfo) => unknown;

  /** Auth, form parsing, Request-Id and Idempotency-Key handling shared by every /v1 endpoint. */
  function api(handler: ApiHandler) {
    return async (ctx: RequestContext) => {
      const { req, res, url } = ctx;
      const requestId = `req_${base62(14)}`;
      const headers: Record<string, string> = {
        'Request-Id': requestId,
        'Stripe-Version': String(req.headers['stripe-version'] ?? Stripe.API_VERSION),
      };
      try {
        requireKey(req);
      } catch (err) {
        if (err instanceof StripeApiError) return sendJson(res, err.status, err.body(), headers);
        throw err;
      }
      const rawBody = req.method === 'POST' ? (await readBody(req, 1024 * 1024)).toString('utf8') : '';
      const params = (
        req.method === 'POST' ? qs.parse(rawBody, QS_OPTIONS) : qs.parse(url.search.slice(1), QS_OPTIONS)
      ) as Record<string, unknown>;
      const key = req.method === 'POST' ? (req.headers['idempotency-key'] as string | undefined) : undefined;
      const fingerprint = `${req.method} ${url.pathname} ${rawBody}`;
      if (key) {
        headers['Idempotency-Key'] = key;
        const cached = idempotency.get(key);
        if (cached && Date.now() - cached.at < IDEMPOTENCY_TTL_MS) {
          if (cached.fingerprint !== fingerprint) {
            const err = new StripeApiError(
              400,
              'idempotency_error',
              `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
            );
            return sendJson(res, 400, err.body(), headers);
          }
          return sendJson(res, cached.status, cached.body, { ...headers, 'Idempotent-Replayed': 'true' });
        }
        if (inProgress.has(key)) {
          const err = new StripeApiError(
            409,
            'idempotency_error',
            `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
          );
          return sendJson(res, 409, err.body(), headers);
        }
        inProgress.add(key);
      }
      let status = 200;
      let body: unknown;
      try {
        body = await handler(ctx, params, { id: requestId, idempotencyKey: key ?? null });
      } catch (err) {
        if (!(err instanceof StripeApiError)) throw err;
        status = err.status;
        body = err.body();
      } finally {
        if (key) inProgress.delete(key);
      }
      // Like Stripe, a request refused at parameter validation saves no idempotent result.
      if (key && status !== 400) idempotency.set(key, { fingerprint, status, body, at: Date.now() });
      sendJson(res, status, body, headers);
    };
  }

  const expandOf = (params: Record<string, unknown>) =>
    parseParams(RetrieveParams, { expand: params.expand }).expand ?? [];
  /** `data.x` expansions of a list, as `x` for each item. */
  const itemExpand = (expand: string[] | undefined) => (expand ?? []).map((e) => e.replace(/^data\./, ''));
  const sendAll = (events: EventObject[]) => {
    for (const e of events) webhooks.send(e);
  };
  const pay = state.payments;
  const catalog = state.catalog;

  const ID = '([^/]+)';
  router
    .on(
      'POST',
      /^\/v1\/checkout\/sessions$/,
      api((_c, p) => state.createSession(parseParams(CreateCheckoutSessionParams, p))),
    )
    .on(
      'GET',
      /^\/v1\/checkout\/sessions$/,
      api((_c, p) => {
        const f = parseParams(ListCheckoutSessionsParams, p);
        const matching = [...state.sessions.values()]
          .map((x) => x.session)
          .filter(
            (s) =>
              (f.payment_intent === undefined || s.payment_intent === f.payment_intent) &&
              (f.status === undefined || s.status === f.status),
          );
        const list = paginate(matching, f, '/v1/checkout/sessions');
        const expand = itemExpand(f.expand);
        return { ...list, data: list.data.map((s) => state.sessionView(s.id, expand)) };
      }),
    )
    .on(
      'GET',
      new RegExp(`^/v1/checkout/sessions/${ID}$`),
      api((c, p) => state.sessionView(c.params[0]!, parseParams(RetrieveParams, p).expand)),
    )
    .on(
      'GET',
      new RegExp(`^/v1/checkout/sessions/${ID}/line_items$`),
      api((c) => state.lineItems(c.params[0]!)),
    )
    .on(
      'POST',
      new RegExp(`^/v1/checkout/sessions/${ID}/expire$`),
      api((c, _p, request) => {
        const event = state.expireSession(c.params[0]!, request);
        webhooks.send(event);
        return state.sessionView(c.params[0]!);
      }),
    )
    .on(
      'POST',
      /^\/v1\/customers$/,
      api((_c, p) => state.createCustomer(parseParams(CreateCustomerParams, p))),
    )
    .on(
      'GET',
      new RegExp(`^/v1/customers/${ID}$`),
      api((c) => structuredClone(state.customer(c.params[0]!))),
    )
    .on(
      'DELETE',
      new RegExp(`^/v1/customers/${ID}$`),
      api((c) => state.deleteCustomer(c.params[0]!)),
    )
    .on(
      'POST',
      /^\/v1\/coupons$/,
      api((_c, p) => state.createCoupon(parseParams(CreateCouponParams, p))),
    )
    .on(
      'GET',
      new RegExp(`^/v1/coupons/${ID}$`),
      api((c) => structuredClone(state.coupon(c.params[0]!))),
    )
    .on(
      'POST',
      /^\/v1\/promotion_codes$/,
      api((_c, p) => {
        const params = parseParams(CreatePromotionCodeParams, p);
        const promo = state.createPromotionCode(params);
        return state.promotionCodeView(promo, params.expand);
      }),
    )
    .on(
      'GET',
      /^\/v1\/promotion_codes$/,
      api((_c, p) => {
        const f = parseParams(ListPromotionCodesParams, p);
        const matching = [...state.promotionCodes.values()].filter(
          (x) =>
            (f.code === undefined || x.code.toLowerCase() === f.code.toLowerCase()) &&
            (f.active === undefined || x.active === f.active) &&
            (f.customer === undefined || x.customer === f.customer) &&
            (f.coupon === undefined || x.promotion.coupon === f.coupon),
        );
        const list = paginate(matching, f, '/v1/promotion_codes');
        const expand = (f.expand ?? []).map((e) => e.replace(/^data\./, ''));
        return { ...list, data: list.data.map((x) => state.promotionCodeView(x, expand)) };
      }),
    )
    .on(
      'GET',
      new RegExp(`^/v1/promotion_codes/${ID}$`),
      api((c, p) => state.promotionCodeView(state.promotionCode(c.params[0]!), expandOf(p))),
    )
    .on(
      'POST',
      new RegExp(`^/v1/promotion_codes/${ID}$`),
      api((c, p) => {
        const params = parseParams(UpdatePromotionCodeParams, p);
        return state.promotionCodeView(state.updatePromotionCode(c.params[0]!, params), params.expand);
      }),
    )
    // Products and prices
    .on(
      'POST',
      /^\/v1\/products$/,
      api((_c, p) => catalog.createProduct(parseParams(CreateProductParams, p))),
    )
    .on(
      'GET',
      new RegExp(`^/v1/products/${ID}$`),
      api((c, p) => {
        parseParams(RetrieveParams, p);
        return structuredClone(catalog.product(c.params[0]!));
      }),
    )
    .on(
      'POST',
      new RegExp(`^/v1/products/${ID}$`),
      api((c, p) => catalog.updateProduct(c.params[0]!, parseParams(UpdateProductParams, p))),
    )
    .on(
      'POST',
      /^\/v1\/prices$/,
      api((_c, p) => {
        const params = parseParams(CreatePriceParams, p);
        return catalog.priceView(catalog.createPrice(params), params.expand);
      }),
    )
    .on(
      'GET',
      /^\/v1\/prices$/,
      api((_c, p) => {
        const f = parseParams(ListPricesParams, p);
        const matching = [...catalog.prices.values()].filter(
          (x) =>
            (f.lookup_keys === undefined ||
              (x.lookup_key !== null && f.lookup_keys.includes(x.lookup_key))) &&
            (f.active === undefined || x.active === f.active) &&
            (f.currency === undefined || x.currency === f.currency) &&
            (f.product === undefined || x.product === f.product) &&
            (f.type === undefined || x.type === f.type),
        );
        const list = paginate(matching, f, '/v1/prices');
        const expand = itemExpand(f.expand);
        return { ...list, data: list.data.map((x) => catalog.priceView(x, expand)) };
      }),
    )
    .on(
      'GET',
      new RegExp(`^/v1/prices/${ID}$`),
      api((c, p) => catalog.priceView(catalog.price(c.params[0]!), expandOf(p))),
    )
    .on(
      'POST',
      new RegExp(`^/v1/prices/${ID}$`),
      api((c, p) => {
        const params = parseParams(UpdatePriceParams, p);
        return catalog.priceView(catalog.updatePrice(c.params[0]!, params), params.expand);
      }),
    )
    // Payments: PaymentIntents, Charges, Refunds, Disputes
    .on(
      'GET',
      new RegExp(`^/v1/payment_intents/${ID}$`),
      api((c, p) => pay.paymentIntentView(pay.paymentIntent(c.params[0]!), expandOf(p))),
    )
    .on(
      'GET',
      /^\/v1\/charges$/,
      api((_c, p) => {
        const f = parseParams(ListChargesParams, p);
        const matching = [...pay.charges.values()].filter(
          (x) => f.payment_intent === undefined || x.payment_intent === f.payment_intent,
        );
        const list = paginate(matching, f, '/v1/charges');
        const expand = itemExpand(f.expand);
        return { ...list, data: list.data.map((x) => pay.chargeView(x, expand)) };
      }),
    )
    .on(
      'GET',
      new RegExp(`^/v1/charges/${ID}$`),
      api((c, p) => pay.chargeView(pay.charge(c.params[0]!), expandOf(p))),
    )
    .on(
      'POST',
      /^\/v1\/refunds$/,
      api((_c, p, request) => {
        const params = parseParams(CreateRefundParams, p);
        const { refund, events } = pay.createRefund(params, request);
        opts.log(`refund ${refund.id}: ${refund.amount} ${refund.currency} of ${String(refund.charge)}`);
        sendAll(events);
        return pay.refundView(refund, params.expand);
      }),
    )
    .on(
      'GET',
      /^\/v1\/refunds$/,
      api((_c, p) => {
        const f = parseParams(ListRefundsParams, p);
        const matching = [...pay.refunds.values()].filter(
          (x) =>
            (f.payment_intent === undefined || x.payment_intent === f.payment_intent) &&
            (f.charge === undefined || x.charge === f.charge),
        );
        const list = paginate(matching, f, '/v1/refunds');
        const expand = itemExpand(f.expand);
        return { ...list, data: list.data.map((x) => pay.refundView(x, expand)) };
      }),
    )
    .on(
      'GET',
      new RegExp(`^/v1/refunds/${ID}$`),
      api((c, p) => pay.refundView(pay.refund(c.params[0]!), expandOf(p))),
    )
    .on(
      'POST',
      new RegExp(`^/v1/refunds/${ID}$`),
      api((c, p) => {
        const params = parseParams(UpdateRefundParams, p);
        return pay.refundView(pay.updateRefund(c.params[0]!, params.metadata), params.expand);
      }),
    )
    .on(
      'GET',
      /^\/v1\/disputes$/,
      api((_c, p) => {
        const f = parseParams(ListDisputesParams, p);
        const matching = [...pay.disputes.values()].filter(
          (x) =>
            (f.payment_intent === undefined || x.payment_intent === f.payment_intent) &&
            (f.charge === undefined || x.charge === f.charge),
        );
        const list = paginate(matching, f, '/v1/disputes');
        const expand = itemExpand(f.expand);
        return { ...list, data: list.data.map((x) => pay.disputeView(x, expand)) };
      }),
    )
    .on(
      'GET',
      new RegExp(`^/v1/disputes/${ID}$`),
      api((c, p) => pay.disputeView(pay.dispute(c.params[0]!), expandOf(p))),
    )
    .on(
      'POST',
      new RegExp(`^/v1/disputes/${ID}$`),
      api((c, p, request) => {
        const params = parseParams(UpdateDisputeParams, p);
        const { dispute, events } = pay.updateDispute(c.params[0]!, params, request);
        sendAll(events);
        return pay.disputeView(dispute, params.expand);
      }),
    )
    .on(
      'POST',
      new RegExp(`^/v1/disputes/${ID}/close$`),
      api((c, p, request) => {
        const expand = expandOf(p);
        const { dispute, event } = pay.closeDispute(c.params[0]!, request);
        webhooks.send(event);
        return pay.disputeView(dispute, expand);
      }),
    )
    .on(
      'GET',
      /^\/v1\/webhook_endpoints$/,
      api((_c, p) => {
        const f = parseParams(ListWebhookEndpointsParams, p);
        return paginate([...webhookEndpoints.all.values()], f, '/v1/webhook_endpoints');
      }),
    )
    .on(
      'POST',
      /^\/v1\/webhook_endpoints$/,
      api((_c, p) => webhookEndpoints.create(parseParams(CreateWebhookEndpointParams, p))),
    )
    .on(
      'GET',
      new RegExp(`^/v1/webhook_endpoints/${ID}$`),
      api((c) => webhookEndpoints.get(c.params[0]!)),
    )
    .on(
      'GET',
      new RegExp(`^/v1/events/${ID}$`),
      api((c) => structuredClone(state.event(c.params[0]!))),
    )
    .on(
      'GET',
      /^\/v1\/events$/,
      api((_c, p) => {
        const f = parseParams(ListEventsParams, p);
        const events = [...state.events.values()].filter((e) => f.type === undefined || e.type === f.type);
        return paginate(events, f, '/v1/events');
      }),
    );

  /**
   * A dispute test card's chargeback: once `checkout.session.completed` has had its first delivery
   * attempt, and disputeDelayMs later, the charge is disputed and `charge.dispute.created` is sent.
   */
  function disputeLater(sessionId: string, reason: string, after: Promise<void>): void {
    const pi = state.sessionView(sessionId).payment_intent;
    if (typeof pi !== 'string') return;
    const chargeId = pay.paymentIntent(pi).latest_charge as string;
    const task = after
      .then(() => sleep(disputeDelayMs, undefined, { signal: lifetime.signal }))
      .then(
        () => {
          const event = pay.openDispute(chargeId, reason);
          opts.log(`charge ${chargeId} disputed (${reason}); sending ${event.id}`);
          webhooks.send(event);
        },
        () => undefined, // the stand-in stopped first
      );
    pendingDisputes.add(task);
    void task.finally(() => pendingDisputes.delete(task));
  }

  // Hosted checkout page

  function renderOpen(ctx: RequestContext, status: number, st: PageState = {}): void {
    const id = ctx.params[0]!;
    sendHtml(ctx.res, status, checkoutPage(state.sessionView(id), state.lineItems(id).data, st));
  }

  function successUrl(sessionId: string): string | null {
    const s = state.sessionView(sessionId);
    return s.success_url ? s.success_url.replaceAll('{CHECKOUT_SESSION_ID}', s.id) : null;
  }

  function renderNotOpen(ctx: RequestContext): boolean {
    const stored = state.sessions.get(ctx.params[0]!);
    if (!stored) {
      sendHtml(
        ctx.res,
        404,
        statePage('Checkout not found', 'This checkout session does not exist. Start again from the studio.'),
      );
      return true;
    }
    const s = stored.session;
    if (s.status === 'expired') {
      const link = s.cancel_url
        ? { href: s.cancel_url, label: 'Return to the studio', testId: 'cancel-checkout' }
        : undefined;
      sendHtml(
        ctx.res,
        410,
        statePage(
          'This checkout has expired',
          'Checkout sessions expire after 24 hours. Start a new checkout from your order.',
          link,
        ),
      );
      return true;
    }
    return false;
  }

  router.on('GET', /^\/pay\/([^/]+)$/, (ctx) => {
    if (renderNotOpen(ctx)) return;
    const s = state.sessionView(ctx.params[0]!);
    if (s.status === 'complete') {
      const next = successUrl(s.id);
      const link = next ? { href: next, label: 'Continue', testId: 'continue' } : undefined;
      return sendHtml(
        ctx.res,
        200,
        statePage('Payment complete', 'This order is already paid. Thank you!', link),
      );
    }
    renderOpen(ctx, 200);
  });

  router.on('POST', /^\/pay\/([^/]+)$/, async (ctx) => {
    const id = ctx.params[0]!;
    if (renderNotOpen(ctx)) return;
    const form = new URLSearchParams((await readBody(ctx.req, 64 * 1024)).toString('utf8'));
    const field = (name: string) => form.get(name) ?? '';
    const st: PageState = {
      email: field('email'),
      name: field('name'),
      card: field('card'),
      expiry: field('expiry'),
      cvc: field('cvc'),
      promoCode: field('promotion_code'),
    };
    const s = state.sessionView(id);

    if (s.status === 'complete') {
      // A second submit of an already paid session: no second charge, no second event.
      const next = successUrl(id);
      return next
        ? redirect(ctx.res, next)
        : sendHtml(ctx.res, 200, statePage('Payment complete', 'This order is already paid.'));
    }
    if (field('action') === 'apply-code') {
      try {
        state.applyCodeOnPage(id, st.promoCode ?? '');
        return renderOpen(ctx, 200, { ...st, promoCode: '' });
      } catch (err) {
        if (err instanceof CheckoutPageError) return renderOpen(ctx, 400, { ...st, error: err.message });
        throw err;
      }
    }
    // A session made for a Customer pays with that customer's address, as Stripe's page does.
    const email = s.customer_email ?? (s.customer && state.customer(s.customer).email) ?? st.email!.trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      return renderOpen(ctx, 400, { ...st, error: 'Enter a valid email address.' });
    const outcome = chargeCard({ number: st.card!, expiry: st.expiry!, cvc: st.cvc! });
    if (!outcome.ok) {
      opts.log(`session ${id}: card refused (${outcome.decline_code ?? outcome.code})`);
      return renderOpen(ctx, 402, { ...st, error: outcome.message });
    }
    let event;
    try {
      event = state.completeSession(
        id,
        { email, name: st.name?.trim() || null },
        { id: `req_${base62(14)}`, idempotencyKey: null },
        {
          brand: outcome.brand,
          last4: outcome.last4,
          expMonth: outcome.expMonth ?? 12,
          expYear: outcome.expYear ?? 2034,
        },
      );
    } catch (err) {
      if (err instanceof CheckoutPageError) return renderOpen(ctx, 400, { ...st, error: err.message });
      throw err;
    }
    if (event) {
      opts.log(`session ${id} paid (${outcome.brand} ${outcome.last4}); sending ${event.id}`);
      const { firstAttempt } = webhooks.send(event);
      if (outcome.dispute) disputeLater(id, outcome.dispute, firstAttempt);
      // Stripe delivers asynchronously; waiting briefly for the first try makes the usual case
      // (webhook before the success page) the common one locally, without hiding the other.
      await Promise.race([firstAttempt, sleep(firstAttemptWaitMs)]);
    }
    const next = successUrl(id);
    return next
      ? redirect(ctx.res, next)
      : sendHtml(ctx.res, 200, statePage('Payment complete', 'Thank you! You can close this page.'));
  });

  // Control endpoints for tests and demos (authenticated with the secret key)

  router.on(
    'POST',
    /^\/_standin\/events\/([^/]+)\/resend$/,
    api(async (c) => {
      const event = state.event(c.params[0]!);
      const delivered = await webhooks.send(event).done;
      return { id: event.id, delivered, attempts: webhooks.attempts.get(event.id) ?? [] };
    }),
  );
  router.on(
    'POST',
    /^\/_standin\/sessions\/([^/]+)\/expire$/,
    api(async (c, _p, request) => {
      const event = state.expireSession(c.params[0]!, request);
      const delivered = await webhooks.send(event).done;
      return { session: state.sessionView(c.params[0]!), event: event.id, delivered };
    }),
  );
  router.on(
    'POST',
    /^\/_standin\/charges\/([^/]+)\/dispute$/,
    api(async (c, p) => {
      const { reason } = parseParams(OpenDisputeParams, p);
      const charge = pay.charge(c.params[0]!);
      if (charge.disputed || charge.refunded) {
        throw new StripeApiError(
          400,
          'invalid_request_error',
          `Charge ${charge.id} is already ${charge.disputed ? 'disputed' : 'fully refunded'}.`,
        );
      }
      const event = pay.openDispute(charge.id, reason ?? 'fraudulent');
      const delivered = await webhooks.send(event).done;
      return { dispute: event.data.object, event: event.id, delivered };
    }),
  );
  router.on('GET', /^\/$/, ({ res }) => {
    const sessions = [...state.sessions.values()].map((x) => x.session).reverse();
    const events = [...state.events.values()].reverse();
    const money = {
      refunds: [...pay.refunds.values()].reverse(),
      disputes: [...pay.disputes.values()].reverse(),
    };
    sendHtml(res, 200, dashboardPage(sessions, events, webhooks.attempts, opts.webhookUrl, money));
  });

  const server = await listen(router.handle, opts.port, opts.host);
  publicUrl = `http://${opts.publicHost}:${server.port}`;

  const sweeper = setInterval(() => {
    for (const id of state.dueForExpiry()) {
      const event = state.expireSession(id, { id: null, idempotencyKey: null });
      opts.log(`session ${id} expired; sending ${event.id}`);
      webhooks.send(event);
    }
  }, opts.expirySweepMs ?? 30_000);
  sweeper.unref();

  return {
    url: publicUrl,
    port: server.port,
    state,
    webhooks,
    webhookEndpoints,
    stop: async () => {
      clearInterval(sweeper);
      lifetime.abort();
      await Promise.allSettled([...pendingDisputes]);
      await webhooks.stop();
      await server.close();
    },
  };
}
