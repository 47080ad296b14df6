import type { OrderDoc, OrderStatus } from '@likeness/core';
import { followUps } from '../shared/follow-ups.js';
import type { FollowUp } from '../shared/tasks.js';
import type { EmailContext, RenderedEmail } from './layout.js';
import { renderHeadshotsExpiring } from './templates/headshots-expiring.js';
import { renderOrderDeleted, renderTrainingDataDeleted } from './templates/order-deleted.js';
import { renderOrderDelivered } from './templates/order-delivered.js';
import { renderOrderFailed } from './templates/order-failed.js';
import { renderOrderRefunded } from './templates/order-refunded.js';

/**
 * Every email the product sends. Adding one is an entry here, its template under templates/ and a
 * test: the places where an order enters a status ask `emailsOwed` what that status owes.
 */
export interface EmailDefinition {
  /**
   * The order status whose entry owes this email. With `delaySeconds` it is sent that long after,
   * and only if the order is still in that status by then (a reminder that is moot is not sent).
   * Without a trigger the email is sent when something asks for it (the deletion routine, the
   * retention purge).
   */
  trigger?: { status: OrderStatus; delaySeconds?: number };
  /** Sent about an order that is already deleted (its receipt); every other email is then moot. */
  afterDeletion?: boolean;
  /** One email per key, ever: the key is the `mail/{key}` document that records the send. */
  dedupeKey: (orderId: string) => string;
  render: (ctx: EmailContext) => Promise<RenderedEmail>;
}

export const EMAILS = {
  'order-delivered': {
    trigger: { status: 'delivered' },
    dedupeKey: (orderId) => `delivered-${orderId}`,
    render: renderOrderDelivered,
  },
  'order-failed': {
    trigger: { status: 'failed' },
    dedupeKey: (orderId) => `failed-${orderId}`,
    render: renderOrderFailed,
  },
  'order-refunded': {
    trigger: { status: 'refunded' },
    dedupeKey: (orderId) => `refunded-${orderId}`,
    render: renderOrderRefunded,
  },
  'order-deleted': {
    afterDeletion: true,
    dedupeKey: (orderId) => `deleted-${orderId}`,
    render: renderOrderDeleted,
  },
  'training-data-deleted': {
    dedupeKey: (orderId) => `training-data-deleted-${orderId}`,
    render: renderTrainingDataDeleted,
  },
  'headshots-expiring': {
    dedupeKey: (orderId) => `headshots-expiring-${orderId}`,
    render: renderHeadshotsExpiring,
  },
} satisfies Record<string, EmailDefinition>;

export type EmailTemplateId = keyof typeof EMAILS;

const entries = Object.entries(EMAILS) as [EmailTemplateId, EmailDefinition][];

export const isEmailTemplate = (id: string): id is EmailTemplateId => Object.hasOwn(EMAILS, id);

/** The send tasks an order that has just entered (or is found in) `status` owes; ids make them once. */
export function emailsOwed(orderId: string, status: OrderStatus): FollowUp[] {
  return entries
    .filter(([, e]) => e.trigger?.status === status)
    .map(([id, e]) => followUps.sendEmail(id, orderId, e.dedupeKey(orderId), e.trigger?.delaySeconds));
}

/** The send task of an email that no status triggers (a receipt, a reminder). */
export function emailFor(id: EmailTemplateId, orderId: string): FollowUp {
  return followUps.sendEmail(id, orderId, EMAILS[id].dedupeKey(orderId));
}

/**
 * Whether the order still wants this email now: a delayed one stops being wanted when the order
 * moves on, and nothing but a deletion receipt is sent about a deleted order.
 */
export function stillOwed(email: EmailDefinition, order: Pick<OrderDoc, 'status'>): boolean {
  if (order.status === 'deleted') return email.afterDeletion === true;
  return email.trigger?.delaySeconds === undefined || order.status === email.trigger.status;
}
