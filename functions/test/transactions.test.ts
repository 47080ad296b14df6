/**
 * Concurrent read-query-write transactions on one document all land, each on committed state, as
 * two clicks on one operator button must.
 */
import { FieldValue } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { runTransaction } from '../src/shared/transaction.js';
import { testDb } from './helpers/emulator.js';

describe('runTransaction', () => {
  it('lands every one of 8 concurrent transactions that read, query and write the same document', async () => {
    const parent = testDb.collection('transactionProbe').doc();
    await parent.set({ count: 0 });
    await Promise.all([0, 1, 2].map((i) => parent.collection('items').doc(`i${i}`).set({ open: true })));

    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        runTransaction(async (tx) => {
          const doc = await tx.get(parent);
          // Some are still reading when others commit.
          await new Promise((r) => setTimeout(r, 25 * (i % 4)));
          const open = await tx.get(parent.collection('items').where('open', '==', true));
          for (const item of open.docs) tx.update(item.ref, { lastWriter: i });
          tx.update(parent, { count: FieldValue.increment(1), [`seen.c${i}`]: open.size });
          return doc.data()!.count as number;
        }),
      ),
    );
    const after = (await parent.get()).data()!;
    expect(after.count).toBe(8);
    expect(Object.values(after.seen)).toEqual(Array(8).fill(3));
    // Each ran on a committed state: every count from 0 to 7 was read by exactly one of them.
    expect([...answers].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('ends at once on an error the body throws', async () => {
    let runs = 0;
    await expect(
      runTransaction(async () => {
        runs += 1;
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(runs).toBe(1);
  });
});
