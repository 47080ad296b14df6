import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandinUnderTest, TEST_WEBHOOK_SECRET, type StandinUnderTest } from './test-harness.js';

let harness: StandinUnderTest;

beforeAll(async () => {
  harness = await startStandinUnderTest();
});
afterAll(() => harness.stop());

describe('webhook endpoints with the official SDK', () => {
  it('lists the configured delivery URL as an endpoint for every event, without its secret', async () => {
    const list = await harness.stripe.webhookEndpoints.list();
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({
      object: 'webhook_endpoint',
      url: expect.stringMatching(/\/stripeWebhook$/),
      enabled_events: ['*'],
      status: 'enabled',
    });
    expect(list.data[0]).not.toHaveProperty('secret');
  });

  it('creates an endpoint, showing its secret once, and lists it newest first', async () => {
    const created = await harness.stripe.webhookEndpoints.create({
      url: 'https://example.org/hook',
      enabled_events: ['checkout.session.completed', 'charge.refunded'],
    });
    expect(created.id).toMatch(/^we_/);
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.secret).not.toBe(TEST_WEBHOOK_SECRET);
    const list = await harness.stripe.webhookEndpoints.list({ limit: 1 });
    expect(list.data[0]).toMatchObject({
      id: created.id,
      enabled_events: ['checkout.session.completed', 'charge.refunded'],
    });
    expect(list.has_more).toBe(true);
    expect(await harness.stripe.webhookEndpoints.retrieve(created.id)).not.toHaveProperty('secret');
  });

  it('refuses a bad URL and a wildcard mixed with events, as Stripe does', async () => {
    await expect(
      harness.stripe.webhookEndpoints.create({ url: 'not a url', enabled_events: ['charge.refunded'] }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'url' });
    await expect(
      harness.stripe.webhookEndpoints.create({
        url: 'https://example.org/x',
        enabled_events: ['*', 'charge.refunded'],
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'enabled_events' });
  });
});
