import { base62, stripeId } from '../http/ids.js';
import { formatAmount } from './amounts.js';
import { mergeMetadata } from './catalog.js';
import { invalidParam, noSuch, StripeApiError } from './errors.js';
import {
  DISPUTE_EVIDENCE_FIELDS,
  type ChargeObject,
  type DisputeObject,
  type DisputeStatus,
  type EventObject,
  type Metadata,
  type PaymentIntentObject,
  type RefundObject,
} from './objects.js';
import type { CreateRefundParams, UpdateDisputeParams } from './params.js';

const nowSec = () => Math.floor(Date.now() / 1000);
const clone = <T>(v: T): T => structuredClone(v);

/** Who asked for a change: the API request, or null for what Stripe does on its own. */
export interface RequestInfo {
  id: string | null;
  idempotencyKey: string | null;
}

export type CreateEvent = (
  type: string,
  object: unknown,
  request: RequestInfo,
  previousAttributes?: Record<string, unknown>,
) => EventObject;

/** The card a hosted-page payment was made with. */
export interface PaidCard {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export interface PaymentInput {
  paymentIntent: string;
  amount: number;
  currency: string;
  metadata: Metadata;
  description: string | null;
  receiptEmail: string | null;
  billing: { email: string | null; name: string | null };
  card: PaidCard;
}

const AUTOMATIC: RequestInfo = { id: null, idempotencyKey: null };
const CLOSED: readonly DisputeStatus[] = ['won', 'lost'];
/** Stripe's test-mode evidence values that decide a dispute (docs.stripe.com/testing#evidence). */
const WINNING_EVIDENCE = 'winning_evidence';
const LOSING_EVIDENCE = 'losing_evidence';
/** Visa's reason code for card-absent fraud, what a `fraudulent` chargeback carries. */
const NETWORK_REASON: Record<string, string> = { fraudulent: '10.4', product_not_received: '13.1' };

/**
 * What happens to money after Checkout: the PaymentIntent and Charge of each paid session, refunds
 * against them (partial or full, never more than is left), and disputes (chargebacks) with
 * Stripe's test-mode evidence values deciding the outcome.
 */
export class Payments {
  readonly paymentIntents = new Map<string, PaymentIntentObject>();
  readonly charges = new Map<string, ChargeObject>();
  readonly refunds = new Map<string, RefundObject>();
  readonly disputes = new Map<string, DisputeObject>();

  constructor(private readonly createEvent: CreateEvent) {}

