import { JobDoc, OrderDoc, PhotoDoc, STAGE_DEADLINES_MS, type OrderStatus } from '@likeness/core';
import { qcReason } from '@likeness/selfie-qc';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { countImages, settleOrder } from '../generation/settle.js';
import { recordVerdict } from '../qc/photo-verdict.js';
import { refreshSetQc } from '../qc/refresh-set-qc.js';
import { replicateClient } from '../shared/clients.js';
import { allPhotos, jobRef, jobsOf, orderRef, ordersCol } from '../shared/db.js';
import { orderLogger } from '../shared/order-log.js';
import { readOrder, transition } from '../shared/orders.js';
import { failBeforeTraining } from '../training/start-training.js';
import { runTransaction } from '../shared/transaction.js';

export interface DeadlineReport {
  photosJudged: number;
  ordersFailed: number;
  jobsExpired: number;
}

const BATCH = 100;
const before = (now: number, ms: number) => Timestamp.fromMillis(now - ms);
const hours = (ms: number) => `${ms / 3_600_000} hours`;

/** Orders in `status` whose last change is older than the stage's deadline. */
const overdue = (status: OrderStatus, ms: number, now: number) =>
  ordersCol().where('status', '==', status).where('updatedAt', '<', before(now, ms)).limit(BATCH).get();

/** Photos whose check never finished (the check crashed, timed out or ran out of retries). */
async function judgeOverduePhotos(now: number): Promise<number> {
  const stuck = await allPhotos()
    .where('status', '==', 'pending')
    .where('createdAt', '<', before(now, STAGE_DEADLINES_MS.photoCheck))
    .limit(BATCH)
    .get();
  const orders = new Set<string>();
  for (const snap of stuck.docs) {
    const photo = PhotoDoc.parse(snap.data());
    await recordVerdict(photo.orderId, snap.id, { reasons: [qcReason('check_failed')], width: 0, height: 0 });
    orders.add(photo.orderId);
  }
  for (const orderId of orders) await refreshSetQc(orderId);
  return stuck.size;
}

/** A training past its deadline is cancelled at the provider and the order fails. */
async function failOverdueTraining(orderId: string): Promise<boolean> {
  const ref = orderRef(orderId);
  const trainingId = await runTransaction(async (tx) => {
    const order = await readOrder(tx, ref);
    if (order.status !== 'training') return null;
    transition(tx, ref, order, 'failed', {
      error: {
        code: 'training_timeout',
        message: `Training your model did not finish within ${hours(STAGE_DEADLINES_MS.training)}.`,
        at: FieldValue.serverTimestamp(),
      },
    });
    return order.training?.id ?? '';
  });
  if (trainingId)
    await replicateClient()
      .trainings.cancel(trainingId)
      .catch(() => undefined);
  return trainingId !== null;
}

/** Jobs of a stalled generating order that never finished count as failed; the order then settles. */
async function expireUnfinishedJobs(orderId: string): Promise<number> {
  const open = await jobsOf(orderId).where('status', 'in', ['queued', 'running']).get();
  let expired = 0;
  for (const snap of open.docs) {
    const done = await runTransaction(async (tx) => {
      const job = JobDoc.parse((await tx.get(jobRef(orderId, snap.id))).data());
      if (job.status !== 'queued' && job.status !== 'running') return false;
      tx.update(snap.ref, {
        status: 'failed',
        error: {
          code: 'deadline',
          message: `No result within ${hours(STAGE_DEADLINES_MS.generating)}.`,
          at: FieldValue.serverTimestamp(),
        },
        updatedAt: FieldValue.serverTimestamp(),
      });
      countImages(tx, orderRef(orderId), { done: 0, failed: job.numOutputs });
      return true;
    });
    if (done) expired += 1;
  }
  await settleOrder(orderId);
  return expired;
}

/**
 * Every stage has a deadline: past it, a photo gets a verdict and an order fails (or, while
 * generating, delivers what it has) with the reason in words, which emails the customer and shows
 * the operator. Orders held by an open dispute wait for its decision instead.
 */
export async function enforceDeadlines(now = Date.now()): Promise<DeadlineReport> {
  const report: DeadlineReport = {
    photosJudged: await judgeOverduePhotos(now),
    ordersFailed: 0,
    jobsExpired: 0,
  };
  const held = (snap: FirebaseFirestore.QueryDocumentSnapshot) => OrderDoc.parse(snap.data()).dispute?.open;

  for (const snap of (await overdue('paid', STAGE_DEADLINES_MS.paid, now)).docs) {
    if (held(snap)) continue;
    await failBeforeTraining(
      snap.id,
      'training_not_started',
      `We could not start training your model within ${hours(STAGE_DEADLINES_MS.paid)}.`,
    );
    report.ordersFailed += 1;
  }
  for (const snap of (await overdue('training', STAGE_DEADLINES_MS.training, now)).docs) {
    if (!held(snap) && (await failOverdueTraining(snap.id))) report.ordersFailed += 1;
  }
  for (const snap of (await overdue('generating', STAGE_DEADLINES_MS.generating, now)).docs) {
    if (!held(snap)) report.jobsExpired += await expireUnfinishedJobs(snap.id);
  }
  // A summary over many orders; the orders_past_deadline metric counts it by message and fields.
  if (report.photosJudged + report.ordersFailed + report.jobsExpired > 0)
    orderLogger(null, 'deadline').warn('Deadlines enforced', { ...report });
  return report;
}
