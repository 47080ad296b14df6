import { base62 } from '../http/ids.js';
import type { ValidationMessage } from './validation.js';

/** Where a hit came from: the browser's gtag.js, or a server through the Measurement Protocol. */
export type Channel = 'gtag' | 'measurement-protocol';

export interface CollectedEvent {
  id: string;
  channel: Channel;
  measurementId: string;
  clientId: string | null;
  name: string;
  params: Record<string, unknown>;
  /** Consent as the hit carried it: gtag's `gcs` storage flags, or the MP body's `consent`. */
  consent: {
    adStorage?: boolean;
    analyticsStorage?: boolean;
    adUserData?: string;
    adPersonalization?: string;
  };
  page: string | null;
  receivedAt: string;
}

/** A request GA would take (2xx) and then drop: wrong secret, unknown stream, invalid payload. */
export interface DroppedRequest {
  id: string;
  channel: Channel;
  reason: string;
  problems: ValidationMessage[];
  receivedAt: string;
}

/** What the collector received this run, in arrival order (the local stack's GA4 property). */
export class Collected {
  private readonly events: CollectedEvent[] = [];
  private readonly dropped: DroppedRequest[] = [];

  add(event: Omit<CollectedEvent, 'id' | 'receivedAt'>): CollectedEvent {
    const stored = { ...event, id: base62(16), receivedAt: new Date().toISOString() };
    this.events.push(stored);
    return stored;
  }

  drop(channel: Channel, reason: string, problems: ValidationMessage[] = []): DroppedRequest {
    const stored = { id: base62(16), channel, reason, problems, receivedAt: new Date().toISOString() };
    this.dropped.push(stored);
    return stored;
  }

  list(filter: { name?: string; clientId?: string; channel?: string } = {}): CollectedEvent[] {
    return this.events.filter(
      (e) =>
        (!filter.name || e.name === filter.name) &&
        (!filter.clientId || e.clientId === filter.clientId) &&
        (!filter.channel || e.channel === filter.channel),
    );
  }

  droppedRequests(): DroppedRequest[] {
    return [...this.dropped];
  }
}
