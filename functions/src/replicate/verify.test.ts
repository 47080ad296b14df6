import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyReplicateWebhook } from './verify.js';

const key = randomBytes(24);
const secret = `whsec_${key.toString('base64')}`;

/** Signs like Standard Webhooks, independently of the helper under test. */
function sign(id: string, timestamp: number, body: string, withKey = key): string {
  return `v1,${createHmac('sha256', withKey).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

const now = 1_800_000_000;
const body = JSON.stringify({ id: 'p1', status: 'succeeded' });
const check = (headers: { id?: string; timestamp?: string; signature?: string }, raw = body) =>
  verifyReplicateWebhook({
    headers: { id: headers.id, timestamp: headers.timestamp, signature: headers.signature },
    rawBody: raw,
    secret,
    nowSec: now,
    toleranceSec: 300,
  });

describe('verifyReplicateWebhook', () => {
  it('accepts a fresh, correctly signed delivery', async () => {
    const v = await check({
      id: 'msg_1',
      timestamp: String(now - 10),
      signature: sign('msg_1', now - 10, body),
    });
    expect(v).toEqual({ ok: true, webhookId: 'msg_1' });
  });

  it('accepts when one of several signatures matches (key rotation)', async () => {
    const other = sign('msg_1', now, body, randomBytes(24));
    const v = await check({
      id: 'msg_1',
      timestamp: String(now),
      signature: `${other} ${sign('msg_1', now, body)}`,
    });
    expect(v.ok).toBe(true);
  });

  it('refuses a tampered body, a wrong key and garbage signatures', async () => {
    const sig = sign('msg_1', now, body);
    expect(
      await check({ id: 'msg_1', timestamp: String(now), signature: sig }, body.replace('p1', 'p2')),
    ).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(
      await check({
        id: 'msg_1',
        timestamp: String(now),
        signature: sign('msg_1', now, body, randomBytes(24)),
      }),
    ).toMatchObject({ ok: false, status: 401 });
    expect(await check({ id: 'msg_1', timestamp: String(now), signature: 'v1,@@@' })).toMatchObject({
      ok: false,
    });
  });

  it('refuses a replay of a correctly signed but old delivery, and one from the future', async () => {
    const old = now - 301;
    expect(
      await check({ id: 'msg_1', timestamp: String(old), signature: sign('msg_1', old, body) }),
    ).toMatchObject({
      ok: false,
      status: 401,
      reason: expect.stringContaining('window'),
    });
    const future = now + 3600;
    expect(
      await check({ id: 'msg_1', timestamp: String(future), signature: sign('msg_1', future, body) }),
    ).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses deliveries without the Standard Webhooks headers', async () => {
    expect(await check({ timestamp: String(now), signature: 'v1,x' })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await check({ id: 'm', timestamp: 'yesterday', signature: 'v1,x' })).toMatchObject({
      ok: false,
      status: 400,
    });
  });
});
