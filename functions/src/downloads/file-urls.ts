import { posix } from 'node:path';

/** File names the browser saves downloads under: `likeness-<id>.<ext of the stored object>`. */
export function downloadNameFor(id: string, storagePath: string): string {
  const ext = posix.extname(storagePath).replace(/^\./, '').toLowerCase();
  return ext ? `likeness-${id}.${ext}` : `likeness-${id}`;
}

export const ZIP_DOWNLOAD_NAME = 'likeness-headshots.zip';
