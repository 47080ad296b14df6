import { getStorage } from 'firebase-admin/storage';
import {
  BlobNotFoundError,
  type BlobStore,
  type SignedGetOptions,
  type SignedPutOptions,
  type SignedUrl,
} from './blob-store.js';

/** Cloud Storage through the admin SDK, with V4 signed URLs (the production driver). */
export class GcsBlobStore implements BlobStore {
  constructor(private readonly bucketName?: string) {}

  private bucket() {
    return getStorage().bucket(this.bucketName);
  }

  async signedPutUrl(path: string, o: SignedPutOptions): Promise<SignedUrl> {
    const expires = Date.now() + o.expiresInSec * 1000;
    const range = `0,${o.maxBytes}`;
    const [url] = await this.bucket()
      .file(path)
      .getSignedUrl({
        version: 'v4',
        action: 'write',
        expires,
        contentType: o.contentType,
        extensionHeaders: { 'x-goog-content-length-range': range },
      });
    return {
      url,
      headers: { 'Content-Type': o.contentType, 'x-goog-content-length-range': range },
      expiresAt: expires,
    };
  }

  async signedGetUrl(path: string, o: SignedGetOptions): Promise<SignedUrl> {
    const expires = Date.now() + o.expiresInSec * 1000;
    const [url] = await this.bucket()
      .file(path)
      .getSignedUrl({
        version: 'v4',
        action: 'read',
        expires,
        ...(o.downloadName ? { responseDisposition: `attachment; filename="${o.downloadName}"` } : {}),
      });
    return { url, headers: {}, expiresAt: expires };
  }

  async read(path: string): Promise<Buffer> {
    try {
      const [bytes] = await this.bucket().file(path).download();
      return bytes;
    } catch (e) {
      if ((e as { code?: number }).code === 404) throw new BlobNotFoundError(path);
      throw e;
    }
  }

  async write(path: string, bytes: Buffer | Uint8Array, contentType: string): Promise<void> {
    await this.bucket().file(path).save(Buffer.from(bytes), { contentType, resumable: false });
  }

  async stat(path: string): Promise<{ size: number; contentType: string } | null> {
    const [exists] = await this.bucket().file(path).exists();
    if (!exists) return null;
    const [meta] = await this.bucket().file(path).getMetadata();
    return { size: Number(meta.size ?? 0), contentType: meta.contentType ?? 'application/octet-stream' };
  }

  async exists(path: string): Promise<boolean> {
    const [exists] = await this.bucket().file(path).exists();
    return exists;
  }

  async list(prefix: string): Promise<string[]> {
    const [files] = await this.bucket().getFiles({ prefix });
    return files.map((f) => f.name);
  }

  async deletePrefix(prefix: string): Promise<number> {
    const [files] = await this.bucket().getFiles({ prefix });
    await Promise.all(files.map((f) => f.delete({ ignoreNotFound: true })));
    return files.length;
  }
}
