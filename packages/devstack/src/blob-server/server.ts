import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifyLocalUrl, type LocalSignedParams } from '@likeness/blob';
import type { Log } from '../http/log.js';
import { listen, type RunningService } from '../http/listen.js';

export type { RunningService };
import { sendJson } from '../http/respond.js';
import { answerPreflight, applyCors } from './cors.js';
import { attachmentDisposition } from './content-disposition.js';
import { sendStorageError } from './errors.js';
import { DiskObjectStore, EntityTooLargeError, InvalidObjectNameError } from './object-store.js';

export interface BlobServerOptions {
  dataDir: string;
  port: number;
  host: string;
  publicHost: string;
  signingKey: string;
  /** Upper bound for a PUT whose URL carries no `max` (Cloud Storage's single-request limit is 5 TiB; ours is a dev machine). */
  hardMaxBytes?: number;
  log: Log;
}

/** Which HTTP methods each signed operation admits. HEAD is GET without a body, as in HTTP. */
const METHODS_FOR_OP: Record<LocalSignedParams['op'], readonly string[]> = {
  get: ['GET', 'HEAD'],
  head: ['HEAD'],
  put: ['PUT'],
  'delete-prefix': ['DELETE'],
  list: ['GET'],
};

/**
 * Stand-in for Cloud Storage behind V4 signed URLs: every request must carry a valid signature
 * from `@likeness/blob`'s local signing, and the constraints inside it are enforced.
 */
export async function startBlobServer(opts: BlobServerOptions): Promise<RunningService> {
  const store = new DiskObjectStore(opts.dataDir);
  await store.init();
  const hardMax = opts.hardMaxBytes ?? 1024 ** 3;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'OPTIONS') return answerPreflight(req, res);
    applyCors(req, res);
    const rawUrl = req.url ?? '/';
    if (!rawUrl.startsWith('/o/')) return sendStorageError(res, 404, 'NotFound', 'Not a storage object URL.');

    let verdict: ReturnType<typeof verifyLocalUrl>;
    try {
      verdict = verifyLocalUrl(opts.signingKey, rawUrl);
    } catch {
      return sendStorageError(res, 400, 'MalformedUrl', 'The URL could not be decoded.');
    }
    if (!verdict.ok) return sendStorageError(res, verdict.status, verdict.code, verdict.message);
    const p = verdict.params;
    // The method is part of what Cloud Storage signs: using a GET URL to PUT is a signature mismatch.
    if (!METHODS_FOR_OP[p.op].includes(req.method ?? '')) {
      return sendStorageError(
        res,
        403,
        'SignatureDoesNotMatch',
        `This URL was signed for ${p.op}, not ${req.method}.`,
      );
    }

    switch (p.op) {
      case 'get':
      case 'head':
        return serveObject(req, res, p);
      case 'put':
        return receiveObject(req, res, p);
      case 'list':
        return sendJson(res, 200, { items: await store.listPrefix(p.path) });
      case 'delete-prefix': {
        const deleted = await store.deletePrefix(p.path);
        opts.log(`deleted ${deleted} object(s) under ${p.path}`);
        return sendJson(res, 200, { deleted });
      }
    }
  }

  async function serveObject(req: IncomingMessage, res: ServerResponse, p: LocalSignedParams): Promise<void> {
    const opened = await store.open(p.path);
    if (!opened) return sendStorageError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    const { meta, handle, size } = opened;
    try {
      const etag = `"${meta.md5}"`;
      const headers: Record<string, string | number> = {
        'Content-Type': meta.contentType,
        'Content-Length': size,
        ETag: etag,
        'Last-Modified': new Date(meta.updated).toUTCString(),
        'Cache-Control': 'private, max-age=0',
      };
      if (p.downloadName) headers['Content-Disposition'] = attachmentDisposition(p.downloadName);
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ETag: etag });
        res.end();
        return;
      }
      res.writeHead(200, headers);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      await new Promise<void>((resolve, reject) => {
        const stream = handle.createReadStream({ autoClose: false });
        stream.on('error', reject);
        res.on('close', () => resolve());
        stream.pipe(res);
      });
    } finally {
      await handle.close();
    }
  }

  async function receiveObject(
    req: IncomingMessage,
    res: ServerResponse,
    p: LocalSignedParams,
  ): Promise<void> {
    const sentType = req.headers['content-type'];
    if (p.contentType !== undefined && sentType !== p.contentType) {
      return sendStorageError(
        res,
        403,
        'SignatureDoesNotMatch',
        `The request's Content-Type "${sentType ?? ''}" does not match the signed "${p.contentType}".`,
      );
    }
    const max = Math.min(p.maxBytes ?? hardMax, hardMax);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) return refuseTooLarge(req, res, max);
    try {
      const meta = await store.write(
        p.path,
        req,
        p.contentType ?? sentType ?? 'application/octet-stream',
        max,
      );
      res.writeHead(200, { ETag: `"${meta.md5}"`, 'Content-Length': 0 });
      res.end();
    } catch (err) {
      if (err instanceof EntityTooLargeError) return refuseTooLarge(req, res, max);
      throw err;
    }
  }

  /** Answers and closes the connection without reading the rest of the body. */
  function refuseTooLarge(req: IncomingMessage, res: ServerResponse, max: number): void {
    res.setHeader('Connection', 'close');
    sendStorageError(
      res,
      400,
      'EntityTooLarge',
      `Your proposed upload is larger than the maximum object size specified in your URL (${max} bytes).`,
    );
    req.pause();
    // Capture the socket now: Node detaches it from the request once the response finishes.
    const socket = req.socket;
    res.on('finish', () => setTimeout(() => socket?.destroy(), 50).unref());
  }

  const server = await listen(
    async (req, res) => {
      try {
        await handle(req, res);
      } catch (err) {
        if (err instanceof InvalidObjectNameError)
          return sendStorageError(res, 400, 'InvalidObjectName', err.message);
        opts.log(`error on ${req.method} ${req.url}: ${err instanceof Error ? err.stack : String(err)}`);
        sendStorageError(res, 500, 'InternalError', 'We encountered an internal error. Please try again.');
      }
    },
    opts.port,
    opts.host,
  );
  return { url: `http://${opts.publicHost}:${server.port}`, port: server.port, stop: server.close };
}
