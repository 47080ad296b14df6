import type { IncomingMessage, ServerResponse } from 'node:http';

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** The browser uploads selfies straight to the blob server, from the web app on any local port. */
export function isAllowedOrigin(origin: string | undefined): origin is string {
  return typeof origin === 'string' && LOCAL_ORIGIN.test(origin);
}

export const CORS_METHODS = 'GET, HEAD, PUT, DELETE';

/** Adds CORS headers for an allowed origin; returns whether the origin was allowed. */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  res.setHeader('Vary', 'Origin');
  if (!isAllowedOrigin(origin)) return false;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', 'ETag, Content-Length, Content-Type, Content-Disposition');
  return true;
}

/** Answers a preflight: PUT with a Content-Type header is what the upload needs. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  if (!applyCors(req, res)) {
    res.writeHead(403, { 'Content-Length': 0 });
    res.end();
    return;
  }
  const requested = String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const allowedHeaders = new Set(['content-type', 'content-md5', 'x-goog-content-length-range']);
  const refused = requested.filter((h) => !allowedHeaders.has(h));
  if (refused.length > 0) {
    res.writeHead(403, { 'Content-Length': 0 });
    res.end();
    return;
  }
  res.writeHead(204, {
    'Access-Control-Allow-Methods': CORS_METHODS,
    'Access-Control-Allow-Headers': 'Content-Type, Content-MD5, x-goog-content-length-range',
    'Access-Control-Max-Age': '600',
    'Content-Length': 0,
  });
  res.end();
}
