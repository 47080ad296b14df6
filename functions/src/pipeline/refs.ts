import { COLLECTIONS } from '@likeness/core';
import { orderRef } from '../shared/orders.js';
import { db } from '../shared/firebase.js';

/** Firestore locations the pipeline writes. Ids are deterministic so that every write is idempotent. */
export const jobsOf = (orderId: string) => orderRef(orderId).collection(COLLECTIONS.jobs);
export const jobRef = (orderId: string, jobId: string) => jobsOf(orderId).doc(jobId);
export const imageRef = (orderId: string, imageId: string) =>
  orderRef(orderId).collection(COLLECTIONS.images).doc(imageId);
export const photosOf = (orderId: string) => orderRef(orderId).collection(COLLECTIONS.photos);
export const webhookEventRef = (webhookId: string) =>
  db().collection(COLLECTIONS.webhookEvents).doc(webhookId);
export const mailRef = (dedupeKey: string) => db().collection(COLLECTIONS.mail).doc(dedupeKey);

/**
 * Server-only pipeline state of an order (LoRA weights location, Replicate version, training claim).
 * No security rule matches it, so customers cannot read it; the customer-readable order doc stays free
 * of anything that would let someone fetch the weights.
 */
export const pipelineStateRef = (orderId: string) => orderRef(orderId).collection('private').doc('pipeline');
