import type { ServerResponse } from 'node:http';
import { readBody } from '../http/body.js';
import { listen, type RunningService } from '../http/listen.js';
import type { Log } from '../http/log.js';
import { sendHtml, sendJson, sendText } from '../http/respond.js';
import { Router } from '../http/router.js';
import { Collected } from './collected.js';
import { parseGtagHits } from './gtag-hit.js';
import { gtagScript } from './gtag-script.js';
import { eventsPage } from './pages.js';
import { LIMITS, validateMpPayload } from './validation.js';

export interface AnalyticsStandinOptions {
  port: number;
  host: string;
  publicHost: string;
  /** The local GA4 web stream (G-…): hits for any other id are dropped, as GA drops them. */
  measurementId: string;
  /** The stream's Measurement Protocol API secret. */
  apiSecret: string;
  log: Log;
}

export interface AnalyticsStandin extends RunningService {
  collected: Collected;
}

const MAX_BODY = 1024 * 1024;

/**
 * The GA4 stand-in: serves gtag.js, takes its `/g/collect` hits, and takes Measurement Protocol
 * events at `/mp/collect` (answers 204 whatever happens, like GA, recording only valid events sent
 * with the stream's id and secret) and `/debug/mp/collect` (GA's validation server: the problems,
 * never a record). The page lists what arrived, like the mail outbox.
 */
export async function startAnalyticsStandin(opts: AnalyticsStandinOptions): Promise<AnalyticsStandin> {
  const collected = new Collected();
  const script = gtagScript();

  const router = new Router({
    notFound: ({ res }) => sendText(res, 404, 'Not found'),
    methodNotAllowed: ({ res }) => sendText(res, 405, 'Method not allowed'),
    error: ({ req, res }, err) => {
      opts.log(`error on ${req.method} ${req.url}: ${err instanceof Error ? err.stack : String(err)}`);
      sendText(res, 500, 'Internal error in the GA4 stand-in.');
    },
  });

  const noContent = (res: ServerResponse) => {
    res.writeHead(204, { 'Access-Control-Allow-Origin': '*' });
    res.end();
  };

  router
    .on('GET', /^\/gtag\/js$/, ({ res }) =>
      sendText(res, 200, script, {
        'Content-Type': 'application/javascript; charset=utf-8',
        'Cache-Control': 'no-store',
      }),
    )
    .on(['GET', 'POST'], /^\/g\/collect$/, async ({ req, res, url }) => {
      const body = req.method === 'POST' ? (await readBody(req, MAX_BODY)).toString('utf8') : '';
      for (const hit of parseGtagHits(url.searchParams, body)) {
        if (hit.measurementId !== opts.measurementId) {
          collected.drop('gtag', `unknown measurement id ${hit.measurementId ?? '(none)'}`);
          continue;
        }
        if (!hit.name) {
          collected.drop('gtag', 'hit without an event name (en)');
          continue;
        }
        collected.add({
          channel: 'gtag',
          measurementId: hit.measurementId,
          clientId: hit.clientId,
          name: hit.name,
          params: hit.params,
          consent: hit.storage ?? {},
          page: hit.page,
        });
      }
      noContent(res);
    })
    .on('POST', /^\/(debug\/)?mp\/collect$/, async ({ req, res, url }) => {
      const debug = url.pathname.startsWith('/debug/');
      const raw = await readBody(req, LIMITS.payloadBytes * 4);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = undefined;
      }
      const problems = validateMpPayload(body, raw.length);
      // The validation server checks the payload only, never the secret (GA's documented behaviour).
      if (debug) return sendJson(res, 200, { validationMessages: problems });
      const measurementId = url.searchParams.get('measurement_id');
      if (measurementId !== opts.measurementId) {
        collected.drop('measurement-protocol', `unknown measurement_id ${measurementId ?? '(none)'}`);
      } else if (url.searchParams.get('api_secret') !== opts.apiSecret) {
        collected.drop('measurement-protocol', 'wrong or missing api_secret');
      } else if (problems.length > 0) {
        collected.drop('measurement-protocol', 'invalid payload', problems);
      } else {
        const b = body as {
          client_id: string;
          consent?: { ad_user_data?: string; ad_personalization?: string };
          events: Array<{ name: string; params?: Record<string, unknown> }>;
        };
        for (const event of b.events) {
          const stored = collected.add({
            channel: 'measurement-protocol',
            measurementId,
            clientId: b.client_id,
            name: event.name,
            params: event.params ?? {},
            consent: {
              ...(b.consent?.ad_user_data ? { adUserData: b.consent.ad_user_data } : {}),
              ...(b.consent?.ad_personalization ? { adPersonalization: b.consent.ad_personalization } : {}),
            },
            page: null,
          });
          opts.log(`measurement protocol ${stored.name} ${JSON.stringify(stored.params)}`);
        }
      }
      noContent(res);
    })
    .on('GET', /^\/$/, ({ res }) =>
      sendHtml(res, 200, eventsPage(collected.list(), collected.droppedRequests())),
    )
    .on('GET', /^\/api\/events$/, ({ res, url }) =>
      sendJson(
        res,
        200,
        collected.list({
          name: url.searchParams.get('name') ?? undefined,
          clientId: url.searchParams.get('client_id') ?? undefined,
          channel: url.searchParams.get('channel') ?? undefined,
        }),
        { 'Access-Control-Allow-Origin': '*' },
      ),
    )
    .on('GET', /^\/api\/dropped$/, ({ res }) => sendJson(res, 200, collected.droppedRequests()));

  const server = await listen(router.handle, opts.port, opts.host);
  return {
    url: `http://${opts.publicHost}:${server.port}`,
    port: server.port,
    collected,
    stop: server.close,
  };
}
