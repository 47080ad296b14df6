import { ImageDoc, JobDoc } from '@likeness/core';
import { FieldValue, type Transaction } from 'firebase-admin/firestore';
import { imageRef, jobRef, orderRef } from '../shared/db.js';
import { runTransaction } from '../shared/transaction.js';

type Redo = NonNullable<JobDoc['redo']>;

/** The image a redo would replace, read inside the caller's transaction (before its writes). */
export async function readReplaced(tx: Transaction, orderId: string, redo: Redo): Promise<ImageDoc | null> {
  if (!redo.replaces) return null;
  const snap = await tx.get(imageRef(orderId, redo.replaces));
  return snap.exists ? ImageDoc.parse(snap.data()) : null;
}

/**
 * What a redo that produced no new image leaves behind, written in the transaction that ends its
 * job: the old image stays (no longer pending); a customer gets the allowance back and a sentence;
 * an automatic redo stops holding the order's settlement, and a blocked slot it could not fill
 * counts as a failed, blocked image.
 */
export function writeRedoFailure(
  tx: Transaction,
  orderId: string,
  redo: Redo,
  replaced: ImageDoc | null,
  message: string,
): void {
  const now = FieldValue.serverTimestamp();
  if (replaced && redo.replaces) {
    tx.update(imageRef(orderId, redo.replaces), {
      redo: null,
      ...(redo.kind === 'customer' && { redoFailed: message }),
    });
  }
  if (redo.kind === 'customer') {
    tx.update(orderRef(orderId), { 'redos.failed': FieldValue.increment(1), updatedAt: now });
    return;
  }
  tx.update(orderRef(orderId), {
    'images.redoing': FieldValue.increment(-1),
    ...(redo.replaces === null && {
      'images.failed': FieldValue.increment(1),
      'images.blocked': FieldValue.increment(1),
    }),
    updatedAt: now,
  });
}

/**
 * Ends a redo job that will produce nothing (its order stopped, or its one output was blocked), once:
 * a job already ended or ingested is left alone. Returns whether this call ended it.
 */
export async function endRedo(
  orderId: string,
  jobId: string,
  error: { code: string; message: string },
  customerMessage: string,
): Promise<boolean> {
  const jRef = jobRef(orderId, jobId);
  return runTransaction(async (tx) => {
    const snap = await tx.get(jRef);
    if (!snap.exists) return false;
    const job = JobDoc.parse(snap.data());
    if (!job.redo || job.ingested || job.status === 'failed' || job.status === 'succeeded') return false;
    const replaced = await readReplaced(tx, orderId, job.redo);
    tx.update(jRef, {
      status: 'failed',
      error: { ...error, at: FieldValue.serverTimestamp() },
      updatedAt: FieldValue.serverTimestamp(),
    });
    writeRedoFailure(tx, orderId, job.redo, replaced, customerMessage);
    return true;
  });
}
