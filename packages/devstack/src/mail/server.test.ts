import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from './outbox.js';
import { startMailStandin, type MailStandin } from './server.js';

const KEY = 'SG.localtestkey.abcdefghijklmnopqrstuvwxyz';
let dir: string;
let standin: MailStandin;

/** The product's wiring: a @sendgrid/client with the key and the stand-in as base URL, given to @sendgrid/mail. */
function mailerFor(key: string, base: string): MailService {
  const client = new Client();
  client.setApiKey(key);
  // After setApiKey, which resets the base URL to SendGrid's.
  client.setDefaultRequest('baseUrl', base);
  const mail = new MailService();
  mail.setClient(client);
  return mail;
}

const api = async (path = '/api/messages') =>
  (await (await fetch(`${standin.url}${path}`)).json()) as OutboxMessage[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mail-standin-'));
  standin = await startMailStandin({
    dataDir: dir,
    port: 0,
    host: '127.0.0.1',
    publicHost: '127.0.0.1',
    apiKey: KEY,
    senders: [
      { email: 'studio@likeness.local', verified: true },
      { email: 'pending@likeness.local', verified: false },
    ],
    domains: [{ domain: 'likeness.example', valid: false }],
    log: () => undefined,
  });
});

afterAll(async () => {
  await standin.stop();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await fetch(`${standin.url}/api/messages`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${KEY}` },
  });
});

describe('SendGrid stand-in with @sendgrid/mail', () => {
  it('accepts a message with 202 and X-Message-Id, and stores it', async () => {
    const mail = mailerFor(KEY, standin.url);
    const [res] = await mail.send({
      to: { email: 'ana@example.com', name: 'Ana' },
      from: { email: 'studio@likeness.local', name: 'Likeness' },
      subject: 'Your headshots are ready',
      text: 'Open your gallery: http://localhost:3000/orders/o1',
      html: '<p>Open your <a href="http://localhost:3000/orders/o1">gallery</a></p>',
      categories: ['delivered'],
      customArgs: { orderId: 'o1' },
    });
    expect(res.statusCode).toBe(202);
    const id = res.headers['x-message-id'] as string;
    expect(id).toMatch(/^[A-Za-z0-9]{22}$/);
    const [msg] = await api();
    expect(msg).toMatchObject({
      id,
      subject: 'Your headshots are ready',
      to: [{ email: 'ana@example.com', name: 'Ana' }],
      from: { email: 'studio@likeness.local', name: 'Likeness' },
      text: 'Open your gallery: http://localhost:3000/orders/o1',
      categories: ['delivered'],
      customArgs: { orderId: 'o1' },
    });
    expect(msg!.html).toContain('href="http://localhost:3000/orders/o1"');
  });

  it('keeps the headers @sendgrid/mail sends and shows them on the message page', async () => {
    const mail = mailerFor(KEY, standin.url);
    const unsubscribe = 'http://127.0.0.1:5001/p/r/emailUnsubscribe?u=uid1&s=sig';
    const [res] = await mail.send({
      to: 'ana@example.com',
      from: 'studio@likeness.local',
      subject: 'Your headshots are waiting',
      text: 't',
      headers: {
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
    const [msg] = await api();
    expect(msg!.headers).toEqual({
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    const page = await (
      await fetch(`${standin.url}/messages/${res.headers['x-message-id'] as string}`)
    ).text();
    expect(page).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(page).toContain(
      'List-Unsubscribe: &lt;http://127.0.0.1:5001/p/r/emailUnsubscribe?u=uid1&amp;s=sig&gt;',
    );
  });

  it('refuses a wrong or missing key with 401 in SendGrid shape', async () => {
    const mail = mailerFor('SG.wrong.key', standin.url);
    await expect(
      mail.send({ to: 'a@example.com', from: 'b@example.com', subject: 's', text: 't' }),
    ).rejects.toMatchObject({
      code: 401,
      response: {
        body: { errors: [{ message: 'The provided authorization grant is invalid, expired, or revoked' }] },
      },
    });
    const raw = await fetch(`${standin.url}/v3/mail/send`, { method: 'POST', body: '{}' });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ errors: [{ message: 'authorization required' }] });
    expect(await api()).toHaveLength(0);
  });

  it('answers 400 with field errors for a missing subject, content or from', async () => {
    const mail = mailerFor(KEY, standin.url);
    await expect(
      mail.send({ to: 'a@example.com', from: 'b@example.com', text: 'no subject' } as never),
    ).rejects.toMatchObject({
      code: 400,
      response: { body: { errors: [expect.objectContaining({ field: 'subject' })] } },
    });
    const res = await fetch(`${standin.url}/v3/mail/send`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ personalizations: [{ to: [{ email: 'not-an-address' }] }] }),
    });
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: Array<{ field: string; message: string }> };
    expect(errors.map((e) => e.field).sort()).toEqual([
      'content',
      'from.email',
      'personalizations.0.to.0.email',
      'subject',
    ]);
    const none = await fetch(`${standin.url}/v3/mail/send`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        from: { email: 'b@example.com' },
        subject: 's',
        content: [{ type: 'text/plain', value: 'x' }],
      }),
    });
    expect(((await none.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual([
      'personalizations',
    ]);
    expect(await api()).toHaveLength(0);
  });

  it('stores one message per personalization and applies substitutions', async () => {
    const mail = mailerFor(KEY, standin.url);
    await mail.send({
      from: 'studio@likeness.local',
      subject: 'Hi {{name}}',
      html: '<p>Hello {{name}}</p>',
      personalizations: [
        { to: 'a@example.com', substitutions: { name: 'Ana' } },
        { to: 'b@example.com', substitutions: { name: 'Ben' } },
      ],
    });
    const list = await api();
    expect(list.map((m) => [m.to[0]!.email, m.subject, m.html]).sort()).toEqual([
      ['a@example.com', 'Hi Ana', '<p>Hello Ana</p>'],
      ['b@example.com', 'Hi Ben', '<p>Hello Ben</p>'],
    ]);
    expect(await api('/api/messages?to=B@example.com')).toHaveLength(1);
  });

  it('validates but does not store in sandbox mode (200)', async () => {
    const mail = mailerFor(KEY, standin.url);
    const [res] = await mail.send({
      to: 'a@example.com',
      from: 'b@example.com',
      subject: 's',
      text: 't',
      mailSettings: { sandboxMode: { enable: true } },
    });
    expect(res.statusCode).toBe(200);
    expect(await api()).toHaveLength(0);
  });

  it('shows the outbox newest first and each message with its HTML in a sandboxed frame', async () => {
    const mail = mailerFor(KEY, standin.url);
    await mail.send({
      to: 'first@example.com',
      from: 'studio@likeness.local',
      subject: 'First',
      html: '<b>one</b>',
    });
    await mail.send({
      to: 'second@example.com',
      from: 'studio@likeness.local',
      subject: 'Second <script>',
      html: '<b>two & "quoted"</b>',
      text: 'two',
    });
    const outbox = await (await fetch(`${standin.url}/`)).text();
    expect(outbox.indexOf('Second &lt;script&gt;')).toBeGreaterThan(-1);
    expect(outbox.indexOf('Second &lt;script&gt;')).toBeLessThan(outbox.indexOf('First'));
    expect(outbox).not.toContain('<script>');
    const [latest] = await api();
    const view = await (await fetch(`${standin.url}/messages/${latest!.id}`)).text();
    expect(view).toContain('sandbox=""');
    expect(view).toContain('srcdoc="&lt;b&gt;two &amp; &quot;quoted&quot;&lt;/b&gt;"');
    expect(view).toContain('second@example.com');
    expect((await fetch(`${standin.url}/messages/nope`)).status).toBe(404);
  });

  it('keeps messages on disk across a restart of the stand-in', async () => {
    const mail = mailerFor(KEY, standin.url);
    await mail.send({
      to: 'keep@example.com',
      from: 'studio@likeness.local',
      subject: 'Kept',
      text: 'still here',
    });
    const again = await startMailStandin({
      dataDir: dir,
      port: 0,
      host: '127.0.0.1',
      publicHost: '127.0.0.1',
      apiKey: KEY,
      log: () => undefined,
    });
    try {
      const list = (await (await fetch(`${again.url}/api/messages`)).json()) as OutboxMessage[];
      expect(list.map((m) => m.subject)).toContain('Kept');
    } finally {
      await again.stop();
    }
  });
});

describe('SendGrid stand-in sender identities', () => {
  const client = () => {
    const c = new Client();
    c.setApiKey(KEY);
    c.setDefaultRequest('baseUrl', standin.url);
    return c;
  };

  it('lists the single senders with their verification state, in SendGrid shape and paging', async () => {
    const [res, body] = await client().request({ method: 'GET', url: '/v3/verified_senders' });
    expect(res.statusCode).toBe(200);
    const { results } = body as { results: Array<Record<string, unknown>> };
    expect(results.map((r) => [r.from_email, r.verified])).toEqual([
      ['studio@likeness.local', true],
      ['pending@likeness.local', false],
    ]);
    expect(results[0]).toEqual(
      expect.objectContaining({
        id: expect.any(Number),
        nickname: 'studio',
        locked: false,
        reply_to: 'studio@likeness.local',
      }),
    );
    const [, page] = await client().request({
      method: 'GET',
      url: '/v3/verified_senders',
      qs: { limit: 1, lastSeenID: results[0]!.id },
    });
    expect((page as { results: Array<{ from_email: string }> }).results.map((r) => r.from_email)).toEqual([
      'pending@likeness.local',
    ]);
  });

  it('lists authenticated domains, and refuses a wrong key as SendGrid does', async () => {
    const [, domains] = await client().request({ method: 'GET', url: '/v3/whitelabel/domains' });
    expect(domains).toEqual([expect.objectContaining({ domain: 'likeness.example', valid: false })]);
    const res = await fetch(`${standin.url}/v3/verified_senders`, {
      headers: { Authorization: 'Bearer SG.x.y' },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      errors: [
        {
          message: 'The provided authorization grant is invalid, expired, or revoked',
          field: null,
          help: null,
        },
      ],
    });
  });
});
