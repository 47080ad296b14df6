import { COLLECTIONS } from '@likeness/core';
import { db } from '../shared/firebase.js';
import { orderRef } from '../shared/orders.js';

/** Firestore locations the customer-facing functions read and write. */
export const photosOf = (orderId: string) => orderRef(orderId).collection(COLLECTIONS.photos);
export const photoRef = (orderId: string, photoId: string) => photosOf(orderId).doc(photoId);
export const imagesOf = (orderId: string) => orderRef(orderId).collection(COLLECTIONS.images);
export const stripeEventRef = (eventId: string) => db().collection(COLLECTIONS.stripeEvents).doc(eventId);

/**
 * What the browser announced before uploading (file name, type, size), keyed by the photo id we
 * handed out. Server-only: no security rule matches it. Confirming an upload consumes its intent.
 */
export const uploadIntentsOf = (orderId: string) => orderRef(orderId).collection('uploadIntents');
export const uploadIntentRef = (orderId: string, photoId: string) => uploadIntentsOf(orderId).doc(photoId);
