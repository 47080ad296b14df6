/**
 * Failure paths with failures injected in the Replicate stand-in: a failed prediction is retried and
 * the order still completes; jobs that fail every attempt end failed with the reason visible and the
 * order settles (delivered with failures, or failed) — never stuck; a failed training fails the order
 * and tells the customer.
 */
import { describe, expect, it } from 'vitest';
import {
  callTask,
  env,
  failNext,
  jobsOf,
  outboxFor,
  seedPaidOrder,
  waitFor,
  waitForStatus,
} from './helpers/pipeline.js';

const JOBS = 10; // starter plan: 40 headshots in batches of 4
const MAX = env.MAX_PREDICTION_ATTEMPTS;

async function runOrder() {
  const seeded = await seedPaidOrder({ planId: 'starter', styleIds: ['corporate-grey', 'modern-office'] });
  expect(await callTask('startTraining', { orderId: seeded.orderId })).toBe(204);
  const order = await waitForStatus(seeded.orderId, ['delivered', 'failed'], 240_000);
  return { seeded, order, jobs: await jobsOf(seeded.orderId) };
}

const waitForMail = (email: string) =>
  waitFor(
    async () => {
      const m = await outboxFor(email);
      return m.length > 0 ? m : undefined;
    },
    { what: `an email to ${email}` },
  );

describe('prediction failures', () => {
  it('retries failed predictions and still delivers every headshot', async () => {
    await failNext('prediction', 2);
    const { order, jobs } = await runOrder();
    expect(order.status).toBe('delivered');
    expect(order.images).toEqual({ planned: 40, done: 40, failed: 0 });
    expect(jobs.reduce((n, j) => n + (j.attempt - 1), 0)).toBe(2);
    expect(jobs.every((j) => j.status === 'succeeded' && j.ingested)).toBe(true);
  }, 300_000);

  it('fails jobs that fail every attempt, with the reason, and delivers the rest', async () => {
    // More failures than two rounds of every job: at least 5 jobs use up all their attempts.
    const failures = (MAX - 1) * JOBS + 5;
    await failNext('prediction', failures);
    const { seeded, order, jobs } = await runOrder();
    expect(order.status).toBe('delivered');
    const failedJobs = jobs.filter((j) => j.status === 'failed');
    expect(failedJobs.length).toBeGreaterThanOrEqual(5);
    expect(order.images.failed).toBe(failedJobs.length * 4);
    expect(order.images.done + order.images.failed).toBe(40);
    for (const j of failedJobs) {
      expect(j.attempt).toBe(MAX);
      expect(j.error.message).toMatch(/GPU job failed/);
    }
    expect(jobs.some((j) => j.status === 'queued' || j.status === 'running')).toBe(false);
    const [mail] = await waitForMail(seeded.email);
    expect(mail!.subject).toBe(`Your ${order.images.done} headshots are ready`);
    expect(mail!.text).toContain(`${order.images.failed} images could not be generated`);
  }, 300_000);

  it('fails the order when no prediction succeeds, and says so', async () => {
    await failNext('prediction', MAX * JOBS);
    const { seeded, order, jobs } = await runOrder();
    expect(order.status).toBe('failed');
    expect(order.images).toEqual({ planned: 40, done: 0, failed: 40 });
    expect(order.error).toMatchObject({ code: 'generation_failed' });
    expect(jobs.every((j) => j.status === 'failed' && j.attempt === MAX)).toBe(true);
    const [mail] = await waitForMail(seeded.email);
    expect(mail!.subject).toBe('We could not finish your headshots');
  }, 300_000);
});

describe('training failure', () => {
  it('fails the order with the reason in words and emails the customer', async () => {
    await failNext('training', 1);
    const { seeded, order, jobs } = await runOrder();
    expect(order.status).toBe('failed');
    expect(order.error.code).toBe('training_failed');
    expect(order.error.message).toMatch(/^The GPU job failed/);
    expect(order.training.status).toBe('failed');
    expect(jobs).toHaveLength(0);
    const [mail] = await waitForMail(seeded.email);
    expect(mail!.subject).toBe('We could not finish your headshots');
    expect(mail!.text).toContain(order.error.message);
  }, 300_000);
});
