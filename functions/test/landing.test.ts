/**
 * The site's own count of landing views against the local stack: recordLanding adds each beacon to
 * today's `funnelDaily` document (total, source, page) and refuses what is not a landing.
 *   node packages/devstack/dist/launcher.js --offset 40 --project demo-x --no-web \
 *     --exec "node_modules/.bin/vitest run --project emulator functions/test/landing.test.ts"
 */
import { CITIES, COLLECTIONS, LANDING_FUNCTION, utcDay } from '@likeness/core';
import { describe, expect, it } from 'vitest';
import { stack, testDb } from './helpers/emulator.js';

const url = `${stack.LIKENESS_FUNCTIONS_URL}/${LANDING_FUNCTION}`;

interface Landings {
  total: number;
  bySource: Record<string, number>;
  byPage: Record<string, number>;
}

/** Today's counters (the test's clock and the function's are the same machine's). */
async function today(): Promise<Landings> {
  const doc = await testDb.collection(COLLECTIONS.funnelDaily).doc(utcDay(Date.now())).get();
  const l = doc.get('landings') as Partial<Landings> | undefined;
  return { total: l?.total ?? 0, bySource: l?.bySource ?? {}, byPage: l?.byPage ?? {} };
}

/** What navigator.sendBeacon sends for a string: a POST with a text/plain body. */
const beacon = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const city = CITIES[0]!.slug;

describe('recordLanding', () => {
  it('adds a landing to today: total, source and page; a second one adds again', async () => {
    const before = await today();
    const res = await beacon({
      path: `/headshots/${city}`,
      source: 'NewsLetter',
      medium: 'email',
      campaign: 'x',
    });
    expect(res.status).toBe(204);
    const once = await today();
    expect(once.total).toBe(before.total + 1);
    expect(once.bySource.newsletter).toBe((before.bySource.newsletter ?? 0) + 1);
    expect(once.byPage[city]).toBe((before.byPage[city] ?? 0) + 1);

    // As JSON too (a fetch rather than a beacon), with an ad click and no UTM source.
    const again = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: '/', gclid: 'Cj0abc' }),
    });
    expect(again.status).toBe(204);
    const twice = await today();
    expect(twice.total).toBe(before.total + 2);
    expect(twice.bySource['google-ads']).toBe((before.bySource['google-ads'] ?? 0) + 1);
    expect(twice.byPage.home).toBe((before.byPage.home ?? 0) + 1);
    expect(twice.bySource.newsletter).toBe(once.bySource.newsletter);
  });

  it('counts a direct landing, a source with dots, and puts an unknown page and an odd or long source under other', async () => {
    const before = await today();
    expect((await beacon({ path: '/' })).status).toBe(204);
    expect((await beacon({ path: '/headshots/atlantis', source: 'news.example.com' })).status).toBe(204);
    expect((await beacon({ path: '/pricing', source: 'Some Odd Source!' })).status).toBe(204);
    expect((await beacon({ path: '/', source: 'x'.repeat(60) })).status).toBe(204);
    const after = await today();
    expect(after.total).toBe(before.total + 4);
    expect(after.bySource['(direct)']).toBe((before.bySource['(direct)'] ?? 0) + 1);
    expect(after.bySource['news.example.com']).toBe((before.bySource['news.example.com'] ?? 0) + 1);
    expect(after.bySource.other).toBe((before.bySource.other ?? 0) + 2);
    expect(after.byPage.other).toBe((before.byPage.other ?? 0) + 2);
    expect(after.byPage.home).toBe((before.byPage.home ?? 0) + 2);
    expect(Object.keys(after.bySource)).not.toContain('some odd source!');
    expect(Object.keys(after.byPage)).not.toContain('atlantis');
  });

  it('refuses a body that is not a landing with 400 and writes nothing', async () => {
    const before = await today();
    for (const [body, message] of [
      ['not json', /not JSON/],
      ['', /empty/],
      [{ source: 'google' }, /path/],
      [{ path: 'relative' }, /path/],
      [{ path: '/', source: 'y'.repeat(101) }, /source/],
      [{ path: '/', ip: '10.0.0.1' }, /Invalid landing/],
    ] as const) {
      const res = await beacon(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.text()).toMatch(message);
    }
    expect(await today()).toEqual(before);
  });

  it('takes POST only, answers a preflight from the site, and refuses other sites', async () => {
    const before = await today();
    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');

    // The web origin the launcher gives the functions (and this process).
    const site = new URL(process.env.PUBLIC_WEB_URL ?? process.env.LIKENESS_WEB_URL ?? '').origin;
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { Origin: site, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(site);

    const fromSite = await beacon({ path: '/' }, { Origin: site });
    expect(fromSite.status).toBe(204);
    expect(fromSite.headers.get('access-control-allow-origin')).toBe(site);

    // (The Functions emulator answers every origin's CORS itself, so only the refusal is checked here.)
    const foreign = await beacon({ path: '/' }, { Origin: 'https://elsewhere.example' });
    expect(foreign.status).toBe(403);

    expect((await today()).total).toBe(before.total + 1);
  });
});
