import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * URL signing of the local blob store: the dev stand-in for Cloud Storage V4 signed URLs. Every
 * constraint the URL carries (operation, path, expiry, content type, size bound, download name) is
 * covered by an HMAC-SHA256 with a key only the functions and the store know.
 */
export const LOCAL_BLOB_OPS = ['get', 'put', 'head', 'delete-prefix', 'list'] as const;
export type LocalBlobOp = (typeof LOCAL_BLOB_OPS)[number];

export interface LocalSignedParams {
  op: LocalBlobOp;
  path: string;
  /** Expiry, epoch seconds. */
  exp: number;
  contentType?: string;
  maxBytes?: number;
  downloadName?: string;
}

function canonical(p: LocalSignedParams): string {
  return [p.op, p.path, String(p.exp), p.contentType ?? '', p.maxBytes ?? '', p.downloadName ?? ''].join(
    '\n',
  );
}

export function signLocal(key: string, p: LocalSignedParams): string {
  return createHmac('sha256', key).update(canonical(p)).digest('hex');
}

export function buildLocalUrl(baseUrl: string, key: string, p: LocalSignedParams): string {
  const u = new URL(`${baseUrl.replace(/\/$/, '')}/o/${encodeURIComponent(p.path)}`);
  u.searchParams.set('op', p.op);
  u.searchParams.set('exp', String(p.exp));
  if (p.contentType !== undefined) u.searchParams.set('ct', p.contentType);
  if (p.maxBytes !== undefined) u.searchParams.set('max', String(p.maxBytes));
  if (p.downloadName !== undefined) u.searchParams.set('dl', p.downloadName);
  u.searchParams.set('sig', signLocal(key, p));
  return u.toString();
}

export type VerifyResult =
  { ok: true; params: LocalSignedParams } | { ok: false; status: 400 | 403; code: string; message: string };

/** Parses and checks a request URL (path + query) against the key and the clock. */
export function verifyLocalUrl(
  key: string,
  pathAndQuery: string,
  nowSec = Math.floor(Date.now() / 1000),
): VerifyResult {
  const u = new URL(pathAndQuery, 'http://local');
  const m = /^\/o\/(.+)$/.exec(u.pathname);
  const op = u.searchParams.get('op');
  const exp = Number(u.searchParams.get('exp'));
  const sig = u.searchParams.get('sig') ?? '';
  if (!m || !op || !(LOCAL_BLOB_OPS as readonly string[]).includes(op) || !Number.isFinite(exp) || !sig) {
    return { ok: false, status: 400, code: 'MalformedUrl', message: 'The URL is not a signed blob URL.' };
  }
  const max = u.searchParams.get('max');
  const params: LocalSignedParams = {
    op: op as LocalBlobOp,
    path: decodeURIComponent(m[1]!),
    exp,
    ...(u.searchParams.has('ct') ? { contentType: u.searchParams.get('ct')! } : {}),
    ...(max !== null ? { maxBytes: Number(max) } : {}),
    ...(u.searchParams.has('dl') ? { downloadName: u.searchParams.get('dl')! } : {}),
  };
  const want = Buffer.from(signLocal(key, params), 'hex');
  const got = Buffer.from(sig, 'hex');
  if (want.length !== got.length || !timingSafeEqual(want, got)) {
    return {
      ok: false,
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: 'The request signature does not match.',
    };
  }
  if (exp < nowSec)
    return { ok: false, status: 400, code: 'ExpiredToken', message: 'The signed URL has expired.' };
  return { ok: true, params };
}
