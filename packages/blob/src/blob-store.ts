/**
 * The one storage interface of the product. Browsers only ever see signed URLs from it; no server
 * proxies selfie bytes.
 */
export interface SignedPutOptions {
  contentType: string;
  /** Upper bound on the body size; the store refuses larger uploads. */
  maxBytes: number;
  expiresInSec: number;
}

export interface SignedGetOptions {
  expiresInSec: number;
  /** When set, the response carries Content-Disposition: attachment with this file name. */
  downloadName?: string;
}

export interface SignedUrl {
  url: string;
  /** Headers the client must send with the request (e.g. Content-Type, size bounds). */
  headers: Record<string, string>;
  expiresAt: number;
}

export interface BlobStore {
  signedPutUrl(path: string, opts: SignedPutOptions): Promise<SignedUrl>;
  signedGetUrl(path: string, opts: SignedGetOptions): Promise<SignedUrl>;
  /** Reads a whole object; throws BlobNotFoundError when absent. */
  read(path: string): Promise<Buffer>;
  write(path: string, bytes: Buffer | Uint8Array, contentType: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Size and type of an object, or null when absent. */
  stat(path: string): Promise<{ size: number; contentType: string } | null>;
  /** Paths of every object whose path starts with prefix (what a deletion must leave empty). */
  list(prefix: string): Promise<string[]>;
  /** Deletes every object whose path starts with prefix; returns how many. */
  deletePrefix(prefix: string): Promise<number>;
}

export class BlobNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`No object at ${path}`);
    this.name = 'BlobNotFoundError';
  }
}
