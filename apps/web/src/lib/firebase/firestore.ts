import { Attribution, COLLECTIONS, type DraftOrderFields } from '@likeness/core';
import {
  addDoc,
  collection,
  doc,
  documentId,
  limit,
  orderBy,
  query,
  serverTimestamp,
  updateDoc,
  where,
} from 'firebase/firestore';
import { firebase } from './client-app';

/** Every Firestore reference and query the pages use, and the few writes the rules allow a customer. */

const orders = () => collection(firebase().db, COLLECTIONS.orders);

export const orderRef = (orderId: string) => doc(orders(), orderId);

/** The caller's own orders, newest first (the rules let a customer list no others). */
export const customerOrders = (uid: string) =>
  query(orders(), where('uid', '==', uid), orderBy('createdAt', 'desc'));

/** The newest orders of everyone, for the operator console. */
export const recentOrders = (max: number) => query(orders(), orderBy('createdAt', 'desc'), limit(max));

/** Orders created since `since`, newest first, for the console's funnel (operators only). */
export const ordersCreatedSince = (since: Date, max: number) =>
  query(orders(), where('createdAt', '>=', since), orderBy('createdAt', 'desc'), limit(max));

/**
 * The landing counts of each UTC day from `fromDay` (YYYY-MM-DD, the document id) on, oldest first,
 * for the console's funnel (operators only).
 */
export const funnelDaysFrom = (fromDay: string, max: number) =>
  query(
    collection(firebase().db, COLLECTIONS.funnelDaily),
    where(documentId(), '>=', fromDay),
    orderBy(documentId()),
    limit(max),
  );

/** The most recently paid orders (those with a payment time), for the console's unit economics. */
export const recentPaidOrders = (max: number) =>
  query(orders(), orderBy('payment.paidAt', 'desc'), limit(max));

export const orderPhotos = (orderId: string) =>
  query(collection(orderRef(orderId), COLLECTIONS.photos), orderBy('createdAt'));

export const orderImages = (orderId: string) =>
  query(collection(orderRef(orderId), COLLECTIONS.images), orderBy('createdAt'));

export const orderJobs = (orderId: string) =>
  query(collection(orderRef(orderId), COLLECTIONS.jobs), orderBy('createdAt'));

/**
 * Orders that may need the operator, one query per reason so that none hides behind the newest
 * orders: failed or in a stage that can get stuck, an open dispute, a payment issue, a refund request,
 * a deletion that has not finished. The console merges them and decides which rows to show.
 */
export const attentionOrderQueries = (maxPerQuery: number) => [
  // Newest first: old failed orders stay failed, and a backlog of them must not hide today's.
  query(
    orders(),
    where('status', 'in', ['failed', 'paid', 'training', 'generating']),
    orderBy('updatedAt', 'desc'),
    limit(maxPerQuery),
  ),
  query(orders(), where('dispute.open', '==', true), orderBy('updatedAt', 'desc'), limit(maxPerQuery)),
  query(orders(), where('paymentIssues', '!=', null), limit(maxPerQuery)),
  query(orders(), where('refundRequest', '!=', null), limit(maxPerQuery)),
  // Delivered short of headshots (failed predictions an operator can retry).
  query(orders(), where('images.failed', '>', 0), limit(maxPerQuery)),
  // Deletions still running or stuck (the console shows those running long, with their last error).
  query(
    orders(),
    where('erasure.state', 'in', ['deleting', 'stuck']),
    orderBy('updatedAt', 'desc'),
    limit(maxPerQuery),
  ),
];

/** The newest entries of the operator audit log (its head document has no seq, so it is not listed). */
export const latestAuditEntries = (max: number) =>
  query(collection(firebase().db, COLLECTIONS.auditLog), orderBy('seq', 'desc'), limit(max));

/** Creates a draft order with exactly the keys firestore.rules allow on create; returns its id. */
export async function createDraftOrder(
  uid: string,
  fields: DraftOrderFields,
  attribution?: Attribution,
): Promise<string> {
  const ref = await addDoc(orders(), {
    // First touch (core/funnel.ts): checked by the rules, never changed later.
    ...(attribution ? { attribution: Attribution.parse(attribution) } : {}),
    uid,
    status: 'draft',
    subjectClass: fields.subjectClass,
    styleIds: fields.styleIds,
    planId: fields.planId,
    // What checkout will charge (core/plans.ts Currency; the rules allow only those we sell in).
    ...(fields.currency ? { currency: fields.currency } : {}),
    createdAt: serverTimestamp(),
    updatedAt: serverTimestamp(),
  });
  return ref.id;
}

const imageRef = (orderId: string, imageId: string) => doc(orderRef(orderId), COLLECTIONS.images, imageId);

/** Rating and favourite are the only fields of an image a customer may write. */
export const rateImage = (orderId: string, imageId: string, rating: number | null) =>
  updateDoc(imageRef(orderId, imageId), { rating });

export const favoriteImage = (orderId: string, imageId: string, favorite: boolean) =>
  updateDoc(imageRef(orderId, imageId), { favorite });
