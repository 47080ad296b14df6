import {
  analyticsEventId,
  COLLECTIONS,
  FUNNEL_EVENTS,
  type AnalyticsEventDoc,
  type FunnelParams,
  type OrderDoc,
  type ServerFunnelEventName,
} from '@likeness/core';
import { FieldValue, type Transaction } from 'firebase-admin/firestore';
import { db } from '../shared/firebase.js';
import type { FollowUp } from '../shared/tasks.js';
import { measurementProtocolTarget } from './measurement-protocol.js';

export const analyticsEventRef = (eventId: string) =>
  db().collection(COLLECTIONS.analyticsEvents).doc(eventId);

/**
 * GA's client id for an order's server-side events: the browser's, when it sent one with analytics
 * consent, so the purchase joins that visitor's session; else one derived from the order.
 */
export const clientIdFor = (orderId: string, order: Pick<OrderDoc, 'attribution'>) =>
  order.attribution?.gaClientId ?? `order.${orderId}`;

/**
 * Records a purchase or refund for GA4 inside the transaction that records the money, so it exists
 * exactly once whatever the webhook replays; enqueue `sendAnalyticsFollowUp` of its id after the
 * commit (on replays too: the task id makes a second enqueue a no-op). Nothing when GA4 is not
 * configured.
 */
export function recordServerEvent<N extends ServerFunnelEventName>(
  tx: Transaction,
  orderId: string,
  order: Pick<OrderDoc, 'attribution'>,
  name: N,
  params: FunnelParams<N>,
  suffix = '',
): void {
  if (!measurementProtocolTarget()) return;
  const eventId = analyticsEventId(orderId, name, suffix);
  const doc: AnalyticsEventDoc = {
    orderId,
    name,
    params: FUNNEL_EVENTS[name].parse(params) as AnalyticsEventDoc['params'],
    clientId: clientIdFor(orderId, order),
    sentAt: null,
  };
  tx.set(analyticsEventRef(eventId), { ...doc, createdAt: FieldValue.serverTimestamp() });
}

export const sendAnalyticsFollowUp = (eventId: string): FollowUp => ({
  queue: 'sendAnalyticsEvent',
  id: `ga-${eventId}`,
  payload: { eventId },
});
