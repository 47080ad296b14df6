import { validateWebhook } from 'replicate';

export interface WebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

export type Verdict = { ok: true; webhookId: string } | { ok: false; status: 400 | 401; reason: string };

/**
 * Standard Webhooks check of a Replicate delivery: the signature over `${id}.${timestamp}.${rawBody}`
 * (Replicate's own helper) and, because that helper ignores the timestamp, a freshness window so that
 * a captured delivery cannot be replayed later.
 */
export async function verifyReplicateWebhook(input: {
  headers: WebhookHeaders;
  rawBody: string;
  secret: string;
  nowSec: number;
  toleranceSec: number;
}): Promise<Verdict> {
  const { id, timestamp, signature } = input.headers;
  if (!id || !timestamp || !signature) return { ok: false, status: 400, reason: 'missing webhook headers' };
  if (!input.rawBody) return { ok: false, status: 400, reason: 'empty body' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, status: 400, reason: 'malformed webhook-timestamp' };

  let valid: boolean;
  try {
    valid = await validateWebhook({ id, timestamp, signature, body: input.rawBody, secret: input.secret });
  } catch {
    // The helper throws on malformed input (e.g. a signature that is not base64); that is a bad signature.
    valid = false;
  }
  if (!valid) return { ok: false, status: 401, reason: 'bad signature' };

  const age = input.nowSec - Number(timestamp);
  if (Math.abs(age) > input.toleranceSec) {
    return {
      ok: false,
      status: 401,
      reason: `timestamp outside the ${input.toleranceSec} s window (age ${age} s)`,
    };
  }
  return { ok: true, webhookId: id };
}
