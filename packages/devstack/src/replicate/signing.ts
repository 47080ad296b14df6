import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing, as Replicate does it: HMAC-SHA256 over `${id}.${timestamp}.${body}`
 * with the base64-decoded part of the `whsec_…` secret, sent as `v1,<base64>`.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export function webhookHeaders(
  secret: string,
  id: string,
  body: string,
  now = Date.now(),
): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, id, timestamp, body),
  };
}

export const newMessageId = () => `msg_${randomBytes(12).toString('base64url')}`;
