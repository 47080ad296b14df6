import { COLLECTIONS, type ImageDoc } from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { testDb } from './emulator.js';

/** A headshot's document as ingest writes it (files already stored), with the server's clock. */
export async function writeImageDoc(id: string, doc: Omit<ImageDoc, 'createdAt'>): Promise<void> {
  await testDb
    .collection(COLLECTIONS.orders)
    .doc(doc.orderId)
    .collection(COLLECTIONS.images)
    .doc(id)
    .set({ ...doc, createdAt: FieldValue.serverTimestamp() });
}
