import type { CropFormat } from '@likeness/core';
import { posix } from 'node:path';

/**
 * File names the browser saves downloads under: `likeness-<id>.<ext of the stored object>`, and for a
 * profile crop `likeness-<id>-<format>.<ext>`, so the files of one headshot tell themselves apart.
 */
export function downloadNameFor(id: string, storagePath: string, format?: CropFormat): string {
  const ext = posix.extname(storagePath).replace(/^\./, '').toLowerCase();
  const base = format ? `likeness-${id}-${format}` : `likeness-${id}`;
  return ext ? `${base}.${ext}` : base;
}

export const ZIP_DOWNLOAD_NAME = 'likeness-headshots.zip';
