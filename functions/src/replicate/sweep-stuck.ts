import { JobDoc, OrderDoc } from '@likeness/core';
import { Timestamp } from 'firebase-admin/firestore';
import { applyPredictionResult } from '../generation/apply-prediction-result.js';
import { replicateClient } from '../shared/clients.js';
import { allJobs, ordersCol } from '../shared/db.js';
import { followUps } from '../shared/follow-ups.js';
import { enqueueAll } from '../shared/tasks.js';
import { applyTrainingResult } from '../training/apply-training-result.js';
import { ReplicateJob } from './replicate-job.js';
import { orderLogger } from '../shared/order-log.js';

/**
 * Ages after which work counts as stuck. Replicate deletes outputs an hour after a prediction
 * finishes; sweeping every 10 minutes with these ages recovers a lost webhook with time to spare.
 */
export const STUCK_AFTER_MS = {
  job: 10 * 60 * 1000,
  training: 30 * 60 * 1000,
  paid: 30 * 60 * 1000,
} as const;
const BATCH = 200;

export interface SweepReport {
  jobsChecked: number;
  jobsRecovered: number;
  trainingsChecked: number;
  trainingsRecovered: number;
  ordersRequeued: number;
}

const ago = (now: number, ms: number) => Timestamp.fromMillis(now - ms);

/**
 * Finds jobs and orders that have not moved for too long, asks Replicate where they stand and applies
 * the result through the same code the webhook uses. Work whose task was lost is enqueued again under
 * a sweep-specific task id.
 */
export async function sweepStuckWork(now = Date.now()): Promise<SweepReport> {
  const suffix = `sweep-${Math.floor(now / 60_000)}`;
  const report: SweepReport = {
    jobsChecked: 0,
    jobsRecovered: 0,
    trainingsChecked: 0,
    trainingsRecovered: 0,
    ordersRequeued: 0,
  };
  const replicate = replicateClient();

  const jobs = await allJobs()
    .where('status', 'in', ['queued', 'running'])
    .where('updatedAt', '<', ago(now, STUCK_AFTER_MS.job))
    .limit(BATCH)
    .get();
  await Promise.all(
    jobs.docs.map(async (snap) => {
      report.jobsChecked += 1;
      const job = JobDoc.parse(snap.data());
      const ref = { orderId: job.orderId, jobId: snap.id, attempt: job.attempt };
      try {
        if (job.status === 'queued' || !job.predictionId) {
          // runPrediction checks the job and the order itself; a spent or lost task is simply redone.
          await enqueueAll([followUps.runPrediction(job.orderId, snap.id, job.attempt, suffix)]);
          report.jobsRecovered += 1;
          return;
        }
        const prediction = ReplicateJob.parse(await replicate.predictions.get(job.predictionId));
        const outcome = await applyPredictionResult(ref, prediction, { taskSuffix: suffix });
        if (outcome !== 'in-progress') report.jobsRecovered += 1;
      } catch (e) {
        orderLogger(job.orderId, 'sweep').error('Sweep of a job failed', {
          jobId: ref.jobId,
          attempt: ref.attempt,
          error: String(e),
        });
      }
    }),
  );

  const trainings = await ordersCol()
    .where('status', '==', 'training')
    .where('updatedAt', '<', ago(now, STUCK_AFTER_MS.training))
    .limit(BATCH)
    .get();
  await Promise.all(
    trainings.docs.map(async (snap) => {
      report.trainingsChecked += 1;
      const order = OrderDoc.parse(snap.data());
      if (!order.training?.id) return;
      try {
        const training = ReplicateJob.parse(await replicate.trainings.get(order.training.id));
        const outcome = await applyTrainingResult(snap.id, training, { taskSuffix: suffix });
        if (outcome !== 'in-progress') report.trainingsRecovered += 1;
      } catch (e) {
        orderLogger(snap.id, 'sweep').error('Sweep of a training failed', { error: String(e) });
      }
    }),
  );

  // Paid but never trained: the startTraining task gave up or was never enqueued.
  const paid = await ordersCol()
    .where('status', '==', 'paid')
    .where('updatedAt', '<', ago(now, STUCK_AFTER_MS.paid))
    .limit(BATCH)
    .get();
  if (!paid.empty) {
    await enqueueAll(paid.docs.map((d) => followUps.startTraining(d.id, suffix)));
    report.ordersRequeued = paid.size;
  }

  if (report.jobsChecked + report.trainingsChecked + report.ordersRequeued > 0)
    orderLogger(null, 'sweep').info('Sweep done', { ...report });
  return report;
}
