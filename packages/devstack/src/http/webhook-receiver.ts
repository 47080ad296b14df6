import type { IncomingHttpHeaders } from 'node:http';
import { readBody } from './body.js';
import { listen, type Listening } from './listen.js';

export interface ReceivedWebhook {
  url: string;
  headers: IncomingHttpHeaders;
  /** The raw body, byte for byte, as signature checks need it. */
  rawBody: string;
  at: number;
}

/**
 * A local HTTP endpoint that records every request, for tests of webhook senders. `respond`
 * decides the status of each answer (e.g. fail the first two to exercise retries).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  respond: (hook: ReceivedWebhook, index: number) => number = () => 200;
  private server?: Listening;
  private waiters: Array<() => void> = [];

  async start(): Promise<string> {
    this.server = await listen(
      async (req, res) => {
        const hook: ReceivedWebhook = {
          url: req.url ?? '/',
          headers: req.headers,
          rawBody: (await readBody(req, 50 * 1024 * 1024)).toString('utf8'),
          at: Date.now(),
        };
        this.received.push(hook);
        const status = this.respond(hook, this.received.length - 1);
        res.writeHead(status, { 'Content-Type': 'text/plain' });
        res.end(status < 300 ? 'ok' : 'nope');
        for (const w of this.waiters.splice(0)) w();
      },
      0,
      '127.0.0.1',
    );
    return `http://127.0.0.1:${this.server.port}`;
  }

  /** Resolves once `predicate` holds for the received list, or rejects after timeoutMs. */
  async waitFor(
    predicate: (received: ReceivedWebhook[]) => boolean,
    timeoutMs = 10_000,
  ): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out waiting for webhooks; received ${this.received.length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.received;
  }

  async stop(): Promise<void> {
    await this.server?.close();
  }
}
