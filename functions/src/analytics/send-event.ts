import { AnalyticsEventDoc, OrderDoc } from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { orderRef } from '../shared/db.js';
import {
  measurementProtocolBody,
  measurementProtocolTarget,
  sendMeasurementProtocol,
} from './measurement-protocol.js';
import { analyticsEventRef } from './record-event.js';

/**
 * The task behind a recorded purchase or refund: sends it once. The record is marked sent after GA
 * took it; a crash between the two sends it again on retry, which GA's de-duplication of a purchase's
 * transaction_id absorbs.
 */
export async function sendAnalyticsEvent(eventId: string): Promise<string> {
  const target = measurementProtocolTarget();
  if (!target) return 'not-configured';
  const ref = analyticsEventRef(eventId);
  const snap = await ref.get();
  if (!snap.exists) return 'missing';
  const event = AnalyticsEventDoc.parse(snap.data());
  if (event.sentAt) return 'already-sent';
  const order = OrderDoc.safeParse((await orderRef(event.orderId).get()).data());
  const adsConsent = order.success && order.data.attribution?.adsConsent === true;
  await sendMeasurementProtocol(target, measurementProtocolBody(event, adsConsent));
  await ref.update({ sentAt: FieldValue.serverTimestamp() });
  return 'sent';
}
