import { deliverWithRetry, type RetryPolicy } from '../http/deliver.js';
import type { Log } from '../http/log.js';
import { WEBHOOK_EVENTS, type JobObject, type WebhookEvent } from './objects.js';
import { newMessageId, webhookHeaders } from './signing.js';

export interface ReplicateWebhookOptions {
  secret: string;
  /** Policy for the terminal `completed` webhook; the others are sent once. */
  retry: RetryPolicy;
  /** `output` and `logs` webhooks are sent at most once per this many ms per job. */
  throttleMs: number;
  log: Log;
}

interface Channel {
  chain: Promise<void>;
  lastSentAt: number;
  timer: NodeJS.Timeout | undefined;
}

export interface SentWebhook {
  event: WebhookEvent;
  status: string;
  ok: boolean;
  attempts: number;
}

/**
 * Replicate's webhook behaviour per job: only the events in `webhook_events_filter` (all when
 * unset), in order, `output`/`logs` throttled (the send carries the latest state), the terminal
 * `completed` retried with backoff, each message signed per Standard Webhooks. The webhook URL is
 * used as given, query string included.
 */
export class ReplicateWebhookSender {
  private readonly channels = new Map<string, Channel>();
  private readonly abort = new AbortController();
  /** What was sent per job, for the dashboard and tests. */
  readonly sent = new Map<string, SentWebhook[]>();

  constructor(private readonly opts: ReplicateWebhookOptions) {}

  notify(snapshot: () => JobObject, event: WebhookEvent): void {
    const job = snapshot();
    if (!job.webhook || this.abort.signal.aborted) return;
    const filter = job.webhook_events_filter ?? WEBHOOK_EVENTS;
    const ch = this.channel(job.id);
    if (event === 'completed') {
      // The terminal state supersedes any throttled update still waiting.
      clearTimeout(ch.timer);
      ch.timer = undefined;
    }
    if (!filter.includes(event)) return;
    if (event === 'start' || event === 'completed') {
      const frozen = JSON.stringify(job);
      this.enqueue(ch, job.webhook, event, () => frozen, event === 'completed');
      return;
    }
    if (ch.timer) return;
    const wait = ch.lastSentAt + this.opts.throttleMs - Date.now();
    const url = job.webhook;
    const send = () => this.enqueue(ch, url, event, () => JSON.stringify(snapshot()), false);
    if (wait <= 0) send();
    else {
      ch.timer = setTimeout(() => {
        ch.timer = undefined;
        send();
      }, wait);
      ch.timer.unref();
    }
  }

  private channel(jobId: string): Channel {
    let ch = this.channels.get(jobId);
    if (!ch) {
      ch = { chain: Promise.resolve(), lastSentAt: 0, timer: undefined };
      this.channels.set(jobId, ch);
    }
    return ch;
  }

  private enqueue(ch: Channel, url: string, event: WebhookEvent, body: () => string, retry: boolean): void {
    ch.chain = ch.chain
      .then(async () => {
        if (this.abort.signal.aborted) return;
        ch.lastSentAt = Date.now();
        const payload = body();
        const job = JSON.parse(payload) as JobObject;
        const id = newMessageId();
        const result = await deliverWithRetry({
          url,
          body: payload,
          headers: () => ({
            ...webhookHeaders(this.opts.secret, id, payload),
            'User-Agent': 'Replicate-Webhook/1.0',
          }),
          policy: retry ? this.opts.retry : { ...this.opts.retry, maxAttempts: 1 },
          label: `${event} webhook of ${job.id} (${job.status})`,
          log: this.opts.log,
          signal: this.abort.signal,
          quietSuccess: !retry,
        });
        const list = this.sent.get(job.id) ?? [];
        list.push({ event, status: job.status, ok: result.ok, attempts: result.attempts.length });
        this.sent.set(job.id, list);
        // Nothing follows the terminal webhook.
        if (retry) this.channels.delete(job.id);
      })
      .catch((err: unknown) => this.opts.log(`webhook of job failed unexpectedly: ${String(err)}`));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    for (const ch of this.channels.values()) clearTimeout(ch.timer);
    await Promise.allSettled([...this.channels.values()].map((c) => c.chain));
  }
}
