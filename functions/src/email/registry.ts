import type { OrderDoc, OrderStatus } from '@likeness/core';
import { followUps } from '../shared/follow-ups.js';
import type { FollowUp } from '../shared/tasks.js';
import type { EmailContext, RenderedEmail } from './layout.js';
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
   */
  trigger: { status: OrderStatus; delaySeconds?: number };
  /** One email per key, ever: the key is the `mail/{key}` document that records the send. */
  dedupeKey: (orderId: string) => string;
  render: (ctx: EmailContext) => RenderedEmail;
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
} satisfies Record<string, EmailDefinition>;

export type EmailTemplateId = keyof typeof EMAILS;

const entries = Object.entries(EMAILS) as [EmailTemplateId, EmailDefinition][];

export const isEmailTemplate = (id: string): id is EmailTemplateId => Object.hasOwn(EMAILS, id);

/** The send tasks an order that has just entered (or is found in) `status` owes; ids make them once. */
export function emailsOwed(orderId: string, status: OrderStatus): FollowUp[] {
  return entries
    .filter(([, e]) => e.trigger.status === status)
    .map(([id, e]) => followUps.sendEmail(id, orderId, e.dedupeKey(orderId), e.trigger.delaySeconds));
}

/** Whether the order still wants this email now; only a delayed one can stop being wanted. */
export function stillOwed(email: EmailDefinition, order: Pick<OrderDoc, 'status'>): boolean {
  return email.trigger.delaySeconds === undefined || order.status === email.trigger.status;
}
