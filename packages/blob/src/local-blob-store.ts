import {
  BlobNotFoundError,
  type BlobStore,
  type SignedGetOptions,
  type SignedPutOptions,
  type SignedUrl,
} from './blob-store.js';
import { buildLocalUrl, type LocalSignedParams } from './local-signing.js';

/**
 * Client of the local blob server (packages/devstack). The functions use it exactly as they use
 * Cloud Storage: they sign URLs, and even their own reads and writes go through signed URLs, so the
 * server's checks are exercised on every call.
 */
export class LocalBlobStore implements BlobStore {
  constructor(
    private readonly baseUrl: string,
    private readonly key: string,
    private readonly internalTtlSec = 300,
  ) {}

  private url(p: Omit<LocalSignedParams, 'exp'>, ttl: number): { url: string; exp: number } {
    const exp = Math.floor(Date.now() / 1000) + ttl;
    return { url: buildLocalUrl(this.baseUrl, this.key, { ...p, exp }), exp };
  }

  async signedPutUrl(path: string, o: SignedPutOptions): Promise<SignedUrl> {
    const { url, exp } = this.url(
      { op: 'put', path, contentType: o.contentType, maxBytes: o.maxBytes },
      o.expiresInSec,
    );
    return { url, headers: { 'Content-Type': o.contentType }, expiresAt: exp * 1000 };
  }

  async signedGetUrl(path: string, o: SignedGetOptions): Promise<SignedUrl> {
    const { url, exp } = this.url(
      { op: 'get', path, ...(o.downloadName ? { downloadName: o.downloadName } : {}) },
      o.expiresInSec,
    );
    return { url, headers: {}, expiresAt: exp * 1000 };
  }

  async read(path: string): Promise<Buffer> {
    const res = await fetch(this.url({ op: 'get', path }, this.internalTtlSec).url);
    if (res.status === 404) throw new BlobNotFoundError(path);
    if (!res.ok) throw new Error(`Blob read ${path} failed: ${res.status} ${await res.text()}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async write(path: string, bytes: Buffer | Uint8Array, contentType: string): Promise<void> {
    const { url } = this.url(
      { op: 'put', path, contentType, maxBytes: bytes.byteLength },
      this.internalTtlSec,
    );
    const res = await fetch(url, { method: 'PUT', headers: { 'Content-Type': contentType }, body: bytes });
    if (!res.ok) throw new Error(`Blob write ${path} failed: ${res.status} ${await res.text()}`);
  }

  async stat(path: string): Promise<{ size: number; contentType: string } | null> {
    const res = await fetch(this.url({ op: 'head', path }, this.internalTtlSec).url, { method: 'HEAD' });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`Blob stat ${path} failed: ${res.status}`);
    return {
      size: Number(res.headers.get('content-length') ?? 0),
      contentType: res.headers.get('content-type') ?? 'application/octet-stream',
    };
  }

  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)) !== null;
  }

  async list(prefix: string): Promise<string[]> {
    const res = await fetch(this.url({ op: 'list', path: prefix }, this.internalTtlSec).url);
    if (!res.ok) throw new Error(`Blob list ${prefix} failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { items: string[] }).items;
  }

  async deletePrefix(prefix: string): Promise<number> {
    const res = await fetch(this.url({ op: 'delete-prefix', path: prefix }, this.internalTtlSec).url, {
      method: 'DELETE',
    });
    if (!res.ok) throw new Error(`Blob delete ${prefix} failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { deleted: number };
    return body.deleted;
  }
}
