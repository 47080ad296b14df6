import {
  COLLECTIONS,
  funnelSourceKey,
  LandingBeacon,
  landingPageKey,
  utcDay,
  type LandingBeacon as Beacon,
} from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { config } from '../shared/config.js';
import { db } from '../shared/firebase.js';
import { header, type Request, type Response } from '../shared/http.js';

/** A beacon is a path and four short values; anything much larger is not one. */
const MAX_BODY_BYTES = 2048;

export const funnelDayRef = (day: string) => db().collection(COLLECTIONS.funnelDaily).doc(day);

/**
 * The origins whose pages send the beacon: the web app's (PUBLIC_WEB_URL). The local stack's site
 * answers on localhost and 127.0.0.1 alike, so locally both spellings of its origin count.
 */
export function allowedOrigins(webUrl: string, local: boolean): Set<string> {
  const origin = new URL(webUrl).origin;
  const out = new Set([origin]);
  if (local) {
    const u = new URL(webUrl);
    if (u.hostname === 'localhost') u.hostname = '127.0.0.1';
    else if (u.hostname === '127.0.0.1') u.hostname = 'localhost';
    out.add(u.origin);
  }
  return out;
}

/** The beacon as the browser sent it: JSON, as text/plain (navigator.sendBeacon) or application/json. */
function bodyOf(req: Request): { ok: true; value: unknown } | { ok: false; status: number; message: string } {
  if ((req.rawBody?.length ?? 0) > MAX_BODY_BYTES)
    return { ok: false, status: 413, message: `The body is over ${MAX_BODY_BYTES} bytes` };
  const body: unknown = req.body;
  if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body) && Object.keys(body).length > 0)
    return { ok: true, value: body };
  const text = typeof body === 'string' ? body : (req.rawBody?.toString('utf8') ?? '');
  if (!text.trim()) return { ok: false, status: 400, message: 'The body is empty; send the landing as JSON' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, message: 'The body is not JSON' };
  }
}

/** Adds one landing to the day's counters, in one write (no read): total, by source, by page. */
export async function countLanding(beacon: Beacon, now = Date.now()): Promise<void> {
  const one = FieldValue.increment(1);
  await funnelDayRef(utcDay(now)).set(
    {
      landings: {
        total: one,
        bySource: { [funnelSourceKey(beacon)]: one },
        byPage: { [landingPageKey(beacon.path)]: one },
      },
      updatedAt: FieldValue.serverTimestamp(),
    },
    { merge: true },
  );
}

/**
 * recordLanding: the landing beacon of the site (components/landing-view.tsx), sent once per tab
 * session whatever the visitor chose in the cookie banner, since it carries no identifier and sets
 * nothing. Only counters are written; no IP address, user agent or id is stored or logged.
 */
export async function handleRecordLanding(req: Request, res: Response): Promise<void> {
  res.set('Cache-Control', 'no-store');
  const origin = header(req, 'origin');
  const c = config();
  const allowed =
    origin !== undefined && allowedOrigins(c.PUBLIC_WEB_URL, c.LIKENESS_ENV === 'local').has(origin);
  res.set('Vary', 'Origin');
  if (allowed) res.set('Access-Control-Allow-Origin', origin);

  if (req.method === 'OPTIONS') {
    res.set('Allow', 'POST, OPTIONS');
    if (allowed) {
      res.set('Access-Control-Allow-Methods', 'POST');
      res.set('Access-Control-Allow-Headers', 'Content-Type');
      res.set('Access-Control-Max-Age', '86400');
    }
    res.status(204).end();
    return;
  }
  if (req.method !== 'POST') {
    res.set('Allow', 'POST').status(405).send('Method not allowed: send the landing with POST');
    return;
  }
  // A page of another site must not add to our counts (a request without Origin is not a browser's).
  if (origin !== undefined && !allowed) {
    res.status(403).send('Landings are counted from the site’s own pages only');
    return;
  }
  const body = bodyOf(req);
  if (!body.ok) {
    res.status(body.status).send(body.message);
    return;
  }
  const beacon = LandingBeacon.safeParse(body.value);
  if (!beacon.success) {
    const issue = beacon.error.issues[0];
    res
      .status(400)
      .send(`Invalid landing: ${issue ? `${issue.path.join('.') || 'body'} ${issue.message}` : ''}`);
    return;
  }
  await countLanding(beacon.data);
  res.status(204).end();
}
