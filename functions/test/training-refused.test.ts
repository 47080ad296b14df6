/**
 * A training the GPU provider refuses for good (here: a destination model that does not exist, a
 * 4xx) fails the order at once with the reason in words, instead of being retried every few minutes
 * while the customer waits at "Paid — queued".
 */
import { describe, expect, it } from 'vitest';
import { orderData, seedPaidOrder, waitFor } from './helpers/pipeline.js';

// This file's own module registry: the functions' config() reads the environment once, here.
process.env.REPLICATE_DESTINATION = 'likeness/no-such-model';

describe('a training the provider refuses', () => {
  it('fails the order with the reason and emails the customer', async () => {
    const { startTrainingForOrder } = await import('../src/training/start-training.js');
    const { orderId } = await seedPaidOrder();
    expect(await startTrainingForOrder(orderId)).toBe('refused');
    const order = await orderData(orderId);
    expect(order.status).toBe('failed');
    expect(order.error).toMatchObject({ code: 'training_refused' });
    expect(order.error.message).toMatch(/refused to start the training \(HTTP 4\d\d\)/);
    // A second run (the task retried anyway) changes nothing.
    expect(await startTrainingForOrder(orderId)).toBe('not-paid');
    await waitFor(async () => ((await orderData(orderId)).status === 'failed' ? true : undefined), {
      what: 'the order to stay failed',
    });
  });
});