  /** Creates the succeeded PaymentIntent and its Charge for a paid session. */
  recordPayment(p: PaymentInput): { paymentIntent: PaymentIntentObject; charge: ChargeObject } {
    const created = nowSec();
    const paymentMethod = stripeId('pm_', 24);
    const charge: ChargeObject = {
      id: stripeId('ch_', 24),
      object: 'charge',
      amount: p.amount,
      amount_captured: p.amount,
      amount_refunded: 0,
      application: null,
      application_fee: null,
      application_fee_amount: null,
      balance_transaction: stripeId('txn_', 24),
      billing_details: {
        address: null,
        email: p.billing.email,
        name: p.billing.name,
        phone: null,
        tax_id: null,
      },
      calculated_statement_descriptor: 'LIKENESS',
      captured: true,
      created,
      currency: p.currency,
      customer: null,
      description: p.description,
      disputed: false,
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      fraud_details: {},
      livemode: false,
      metadata: { ...p.metadata },
      on_behalf_of: null,
      outcome: {
        advice_code: null,
        network_advice_code: null,
        network_decline_code: null,
        network_status: 'approved_by_network',
        reason: null,
        risk_level: 'normal',
        risk_score: 20,
        seller_message: 'Payment complete.',
        type: 'authorized',
      },
      paid: true,
      payment_intent: p.paymentIntent,
      payment_method: paymentMethod,
      payment_method_details: {
        type: 'card',
        card: {
          amount_authorized: p.amount,
          authorization_code: null,
          brand: p.card.brand,
          checks: null,
          country: 'US',
          electronic_commerce_indicator: null,
          exp_month: p.card.expMonth,
          exp_year: p.card.expYear,
          funding: 'credit',
          installments: null,
          last4: p.card.last4,
          mandate: null,
          network: p.card.brand,
          network_transaction_id: null,
          regulated_status: null,
          three_d_secure: null,
          transaction_link_id: null,
          wallet: null,
        },
      },
      receipt_email: p.receiptEmail,
      receipt_number: null,
      receipt_url: null,
      refunded: false,
      review: null,
      shipping: null,
      source: null,
      source_transfer: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status: 'succeeded',
      transfer_data: null,
      transfer_group: null,
    };
    const paymentIntent: PaymentIntentObject = {
      id: p.paymentIntent,
      object: 'payment_intent',
      allowed_payment_method_types: null,
      amount: p.amount,
      amount_capturable: 0,
      amount_received: p.amount,
      application: null,
      application_fee_amount: null,
      automatic_payment_methods: null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: 'automatic',
      client_secret: `${p.paymentIntent}_secret_${base62(25)}`,
      confirmation_method: 'automatic',
      created,
      currency: p.currency,
      customer: null,
      customer_account: null,
      description: p.description,
      excluded_payment_method_types: null,
      last_payment_error: null,
      latest_charge: charge.id,
      livemode: false,
      managed_payments: null,
      metadata: { ...p.metadata },
      next_action: null,
      on_behalf_of: null,
      payment_method: paymentMethod,
      payment_method_configuration_details: null,
      payment_method_options: null,
      payment_method_types: ['card'],
      payment_record: null,
      processing: null,
      receipt_email: p.receiptEmail,
      review: null,
      setup_future_usage: null,
      shipping: null,
      source: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status: 'succeeded',
      transfer_group: null,
    };
    this.charges.set(charge.id, charge);
    this.paymentIntents.set(paymentIntent.id, paymentIntent);
    return { paymentIntent: clone(paymentIntent), charge: clone(charge) };
  }

  paymentIntent(id: string, param = 'id', status = 404): PaymentIntentObject {
    const pi = this.paymentIntents.get(id);
    if (!pi) throw noSuch('payment_intent', id, param, status);
    return pi;
  }

  charge(id: string, param = 'id', status = 404): ChargeObject {
    const ch = this.charges.get(id);
    if (!ch) throw noSuch('charge', id, param, status);
    return ch;
  }

  refund(id: string): RefundObject {
    const r = this.refunds.get(id);
    if (!r) throw noSuch('refund', id);
    return r;
  }

  dispute(id: string): DisputeObject {
    const d = this.disputes.get(id);
    if (!d) throw noSuch('dispute', id);
    return d;
  }

  // Views with `expand`

  paymentIntentView(pi: PaymentIntentObject, expand: readonly string[] = []): PaymentIntentObject {
    checkExpand(expand, ['latest_charge']);
    const view = clone(pi);
    if (expand.includes('latest_charge') && typeof pi.latest_charge === 'string') {
      view.latest_charge = clone(this.charge(pi.latest_charge));
    }
    return view;
  }

  chargeView(ch: ChargeObject, expand: readonly string[] = []): ChargeObject {
    checkExpand(expand, ['payment_intent', 'refunds']);
    const view = clone(ch);
    if (expand.includes('refunds')) {
      const data = [...this.refunds.values()].filter((r) => r.charge === ch.id).reverse();
      view.refunds = {
        object: 'list',
        data: clone(data),
        has_more: false,
        url: `/v1/charges/${ch.id}/refunds`,
      };
    }
    if (expand.includes('payment_intent') && typeof ch.payment_intent === 'string') {
      view.payment_intent = clone(this.paymentIntent(ch.payment_intent));
    }
    return view;
  }

  refundView(r: RefundObject, expand: readonly string[] = []): RefundObject {
    checkExpand(expand, ['charge', 'payment_intent']);
    const view = clone(r);
    if (expand.includes('charge') && typeof r.charge === 'string') view.charge = clone(this.charge(r.charge));
    if (expand.includes('payment_intent') && typeof r.payment_intent === 'string') {
      view.payment_intent = clone(this.paymentIntent(r.payment_intent));
    }
    return view;
  }

