import { COLLECTIONS } from '@likeness/core';
import { createSelfieQc, encodeEmbedding } from '@likeness/selfie-qc';
import { expect } from 'vitest';
import { testBlob, testDb } from './emulator.js';

/**
 * What the customer side's QC trigger leaves for each accepted selfie of a seeded order: its face
 * embedding, from which training picks the reference face that headshots are scored against.
 */
export async function writeQcSignals(orderId: string): Promise<number> {
  const qc = await createSelfieQc();
  const photos = await testDb.collection(`orders/${orderId}/photos`).where('status', '==', 'accepted').get();
  for (const photo of photos.docs) {
    const a = await qc.assessPhoto(await testBlob.read(photo.get('cropPath') as string), {
      trainingCrop: false,
    });
    expect(a.embedding).toBeDefined();
    await testDb
      .doc(`orders/${orderId}/${COLLECTIONS.qcSignals}/${photo.id}`)
      .set({ embedding: encodeEmbedding(a.embedding!), ...(a.phash && { phash: a.phash }) });
  }
  return photos.size;
}
