import { CALLABLES, FUNCTIONS_REGION, LANDING_FUNCTION, TASK_QUEUES } from '@likeness/core';
import { describe, expect, it } from 'vitest';
import * as deployed from './index.js';

type Endpoint = {
  region?: unknown[];
  callableTrigger?: unknown;
  taskQueueTrigger?: unknown;
  httpsTrigger?: unknown;
  secretEnvironmentVariables?: { key: string }[];
  maxInstances?: number;
};
const endpoint = (name: string) => (deployed as Record<string, { __endpoint?: Endpoint }>)[name]?.__endpoint;

describe('deployed functions', () => {
  it('deploy every callable of the registry in core under its name', () => {
    for (const name of Object.keys(CALLABLES)) expect(endpoint(name)?.callableTrigger, name).toBeDefined();
  });

  it('deploy one task queue function per queue of the registry in core', () => {
    for (const name of Object.keys(TASK_QUEUES)) expect(endpoint(name)?.taskQueueTrigger, name).toBeDefined();
  });

  it('deploy the HTTP endpoints under the names others use', () => {
    // The site's landing beacon posts to the name in core; the email links and webhooks to theirs.
    for (const name of [
      LANDING_FUNCTION,
      'emailUnsubscribe',
      'rateOrder',
      'stripeWebhook',
      'replicateWebhook',
    ])
      expect(endpoint(name)?.httpsTrigger, name).toBeDefined();
  });

  it('all run in the one region and mount every secret config() validates, set once', () => {
    const names = Object.keys(deployed);
    expect(names.length).toBeGreaterThanOrEqual(12);
    for (const name of names) {
      expect(endpoint(name)?.region, name).toEqual([FUNCTIONS_REGION]);
      // A burst (or abuse) cannot scale any function without bound.
      expect(endpoint(name)?.maxInstances, name).toBeGreaterThan(0);
      expect(
        endpoint(name)
          ?.secretEnvironmentVariables?.map((s) => s.key)
          .sort(),
        name,
      ).toEqual([
        'EMAIL_LINK_SECRET',
        'REPLICATE_API_TOKEN',
        'REPLICATE_WEBHOOK_SECRET',
        'SENDGRID_API_KEY',
        'STRIPE_SECRET_KEY',
        'STRIPE_WEBHOOK_SECRET',
      ]);
    }
  });
});
