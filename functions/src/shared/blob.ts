import { GcsBlobStore, LocalBlobStore, type BlobStore } from '@likeness/blob';
import { config } from './config.js';

let store: BlobStore | undefined;

export function blobStore(): BlobStore {
  if (store) return store;
  const c = config();
  store =
    c.BLOB_DRIVER === 'local'
      ? new LocalBlobStore(c.BLOB_LOCAL_URL!, c.BLOB_SIGNING_KEY!)
      : new GcsBlobStore(c.BLOB_BUCKET);
  return store;
}
