import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectedEvent, DroppedRequest } from './collected.js';
import { startAnalyticsStandin, type AnalyticsStandin } from './server.js';

const MID = 'G-LOCALTEST1';
const SECRET = 'local-secret-0123456789';
let standin: AnalyticsStandin;

beforeAll(async () => {
  standin = await startAnalyticsStandin({
    port: 0,
    host: '127.0.0.1',
    publicHost: '127.0.0.1',
    measurementId: MID,
    apiSecret: SECRET,
    log: () => undefined,
  });
});
afterAll(() => standin.stop());

const events = async (query = '') =>
  (await (await fetch(`${standin.url}/api/events${query}`)).json()) as CollectedEvent[];
const dropped = async () => (await (await fetch(`${standin.url}/api/dropped`)).json()) as DroppedRequest[];

const mp = (body: unknown, { secret = SECRET, mid = MID, debug = false } = {}) =>
  fetch(`${standin.url}${debug ? '/debug' : ''}/mp/collect?measurement_id=${mid}&api_secret=${secret}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

const purchase = (id: string) => ({
  client_id: 'c1',
  consent: { ad_user_data: 'DENIED', ad_personalization: 'DENIED' },
  events: [{ name: 'purchase', params: { transaction_id: id, value: 29, currency: 'USD' } }],
});

describe('Measurement Protocol', () => {
  it('records a valid event sent with the stream id and secret, answering 204', async () => {
    const res = await mp(purchase('order-a'));
    expect(res.status).toBe(204);
    const got = await events('?name=purchase');
    expect(got.filter((e) => e.params.transaction_id === 'order-a')).toMatchObject([
      { channel: 'measurement-protocol', clientId: 'c1', consent: { adUserData: 'DENIED' } },
    ]);
  });

  it('answers 2xx to a wrong secret, as GA does, and records nothing', async () => {
    const res = await mp(purchase('order-wrong-secret'), { secret: 'nope' });
    expect(res.status).toBe(204);
    expect((await events()).some((e) => e.params.transaction_id === 'order-wrong-secret')).toBe(false);
    expect((await dropped()).at(-1)?.reason).toMatch(/api_secret/);
  });

  it('drops an event of another stream', async () => {
    await mp(purchase('order-other-stream'), { mid: 'G-SOMEONEELSE' });
    expect((await events()).some((e) => e.params.transaction_id === 'order-other-stream')).toBe(false);
  });

  it('validates like /debug/mp/collect: names, reserved names, lengths, client_id, limits', async () => {
    const res = await mp(
      {
        events: [
          { name: '_bad', params: {} },
          { name: 'session_start' },
          { name: 'ok_event', params: { ga_x: 1, long: 'x'.repeat(101), nested: { a: 1 } } },
          { name: 'a'.repeat(41) },
        ],
      },
      { debug: true },
    );
    const { validationMessages } = (await res.json()) as {
      validationMessages: Array<{ fieldPath: string; validationCode: string }>;
    };
    expect(validationMessages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ fieldPath: 'client_id', validationCode: 'VALUE_REQUIRED' }),
        expect.objectContaining({ fieldPath: 'events[0].name', validationCode: 'NAME_INVALID' }),
        expect.objectContaining({ fieldPath: 'events[1].name', validationCode: 'NAME_RESERVED' }),
        expect.objectContaining({ fieldPath: 'events[2].params.ga_x', validationCode: 'NAME_RESERVED' }),
        expect.objectContaining({
          fieldPath: 'events[2].params.long',
          validationCode: 'VALUE_OUT_OF_BOUNDS',
        }),
        expect.objectContaining({ fieldPath: 'events[2].params.nested', validationCode: 'VALUE_INVALID' }),
        expect.objectContaining({ fieldPath: 'events[3].name', validationCode: 'VALUE_OUT_OF_BOUNDS' }),
      ]),
    );
    const many = await mp(
      { client_id: 'c', events: Array.from({ length: 26 }, () => ({ name: 'e' })) },
      { debug: true },
    );
    expect(((await many.json()) as { validationMessages: unknown[] }).validationMessages).toEqual([
      expect.objectContaining({ fieldPath: 'events', validationCode: 'EXCEEDED_MAX_ENTITIES' }),
    ]);
  });

  it('the validation server records nothing and passes a valid payload', async () => {
    const res = await mp(purchase('order-debug'), { debug: true });
    expect(await res.json()).toEqual({ validationMessages: [] });
    expect((await events()).some((e) => e.params.transaction_id === 'order-debug')).toBe(false);
  });

  it('drops an invalid payload on /mp/collect with its problems', async () => {
    await mp({ client_id: 'c', events: [{ name: 'first_visit' }] });
    expect((await dropped()).at(-1)).toMatchObject({
      reason: 'invalid payload',
      problems: [expect.objectContaining({ validationCode: 'NAME_RESERVED' })],
    });
  });
});

/** Runs the served gtag.js against a fake page whose fetch goes to the stand-in. */
async function fakePage() {
  const sent: Promise<Response>[] = [];
  const doc = { cookie: '', title: 'Likeness' };
  const cookieJar = new Map<string, string>();
  Object.defineProperty(doc, 'cookie', {
    get: () => [...cookieJar].map(([k, v]) => `${k}=${v}`).join('; '),
    set: (line: string) => {
      const [pair, ...attrs] = line.split(';');
      const [k, v] = pair!.split('=');
      if (attrs.some((a) => a.trim() === 'max-age=0')) cookieJar.delete(k!.trim());
      else cookieJar.set(k!.trim(), v ?? '');
    },
  });
  const window: Record<string, unknown> = {};
  const context = {
    window,
    document: doc,
    location: { href: 'http://localhost:3000/?utm_source=test' },
    URLSearchParams,
    fetch: (url: string, init: RequestInit) => {
      const p = fetch(url, { method: init.method });
      sent.push(p);
      return p;
    },
    setTimeout,
    Math,
    Date,
    Object,
    String,
  };
  const script = await (await fetch(`${standin.url}/gtag/js?id=${MID}`)).text();
  const gtag = (...args: unknown[]) => {
    const dl = (window.dataLayer ??= []) as unknown[];
    // gtag's snippet pushes the arguments object itself.
    (function (..._a: unknown[]) {
      // eslint-disable-next-line prefer-rest-params -- gtag.js reads the Arguments object itself; an array is a data push
      dl.push(arguments);
    })(...args);
  };
  return { context, script, gtag, cookieJar, flush: () => Promise.all(sent) };
}

describe('gtag.js stand-in with Consent Mode', () => {
  it('sends cookieless hits while analytics_storage is denied and sets _ga once granted', async () => {
    const page = await fakePage();
    const denied = {
      ad_storage: 'denied',
      analytics_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
    };
    page.gtag('consent', 'default', denied);
    page.gtag('config', MID, { transport_url: standin.url, send_page_view: false });
    runInNewContext(page.script, page.context);
    page.gtag('event', 'landing_view', { landing_path: '/', run: 'consent-test' });
    await page.flush();
    expect(page.cookieJar.has('_ga')).toBe(false);

    page.gtag('consent', 'update', { ...denied, analytics_storage: 'granted', ad_storage: 'granted' });
    expect(page.cookieJar.get('_ga')).toMatch(/^GA1\.1\.\d+\.\d+$/);
    page.gtag('event', 'style_view', { style_id: 'corporate-grey', run: 'consent-test', value: 3 });
    await page.flush();
    expect(page.cookieJar.get('_ga')).toMatch(/^GA1\.1\.\d+\.\d+$/);

    const got = (await events('?channel=gtag')).filter((e) => e.params.run === 'consent-test');
    expect(got.map((e) => [e.name, e.consent.analyticsStorage])).toEqual([
      ['landing_view', false],
      ['style_view', true],
    ]);
    expect(got[1]!.params).toMatchObject({ style_id: 'corporate-grey', value: 3 });
    expect(got[1]!.clientId).toBe(page.cookieJar.get('_ga')!.replace('GA1.1.', ''));
  });

  it('drops hits for another measurement id', async () => {
    await fetch(`${standin.url}/g/collect?v=2&tid=G-OTHER&cid=1.2&en=page_view`, { method: 'POST' });
    expect((await dropped()).at(-1)?.reason).toMatch(/unknown measurement id G-OTHER/);
  });

  it('lists events on its page', async () => {
    const html = await (await fetch(standin.url)).text();
    expect(html).toContain('data-testid="analytics-event"');
    expect(html).toContain('purchase');
  });
});