  disputeView(d: DisputeObject, expand: readonly string[] = []): DisputeObject {
    checkExpand(expand, ['charge', 'payment_intent']);
    const view = clone(d);
    if (expand.includes('charge') && typeof d.charge === 'string') view.charge = clone(this.charge(d.charge));
    if (expand.includes('payment_intent') && typeof d.payment_intent === 'string') {
      view.payment_intent = clone(this.paymentIntent(d.payment_intent));
    }
    return view;
  }

  // Refunds

  /**
   * Refunds (part of) a charge, named directly or through its PaymentIntent. Returns the refund and
   * the events Stripe sends for it: `refund.created`, then `charge.refunded` with the charge's new
   * `amount_refunded` (and its old values in `previous_attributes`).
   */
  createRefund(p: CreateRefundParams, request: RequestInfo): { refund: RefundObject; events: EventObject[] } {
    let charge: ChargeObject | undefined;
    if (p.payment_intent !== undefined) {
      const pi = this.paymentIntent(p.payment_intent, 'payment_intent');
      if (typeof pi.latest_charge !== 'string') {
        throw invalidParam(
          'payment_intent',
          `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`,
        );
      }
      charge = this.charge(pi.latest_charge);
    }
    if (p.charge !== undefined) {
      const named = this.charge(p.charge, 'charge');
      if (charge && named.id !== charge.id) {
        throw invalidParam(
          'charge',
          `Charge ${named.id} does not belong to PaymentIntent ${p.payment_intent}.`,
        );
      }
      charge = named;
    }
    if (!charge) {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        'One of the following params should be provided for this request: payment_intent or charge.',
        { code: 'parameter_missing' },
      );
    }
    const remaining = charge.amount - charge.amount_refunded;
    if (remaining <= 0) {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `Charge ${charge.id} has already been refunded.`,
        {
          code: 'charge_already_refunded',
        },
      );
    }
    const dispute = [...this.disputes.values()].find((d) => d.charge === charge.id);
    if (dispute && !dispute.is_charge_refundable && dispute.status !== 'won') {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `Charge ${charge.id} has been charged back; cannot issue a refund.`,
        { code: 'charge_disputed' },
      );
    }
    const amount = p.amount ?? remaining;
    if (amount > remaining) {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
        { param: 'amount', code: 'amount_too_large' },
      );
    }
    const refund: RefundObject = {
      id: stripeId('re_', 24),
      object: 'refund',
      amount,
      balance_transaction: stripeId('txn_', 24),
      charge: charge.id,
      created: nowSec(),
      currency: charge.currency,
      customer: null,
      customer_account: null,
      metadata: p.metadata ?? {},
      payment_intent: charge.payment_intent,
      payment_method: charge.payment_method,
      reason: p.reason ?? null,
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: null,
    };
    this.refunds.set(refund.id, refund);
    const previous: Record<string, unknown> = { amount_refunded: charge.amount_refunded };
    charge.amount_refunded += amount;
    if (charge.amount_refunded >= charge.amount) {
      previous.refunded = charge.refunded;
      charge.refunded = true;
    }
    const events = [
      this.createEvent('refund.created', clone(refund), request),
      this.createEvent('charge.refunded', clone(charge), request, previous),
    ];
    return { refund: clone(refund), events };
  }

  updateRefund(id: string, metadata: Metadata | '' | undefined): RefundObject {
    const refund = this.refund(id);
    refund.metadata = mergeMetadata(refund.metadata, metadata);
    return clone(refund);
  }

  // Disputes

  /**
   * The cardholder disputes a charge (what Stripe's dispute test cards do right after payment):
   * marks the charge `disputed` and returns the `charge.dispute.created` event.
   */
  openDispute(chargeId: string, reason: string): EventObject {
    const charge = this.charge(chargeId);
    const created = nowSec();
    const evidence = Object.fromEntries(DISPUTE_EVIDENCE_FIELDS.map((f) => [f, null])) as Record<
      (typeof DISPUTE_EVIDENCE_FIELDS)[number],
      null
    >;
    const dispute: DisputeObject = {
      id: stripeId('du_', 24),
      object: 'dispute',
      amount: charge.amount - charge.amount_refunded,
      balance_transactions: [],
      charge: charge.id,
      created,
      currency: charge.currency,
      enhanced_eligibility_types: [],
      evidence: { ...evidence, enhanced_evidence: {} },
      evidence_details: {
        due_by: created + 7 * 24 * 3600,
        enhanced_eligibility: {},
        has_evidence: false,
        past_due: false,
        submission_count: 0,
        submission_method: 'not_submitted',
      },
      intended_submission_method: null,
      is_charge_refundable: false,
      livemode: false,
      metadata: {},
      network_reason_code: NETWORK_REASON[reason] ?? null,
      payment_intent: charge.payment_intent,
      reason,
      status: 'needs_response',
    };
    this.disputes.set(dispute.id, dispute);
    charge.disputed = true;
    return this.createEvent('charge.dispute.created', clone(dispute), AUTOMATIC);
  }

  private assertOpen(d: DisputeObject): void {
    if (CLOSED.includes(d.status)) {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `This dispute (${d.id}) is already closed with status \`${d.status}\` and can no longer be changed.`,
      );
    }
  }

  /**
   * Stages or submits evidence (and metadata). Submitted evidence whose `uncategorized_text` is
   * `winning_evidence` wins the dispute and `losing_evidence` loses it, as in Stripe's test mode;
   * other evidence leaves it `under_review`. Closing sends `charge.dispute.closed`; any other
   * change sends `charge.dispute.updated`.
   */
  updateDispute(
    id: string,
    p: UpdateDisputeParams,
    request: RequestInfo,
  ): { dispute: DisputeObject; events: EventObject[] } {
    const d = this.dispute(id);
    this.assertOpen(d);
    const previous: Record<string, unknown> = {};
    if (p.evidence) {
      previous.evidence = clone(d.evidence);
      for (const [k, v] of Object.entries(p.evidence)) {
        if (v !== undefined) d.evidence[k as keyof typeof p.evidence] = v === '' ? null : v;
      }
    }
    if (p.metadata !== undefined) {
      previous.metadata = d.metadata;
      d.metadata = mergeMetadata(d.metadata, p.metadata);
    }
    if (p.evidence && p.submit !== false) {
      previous.evidence_details = clone(d.evidence_details);
      previous.status = d.status;
      d.evidence_details.has_evidence = true;
      d.evidence_details.submission_count += 1;
      d.evidence_details.submission_method = 'manual';
      const text = d.evidence.uncategorized_text;
      d.status = text === WINNING_EVIDENCE ? 'won' : text === LOSING_EVIDENCE ? 'lost' : 'under_review';
    }
    const type = CLOSED.includes(d.status) ? 'charge.dispute.closed' : 'charge.dispute.updated';
    const events = Object.keys(previous).length ? [this.createEvent(type, clone(d), request, previous)] : [];
    return { dispute: clone(d), events };
  }

  /** Accepts the dispute (no evidence): it is lost, and `charge.dispute.closed` is sent. */
  closeDispute(id: string, request: RequestInfo): { dispute: DisputeObject; event: EventObject } {
    const d = this.dispute(id);
    this.assertOpen(d);
    const previous = { status: d.status };
    d.status = 'lost';
    const event = this.createEvent('charge.dispute.closed', clone(d), request, previous);
    return { dispute: clone(d), event };
  }
}

function checkExpand(expand: readonly string[], allowed: readonly string[]): void {
  for (const e of expand) {
    if (!allowed.includes(e)) {
      throw invalidParam(
        'expand',
        `This property cannot be expanded (${e}). The local stand-in expands ${allowed.join(', ')} here.`,
      );
    }
  }
}
