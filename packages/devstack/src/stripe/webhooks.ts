import Stripe from 'stripe';
import { deliverWithRetry, type DeliveryAttempt, type RetryPolicy } from '../http/deliver.js';
import type { Log } from '../http/log.js';
import type { EventObject } from './objects.js';

export interface StripeWebhookOptions {
  url: string;
  secret: string;
  policy: RetryPolicy;
  log: Log;
}

/**
 * Sends events to the configured endpoint exactly as Stripe does: the pretty-printed event JSON,
 * a `Stripe-Signature` header made by the stripe SDK's own signer (fresh timestamp per attempt),
 * and retries with backoff while the endpoint does not answer 2xx.
 */
export class StripeWebhookSender {
  /** Every delivery attempt per event id, for the dashboard and tests. */
  readonly attempts = new Map<string, DeliveryAttempt[]>();
  /** The payload of each event as first sent: a replay is byte-for-byte the same event. */
  private readonly payloads = new Map<string, string>();
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly opts: StripeWebhookOptions) {}

  /**
   * Starts delivering; `firstAttempt` settles after the first try (whatever its outcome), `done`
   * after the last one with whether the endpoint accepted it.
   */
  send(event: EventObject): { firstAttempt: Promise<void>; done: Promise<boolean> } {
    const payload = this.payloads.get(event.id) ?? JSON.stringify(event, null, 2);
    this.payloads.set(event.id, payload);
    const list = this.attempts.get(event.id) ?? [];
    this.attempts.set(event.id, list);
    let markFirst!: () => void;
    const firstAttempt = new Promise<void>((resolve) => (markFirst = resolve));
    const done = deliverWithRetry({
      url: this.opts.url,
      body: payload,
      headers: () => ({
        'Stripe-Signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: this.opts.secret }),
        'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      }),
      policy: this.opts.policy,
      label: `${event.type} ${event.id}`,
      log: this.opts.log,
      signal: this.abort.signal,
      onAttempt: (a) => {
        list.push(a);
        markFirst();
      },
    }).then(({ ok }) => {
      markFirst();
      if (ok) event.pending_webhooks = 0;
      return ok;
    });
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
    return { firstAttempt, done };
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }
}
