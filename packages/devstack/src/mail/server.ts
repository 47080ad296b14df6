import { join } from 'node:path';
import { BodyTooLargeError, readJson } from '../http/body.js';
import { base62 } from '../http/ids.js';
import { listen, type RunningService } from '../http/listen.js';
import type { Log } from '../http/log.js';
import { sendHtml, sendJson, sendText } from '../http/respond.js';
import { Router, type RequestContext } from '../http/router.js';
import { Outbox } from './outbox.js';
import { messagePage, outboxPage } from './pages.js';
import { validateMailSend } from './send-request.js';
import { SenderIdentities, type DomainSeed, type SenderSeed } from './senders.js';

export interface MailStandinOptions {
  dataDir: string;
  port: number;
  host: string;
  publicHost: string;
  apiKey: string;
  /** Single senders on the account, verified or not (the launcher verifies MAIL_FROM). */
  senders?: readonly SenderSeed[];
  /** Authenticated domains on the account, valid (DNS records found) or not. */
  domains?: readonly DomainSeed[];
  log: Log;
}

export interface MailStandin extends RunningService {
  outbox: Outbox;
}

const MAX_BODY = 30 * 1024 * 1024;
const errors = (message: string, field: string | null = null) => ({
  errors: [{ message, field, help: null }],
});

/**
 * The SendGrid stand-in: `POST /v3/mail/send` with SendGrid's auth and validation answers, for
 * @sendgrid/mail with its client's baseUrl pointed here, and an outbox to read what was sent; the
 * sender identities (`GET /v3/verified_senders`, `GET /v3/whitelabel/domains`) the deploy preflight asks about.
 */
export async function startMailStandin(opts: MailStandinOptions): Promise<MailStandin> {
  const outbox = new Outbox(join(opts.dataDir, 'messages'));
  await outbox.load();
  const identities = new SenderIdentities(opts.senders ?? [], opts.domains ?? []);

  const router = new Router({
    notFound: ({ res, url }) =>
      url.pathname.startsWith('/v3/') || url.pathname.startsWith('/api/')
        ? sendJson(res, 404, errors('Not found'))
        : sendHtml(
            res,
            404,
            '<!doctype html><title>Not found</title><p>Not found. <a href="/">Outbox</a></p>',
          ),
    methodNotAllowed: ({ res }) => sendJson(res, 405, errors('Method not allowed')),
    error: ({ req, res }, err) => {
      if (err instanceof BodyTooLargeError)
        return sendJson(res, 413, errors('The JSON payload is too large. Requests may be at most 30 MB.'));
      if (err instanceof SyntaxError)
        return sendJson(res, 400, errors('Bad Request: the body is not valid JSON.'));
      opts.log(`error on ${req.method} ${req.url}: ${err instanceof Error ? err.stack : String(err)}`);
      sendJson(res, 500, errors('Internal error in the SendGrid stand-in.'));
    },
  });

  /** SendGrid's answers for a missing and a wrong key. */
  const authorized = ({ req, res }: RequestContext): boolean => {
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (!m) {
      sendJson(res, 401, errors('authorization required'));
      return false;
    }
    if (m[1]!.trim() !== opts.apiKey) {
      sendJson(res, 401, errors('The provided authorization grant is invalid, expired, or revoked'));
      return false;
    }
    return true;
  };

  router
    .on('POST', /^\/v3\/mail\/send$/, async (ctx) => {
      if (!authorized(ctx)) return;
      const { body, errors: problems } = validateMailSend(await readJson(ctx.req, MAX_BODY));
      if (problems.length > 0 || !body) return sendJson(ctx.res, 400, { errors: problems });
      if (body.mail_settings?.sandbox_mode?.enable) {
        // Sandbox mode validates without sending, and answers 200 rather than 202.
        ctx.res.writeHead(200, { 'Content-Length': 0 });
        ctx.res.end();
        return;
      }
      const xMessageId = base62(22);
      const stored = await outbox.accept(body, xMessageId);
      opts.log(
        `accepted ${xMessageId}: "${stored[0]?.subject}" to ${stored.flatMap((m) => m.to.map((a) => a.email)).join(', ')}`,
      );
      ctx.res.writeHead(202, { 'X-Message-Id': xMessageId, 'Content-Length': 0 });
      ctx.res.end();
    })
    .on('GET', /^\/v3\/verified_senders$/, (ctx) => {
      if (!authorized(ctx)) return;
      sendJson(ctx.res, 200, identities.listSenders(ctx.url.searchParams));
    })
    .on('GET', /^\/v3\/whitelabel\/domains$/, (ctx) => {
      if (!authorized(ctx)) return;
      sendJson(ctx.res, 200, identities.listDomains(ctx.url.searchParams));
    })
    .on('GET', /^\/$/, ({ res }) => sendHtml(res, 200, outboxPage(outbox.list())))
    .on('GET', /^\/messages\/([^/]+)$/, ({ res, params }) => {
      const m = outbox.get(params[0]!);
      if (!m)
        return sendHtml(
          res,
          404,
          '<!doctype html><title>Not found</title><p>No such message. <a href="/">Outbox</a></p>',
        );
      sendHtml(res, 200, messagePage(m));
    })
    .on('GET', /^\/messages\/([^/]+)\/attachments\/(\d+)$/, ({ res, params }) => {
      const a = outbox.get(params[0]!)?.attachments[Number(params[1])];
      if (!a) return sendText(res, 404, 'Not found');
      const bytes = Buffer.from(a.content, 'base64');
      res.writeHead(200, {
        'Content-Type': a.type,
        'Content-Length': bytes.length,
        'Content-Disposition': `attachment; filename="${a.filename.replace(/[^\x20-\x7e]|"/g, '_')}"`,
      });
      res.end(bytes);
    })
    .on('GET', /^\/api\/messages$/, ({ res, url }) =>
      sendJson(res, 200, outbox.list(url.searchParams.get('to') ?? undefined)),
    )
    .on('GET', /^\/api\/messages\/([^/]+)$/, ({ res, params }) => {
      const m = outbox.get(params[0]!);
      if (!m) return sendJson(res, 404, errors('No such message'));
      sendJson(res, 200, m);
    })
    .on('DELETE', /^\/api\/messages$/, async (ctx) => {
      if (!authorized(ctx)) return;
      sendJson(ctx.res, 200, { deleted: await outbox.clear() });
    });

  const server = await listen(router.handle, opts.port, opts.host);
  return { url: `http://${opts.publicHost}:${server.port}`, port: server.port, outbox, stop: server.close };
}
