import { z } from 'zod';
import { base62 } from '../http/ids.js';
import { invalidParam, noSuch } from './errors.js';
import { ListParams, Metadata } from './params.js';

/**
 * Webhook endpoints (`/v1/webhook_endpoints`), kept so that the deploy preflight can be run against
 * the stand-in: it lists them to find the functions' endpoint and offers to create one. Delivery does
 * not go through them: the stand-in sends every event to its configured URL, which is registered
 * here at start as an endpoint for all events ('*'), so the list tells the truth about delivery.
 */
export interface WebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  api_version: string | null;
  application: null;
  created: number;
  description: string | null;
  enabled_events: string[];
  livemode: false;
  metadata: Record<string, string>;
  status: 'enabled' | 'disabled';
  url: string;
  /** Only in the response to create, as on Stripe. */
  secret?: string;
}

const EventList = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string().min(1)).min(1));

export const CreateWebhookEndpointParams = z.strictObject({
  url: z.url('Invalid URL'),
  enabled_events: EventList,
  description: z.string().max(5000).optional(),
  api_version: z.string().optional(),
  metadata: Metadata.optional(),
  expand: z.array(z.string()).optional(),
});

export const ListWebhookEndpointsParams = ListParams.strict();

export class WebhookEndpoints {
  readonly all = new Map<string, WebhookEndpoint>();

  create(p: z.output<typeof CreateWebhookEndpointParams>, secret = `whsec_${base62(32)}`): WebhookEndpoint {
    if (p.enabled_events.includes('*') && p.enabled_events.length > 1) {
      throw invalidParam('enabled_events', "'*' cannot be combined with other events.", 'parameter_invalid');
    }
    const endpoint: WebhookEndpoint = {
      id: `we_${base62(24)}`,
      object: 'webhook_endpoint',
      api_version: p.api_version ?? null,
      application: null,
      created: Math.floor(Date.now() / 1000),
      description: p.description ?? null,
      enabled_events: [...p.enabled_events],
      livemode: false,
      metadata: p.metadata ?? {},
      status: 'enabled',
      url: p.url,
    };
    this.all.set(endpoint.id, endpoint);
    return { ...structuredClone(endpoint), secret };
  }

  get(id: string): WebhookEndpoint {
    const e = this.all.get(id);
    if (!e) throw noSuch('webhook_endpoint', id);
    return structuredClone(e);
  }
}
