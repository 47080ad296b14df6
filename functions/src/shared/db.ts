import { COLLECTIONS } from '@likeness/core';
import { FieldPath } from 'firebase-admin/firestore';
import { db } from './firebase.js';

/**
 * Every Firestore location the functions read or write. Names come from COLLECTIONS in core, which
 * the security rules and the web app use too; ids are deterministic wherever work can run twice.
 */
export const ordersCol = () => db().collection(COLLECTIONS.orders);
export const orderRef = (orderId: string) => ordersCol().doc(orderId);

export const photosOf = (orderId: string) => orderRef(orderId).collection(COLLECTIONS.photos);
export const photoRef = (orderId: string, photoId: string) => photosOf(orderId).doc(photoId);
/** Photos of every order, for the deadlines sweep. */
export const allPhotos = () => db().collectionGroup(COLLECTIONS.photos);

/** Face embeddings and hashes per photo: biometric data, so no security rule lets a browser read it. */
export const qcSignalsOf = (orderId: string) => orderRef(orderId).collection(COLLECTIONS.qcSignals);

/** What the browser announced before uploading, keyed by the photo id we handed out. Server-only. */
export const uploadIntentsOf = (orderId: string) => orderRef(orderId).collection(COLLECTIONS.uploadIntents);
export const uploadIntentRef = (orderId: string, photoId: string) => uploadIntentsOf(orderId).doc(photoId);

export const imagesOf = (orderId: string) => orderRef(orderId).collection(COLLECTIONS.images);
export const imageRef = (orderId: string, imageId: string) => imagesOf(orderId).doc(imageId);

export const jobsOf = (orderId: string) => orderRef(orderId).collection(COLLECTIONS.jobs);
export const jobRef = (orderId: string, jobId: string) => jobsOf(orderId).doc(jobId);
/** Jobs of every order, for the sweeper. */
export const allJobs = () => db().collectionGroup(COLLECTIONS.jobs);

/**
 * Server-only pipeline state of an order (LoRA weights location, Replicate version, training claim):
 * the customer-readable order doc stays free of anything that would let someone fetch the weights.
 */
export const pipelineStateRef = (orderId: string) =>
  orderRef(orderId).collection(COLLECTIONS.private).doc('pipeline');

/** The customer's reference face (an embedding) for scoring headshots: biometric, server-only. */
export const likenessReferenceRef = (orderId: string) =>
  orderRef(orderId).collection(COLLECTIONS.private).doc('likeness');

/** Stripe and Replicate deliveries, recorded in the transaction that applies them. */
export const stripeEventRef = (eventId: string) => db().collection(COLLECTIONS.stripeEvents).doc(eventId);
export const webhookEventRef = (webhookId: string) =>
  db().collection(COLLECTIONS.webhookEvents).doc(webhookId);

/** A user's calls of one callable in the current minute (shared/rate-limit.ts). Server-only. */
export const rateLimitRef = (uid: string, callable: string) =>
  db().collection(COLLECTIONS.rateLimits).doc(`${uid}_${callable}`);

/** Every rate counter of one user (`{uid}_{callable}` ids sort together). */
export const rateLimitsOf = (uid: string) =>
  db()
    .collection(COLLECTIONS.rateLimits)
    .where(FieldPath.documentId(), '>=', `${uid}_`)
    .where(FieldPath.documentId(), '<', `${uid}_\uf8ff`);

/** One document per email ever owed, keyed by its dedupe key: the same key sends once. */
export const mailRef = (dedupeKey: string) => db().collection(COLLECTIONS.mail).doc(dedupeKey);

/**
 * The operator audit log: `auditLog/{seq}` entries, zero-padded so document ids sort like seq, and
 * `auditLog/_head` (the last seq and hash), which every append reads in its transaction.
 */
export const auditLogCol = () => db().collection(COLLECTIONS.auditLog);
export const auditEntryRef = (seq: number) => auditLogCol().doc(String(seq).padStart(12, '0'));
export const auditHeadRef = () => auditLogCol().doc('_head');

/** `users/{uid}`: the customer's consent (browser-written under the rules). */
export const userRef = (uid: string) => db().collection(COLLECTIONS.users).doc(uid);

/** `accountDeletions/{uid}`: server-only progress of an account deletion. */
export const accountDeletionsCol = () => db().collection(COLLECTIONS.accountDeletions);
export const accountDeletionRef = (uid: string) => accountDeletionsCol().doc(uid);

/** Every mail record of an order (they hold the recipient's address): deleted with the order. */
export const mailOfOrder = (orderId: string) =>
  db().collection(COLLECTIONS.mail).where('orderId', '==', orderId);
