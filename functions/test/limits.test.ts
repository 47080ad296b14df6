/**
 * What one account can make the backend do is bounded, each with a clear message: calls per
 * minute, orders in progress, upload URLs handed out but not used.
 */
import { CALLS_PER_MINUTE, COLLECTIONS, MAX_OPEN_ORDERS, MAX_UPLOADS_PER_ORDER } from '@likeness/core';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { createDraftOrder, selfie } from './helpers/customer.js';
import { callError, signUp, testDb } from './helpers/emulator.js';

async function oneFileRequest(orderId: string) {
  const file = await selfie(1);
  return { orderId, files: [{ name: file.name, contentType: file.contentType, size: file.bytes.length }] };
}

describe('limits', () => {
  it('refuses a user past the calls per minute of a callable', async () => {
    const user = await signUp();
    const orderId = await createDraftOrder(user);
    await testDb
      .collection(COLLECTIONS.rateLimits)
      .doc(`${user.uid}_getFileUrls`)
      .set({ window: Math.floor(Date.now() / 60_000), count: CALLS_PER_MINUTE });
    const err = await callError('getFileUrls', { orderId, kind: 'image', ids: ['x'] }, user.idToken);
    expect(err.status).toBe('RESOURCE_EXHAUSTED');
    expect(err.message).toContain('Too many requests');
    // Other callables have their own count.
    expect((await callError('createCheckout', { orderId }, user.idToken)).status).toBe('FAILED_PRECONDITION');
  });

  it('bounds the orders one account has in progress', async () => {
    const user = await signUp();
    for (let i = 0; i < MAX_OPEN_ORDERS; i++) {
      const id = await createDraftOrder(user);
      await testDb.collection(COLLECTIONS.orders).doc(id).update({ status: 'uploading' });
    }
    const draft = await createDraftOrder(user);
    const err = await callError('createUploadUrls', await oneFileRequest(draft), user.idToken);
    expect(err.status).toBe('RESOURCE_EXHAUSTED');
    expect(err.message).toContain(`You already have ${MAX_OPEN_ORDERS} orders`);
  });

  it('bounds upload URLs handed out but not used', async () => {
    const user = await signUp();
    const orderId = await createDraftOrder(user);
    const intents = testDb.collection(COLLECTIONS.orders).doc(orderId).collection(COLLECTIONS.uploadIntents);
    const later = Timestamp.fromMillis(Date.now() + 10 * 60_000);
    await Promise.all(
      Array.from({ length: MAX_UPLOADS_PER_ORDER }, (_, i) =>
        intents
          .doc(`p${i}`)
          .set({ uid: user.uid, expiresAt: later, createdAt: FieldValue.serverTimestamp() }),
      ),
    );
    const err = await callError('createUploadUrls', await oneFileRequest(orderId), user.idToken);
    expect(err.status).toBe('RESOURCE_EXHAUSTED');
    expect(err.message).toContain(`${MAX_UPLOADS_PER_ORDER} uploads of this order are still in progress`);
  });
});
