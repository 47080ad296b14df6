import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobNotFoundError, buildLocalUrl, LocalBlobStore } from '@likeness/blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBlobServer, type RunningService } from './server.js';

const KEY = 'test-signing-key-0123456789';
let dir: string;
let server: RunningService;
let store: LocalBlobStore;
const nowSec = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blob-server-'));
  server = await startBlobServer({
    dataDir: dir,
    port: 0,
    host: '127.0.0.1',
    publicHost: '127.0.0.1',
    signingKey: KEY,
    log: () => undefined,
  });
  store = new LocalBlobStore(server.url, KEY);
});

afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Sends a body in chunks without Content-Length, as a streaming browser upload would. */
function putChunked(
  url: string,
  contentType: string,
  chunks: Buffer[],
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'PUT', headers: { 'Content-Type': contentType, 'Transfer-Encoding': 'chunked' } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    let i = 0;
    const next = () => {
      if (i >= chunks.length) return req.end();
      req.write(chunks[i++], () => setTimeout(next, 5));
    };
    next();
  });
}

describe('blob server with LocalBlobStore as the client', () => {
  it('round-trips an object: write, stat, read, exists', async () => {
    const bytes = Buffer.from('hello selfie');
    await store.write('users/u1/orders/o1/uploads/p1', bytes, 'image/jpeg');
    expect(await store.stat('users/u1/orders/o1/uploads/p1')).toEqual({
      size: bytes.length,
      contentType: 'image/jpeg',
    });
    expect((await store.read('users/u1/orders/o1/uploads/p1')).equals(bytes)).toBe(true);
    expect(await store.exists('users/u1/orders/o1/uploads/p1')).toBe(true);
    expect(await store.exists('users/u1/orders/o1/uploads/nope')).toBe(false);
  });

  it('overwrites in place and keeps objects whose paths are prefixes of others apart', async () => {
    await store.write('a/b', Buffer.from('one'), 'text/plain');
    await store.write('a/b/c', Buffer.from('two'), 'text/plain');
    await store.write('a/b', Buffer.from('three'), 'application/json');
    expect((await store.read('a/b')).toString()).toBe('three');
    expect((await store.stat('a/b'))?.contentType).toBe('application/json');
    expect((await store.read('a/b/c')).toString()).toBe('two');
  });

  it('throws BlobNotFoundError for a missing object, and HEAD answers 404', async () => {
    await expect(store.read('users/u1/missing')).rejects.toBeInstanceOf(BlobNotFoundError);
    const res = await fetch(
      buildLocalUrl(server.url, KEY, { op: 'get', path: 'users/u1/missing', exp: nowSec() + 60 }),
    );
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('<Code>NoSuchKey</Code>');
  });

  it('uploads through a signed PUT URL with the signed Content-Type, as a browser does', async () => {
    const put = await store.signedPutUrl('users/u2/orders/o2/uploads/p9', {
      contentType: 'image/png',
      maxBytes: 1000,
      expiresInSec: 60,
    });
    const res = await fetch(put.url, { method: 'PUT', headers: put.headers, body: Buffer.alloc(500, 7) });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await store.stat('users/u2/orders/o2/uploads/p9')).toEqual({
      size: 500,
      contentType: 'image/png',
    });
  });

  it('adds Content-Disposition: attachment for a download name', async () => {
    await store.write('users/u1/exports/headshots.zip', Buffer.from('PK'), 'application/zip');
    const get = await store.signedGetUrl('users/u1/exports/headshots.zip', {
      expiresInSec: 60,
      downloadName: 'Jürgen headshots.zip',
    });
    const res = await fetch(get.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="J_rgen headshots.zip"; filename*=UTF-8''J%C3%BCrgen%20headshots.zip`,
    );
  });

  it('refuses a tampered signature or path with 403 SignatureDoesNotMatch', async () => {
    const get = await store.signedGetUrl('users/u1/orders/o1/uploads/p1', { expiresInSec: 60 });
    const badSig = get.url.replace(/sig=([0-9a-f])/, (_m, c: string) => `sig=${c === '0' ? '1' : '0'}`);
    const r1 = await fetch(badSig);
    expect(r1.status).toBe(403);
    expect(await r1.text()).toContain('SignatureDoesNotMatch');
    const otherPath = get.url.replace('p1', 'p2');
    expect((await fetch(otherPath)).status).toBe(403);
    const wrongKey = buildLocalUrl(server.url, 'another-key', {
      op: 'get',
      path: 'users/u1/orders/o1/uploads/p1',
      exp: nowSec() + 60,
    });
    expect((await fetch(wrongKey)).status).toBe(403);
  });

  it('refuses an expired URL with 400 ExpiredToken', async () => {
    const url = buildLocalUrl(server.url, KEY, {
      op: 'get',
      path: 'users/u1/orders/o1/uploads/p1',
      exp: nowSec() - 1,
    });
    const res = await fetch(url);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>ExpiredToken</Code>');
  });

  it('refuses a URL used with another method (GET URL to PUT, PUT URL to GET)', async () => {
    const get = await store.signedGetUrl('users/u1/x', { expiresInSec: 60 });
    expect(
      (await fetch(get.url, { method: 'PUT', body: 'x', headers: { 'Content-Type': 'text/plain' } })).status,
    ).toBe(403);
    const put = await store.signedPutUrl('users/u1/x', {
      contentType: 'text/plain',
      maxBytes: 10,
      expiresInSec: 60,
    });
    expect((await fetch(put.url)).status).toBe(403);
  });

  it('refuses a PUT with another Content-Type with 403', async () => {
    const put = await store.signedPutUrl('users/u3/p', {
      contentType: 'image/jpeg',
      maxBytes: 1000,
      expiresInSec: 60,
    });
    const res = await fetch(put.url, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/png' },
      body: Buffer.alloc(10),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('does not match the signed');
    expect(await store.exists('users/u3/p')).toBe(false);
  });

  it('refuses a body over max with 400 EntityTooLarge (declared length)', async () => {
    const put = await store.signedPutUrl('users/u3/big', {
      contentType: 'image/jpeg',
      maxBytes: 100,
      expiresInSec: 60,
    });
    const res = await fetch(put.url, { method: 'PUT', headers: put.headers, body: Buffer.alloc(101) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('EntityTooLarge');
    expect(await store.exists('users/u3/big')).toBe(false);
  });

  it('stops a streamed body once it passes max and keeps the previous version', async () => {
    await store.write('users/u3/streamed', Buffer.from('old'), 'image/jpeg');
    const put = await store.signedPutUrl('users/u3/streamed', {
      contentType: 'image/jpeg',
      maxBytes: 64 * 1024,
      expiresInSec: 60,
    });
    const chunks = Array.from({ length: 12 }, () => Buffer.alloc(16 * 1024, 1));
    const res = await putChunked(put.url, 'image/jpeg', chunks).catch((e: Error) => ({
      status: -1,
      body: e.message,
    }));
    // The server answers 400 as soon as the running total passes max, then closes the connection.
    expect(res.status).toBe(400);
    expect(res.body).toContain('EntityTooLarge');
    expect((await store.read('users/u3/streamed')).toString()).toBe('old');
  });

  it('refuses path segments that could climb out of the data dir', async () => {
    const url = buildLocalUrl(server.url, KEY, {
      op: 'put',
      path: 'users/../../etc/x',
      exp: nowSec() + 60,
      contentType: 'text/plain',
      maxBytes: 10,
    });
    const res = await fetch(url, { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('InvalidObjectName');
  });

  it('lists and deletes by prefix, returning the count, including a prefix ending mid-segment', async () => {
    for (const p of [
      'users/u9/orders/o1/a',
      'users/u9/orders/o1/b/c',
      'users/u9/orders/o2/a',
      'users/u9/other',
    ]) {
      await store.write(p, Buffer.from(p), 'text/plain');
    }
    expect(await store.list('users/u9/orders/')).toEqual([
      'users/u9/orders/o1/a',
      'users/u9/orders/o1/b/c',
      'users/u9/orders/o2/a',
    ]);
    expect(await store.deletePrefix('users/u9/orders/o1/')).toBe(2);
    expect(await store.list('users/u9/orders/o1/')).toEqual([]);
    expect(await store.exists('users/u9/orders/o2/a')).toBe(true);
    expect(await store.deletePrefix('users/u9/orders/o')).toBe(1);
    expect(await store.exists('users/u9/other')).toBe(true);
    expect(await store.deletePrefix('users/u9/nothing-here/')).toBe(0);
  });

  it('answers CORS preflights for local origins only', async () => {
    const put = await store.signedPutUrl('users/u4/p', {
      contentType: 'image/jpeg',
      maxBytes: 10,
      expiresInSec: 60,
    });
    const ok = await fetch(put.url, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:3000',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(ok.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Content-Type/i);
    const evil = await fetch(put.url, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'PUT' },
    });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const put2 = await fetch(put.url, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/jpeg', Origin: 'http://127.0.0.1:3005' },
      body: 'x',
    });
    expect(put2.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3005');
  });
});
