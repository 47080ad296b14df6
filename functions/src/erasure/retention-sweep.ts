import { DAY_MS, OrderDoc, RETENTION, retentionAction, type OrderStatus } from '@likeness/core';
import { FieldValue, Timestamp, type Query } from 'firebase-admin/firestore';
import { emailFor } from '../email/registry.js';
import { accountDeletionsCol, orderRef, ordersCol } from '../shared/db.js';
import { followUps } from '../shared/follow-ups.js';
import { readOrder } from '../shared/orders.js';
import { enqueueAll, type FollowUp } from '../shared/tasks.js';
import { beginErasure } from './begin-erasure.js';
import { runTransaction } from '../shared/transaction.js';
import { orderLogger } from '../shared/order-log.js';

export interface RetentionReport {
  erasing: number;
  reminded: number;
  resumed: number;
}

/** An erasure that has not finished in this time is enqueued again (a lost task, a stuck one). */
const RESUME_AFTER_MS = 6 * 60 * 60 * 1000;

const day = (nowMs: number) => new Date(nowMs).toISOString().slice(0, 10);

/**
 * The retention schedule, applied (core/privacy.ts decides; this finds the orders and acts). Runs
 * daily; `nowMs` lets a test run it as if the days had passed. Every action is idempotent: the
 * erasure is begun in a transaction that re-reads the order, and task ids are per order and scope.
 */
export async function applyRetention(
  nowMs = Date.now(),
  /** One customer's orders only (the integration tests share an emulator with other tests' orders). */
  only?: { uid: string },
): Promise<RetentionReport> {
  const mine = <Q extends Query>(q: Q) => (only ? q.where('uid', '==', only.uid) : q);
  const report: RetentionReport = { erasing: 0, reminded: 0, resumed: 0 };
  const tasks: FollowUp[] = [];
  const unpaidBefore = Timestamp.fromMillis(nowMs - RETENTION.unpaidOrderDays * DAY_MS);
  const trainingBefore = Timestamp.fromMillis(nowMs - RETENTION.trainingDataDays * DAY_MS);

  const candidates = await Promise.all([
    mine(
      ordersCol()
        .where('status', 'in', ['draft', 'uploading', 'ready'])
        .where('updatedAt', '<=', unpaidBefore),
    ).get(),
    ...(['delivered', 'failed', 'refunded'] as const).map((s) =>
      mine(ordersCol().where('status', '==', s).where(`statusAt.${s}`, '<=', trainingBefore)).get(),
    ),
  ]);
  for (const doc of candidates.flatMap((q) => q.docs)) {
    const parsed = OrderDoc.safeParse(doc.data());
    if (!parsed.success) {
      orderLogger(doc.id, 'retention').error('Retention skipped a malformed order', {
        issue: parsed.error.issues[0],
      });
      continue;
    }
    const order = parsed.data;
    const action = retentionAction(
      {
        status: order.status,
        updatedAtMs: order.updatedAt.toMillis(),
        statusAtMs: order.statusAt?.[order.status as OrderStatus]?.toMillis() ?? null,
        trainingDataErased: order.retention?.trainingDataErasedAt !== undefined,
        reminded: order.retention?.remindedAt !== undefined,
        erasing:
          order.erasure !== undefined &&
          (order.erasure.state !== 'deleted' || order.erasure.scope === 'everything'),
      },
      nowMs,
    );
    if (!action) continue;
    if (action.kind === 'remind-headshots') {
      await orderRef(doc.id).update({ 'retention.remindedAt': FieldValue.serverTimestamp() });
      tasks.push(emailFor('headshots-expiring', doc.id));
      report.reminded++;
      continue;
    }
    const begun = await runTransaction(async (tx) =>
      beginErasure(tx, doc.id, await readOrder(tx, orderRef(doc.id)), action.scope, action.reason),
    );
    if (begun === 'begun') {
      tasks.push(followUps.eraseOrder(doc.id, action.scope));
      report.erasing++;
    }
  }

  // The reminder (age ≥ headshotsDays − headshotsReminderDays) is among these too: that age is
  // past trainingDataDays.

  // Deletions that did not finish (a task lost, or stuck after its retries): try again, once a day.
  const stale = Timestamp.fromMillis(nowMs - RESUME_AFTER_MS);
  const unfinished = await mine(ordersCol().where('erasure.state', 'in', ['deleting', 'stuck'])).get();
  for (const doc of unfinished.docs) {
    const erasure = doc.get('erasure') as { state: string; scope: string; requestedAt?: Timestamp };
    const since = erasure.requestedAt?.toMillis() ?? 0;
    if (erasure.state === 'deleting' && since > stale.toMillis()) continue;
    tasks.push(followUps.eraseOrder(doc.id, `${erasure.scope}-${day(nowMs)}`));
    report.resumed++;
  }
  const accounts = only
    ? { docs: [] }
    : await accountDeletionsCol().where('state', 'in', ['deleting', 'stuck']).get();
  for (const doc of accounts.docs) {
    const since = (doc.get('requestedAt') as Timestamp | undefined)?.toMillis() ?? 0;
    if (doc.get('state') === 'deleting' && since > stale.toMillis()) continue;
    tasks.push(followUps.eraseAccount(doc.id, day(nowMs)));
    report.resumed++;
  }

  await enqueueAll(tasks);
  orderLogger(null, 'retention').info('Retention applied', { ...report });
  return report;
}
