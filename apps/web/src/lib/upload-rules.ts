import { MAX_FILE_NAME_LENGTH, MAX_UPLOAD_BYTES, UploadContentType } from '@likeness/core';

/**
 * What the browser checks before asking for upload URLs. The callable and the storage URL enforce the
 * same limits; checking here first means a wrong file is explained at once, without a round trip.
 */

const BY_EXTENSION: Record<string, UploadContentType> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jfif: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
};

/** For `<input type="file" accept>`: the types, and the extensions for systems that leave the type blank. */
export const ACCEPT_ATTRIBUTE = [
  ...UploadContentType.options,
  ...Object.keys(BY_EXTENSION).map((ext) => `.${ext}`),
].join(',');

/** The part of a File these rules look at (a plain object in tests). */
export interface FileLike {
  name: string;
  type: string;
  size: number;
}

/**
 * The content type to upload as, or null if it is not a photo we take. Browsers often leave `type`
 * empty for HEIC, so the extension decides when the type is blank or generic.
 */
export function uploadContentType(file: Pick<FileLike, 'name' | 'type'>): UploadContentType | null {
  const declared = UploadContentType.safeParse(file.type.toLowerCase());
  if (declared.success) return declared.data;
  if (file.type && file.type !== 'application/octet-stream') return null;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return (ext && BY_EXTENSION[ext]) || null;
}

/** Browsers can draw these as a preview from the local file; HEIC has to wait for the server thumbnail. */
export function canPreview(contentType: UploadContentType): boolean {
  return contentType !== 'image/heic' && contentType !== 'image/heif';
}

/** A name the callable accepts: at most 200 characters, keeping the extension. */
export function uploadFileName(name: string): string {
  const clean = name.trim() || 'photo';
  if (clean.length <= MAX_FILE_NAME_LENGTH) return clean;
  const ext = /\.[a-z0-9]{1,10}$/i.exec(clean)?.[0] ?? '';
  return `${clean.slice(0, MAX_FILE_NAME_LENGTH - ext.length - 1)}…${ext}`;
}

/** Binary units, so that MAX_UPLOAD_BYTES (MAX_UPLOAD_MB × 1024 × 1024 bytes) reads as MAX_UPLOAD_MB MB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'] as const;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value < 10 ? 1 : 0;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

export interface Screened<F extends FileLike> {
  accepted: { file: F; contentType: UploadContentType }[];
  /** One sentence per file (or group of files) that was not taken, for the customer. */
  refused: string[];
}

/**
 * Splits chosen files into those to upload and reasons for the rest. `slotsLeft` is how many more
 * photos the order can take; files beyond it are refused together, in the order chosen.
 */
export function screenFiles<F extends FileLike>(files: readonly F[], slotsLeft: number): Screened<F> {
  const accepted: Screened<F>['accepted'] = [];
  const refused: string[] = [];
  const seen = new Set<string>();
  let overLimit = 0;
  for (const file of files) {
    const contentType = uploadContentType(file);
    // The same file picked twice in one go (name, size and type alike) is uploaded once.
    const identity = `${file.name}\u0000${file.size}\u0000${file.type}`;
    if (!contentType) {
      refused.push(`${file.name}: not a photo we can use (JPEG, PNG, WebP or HEIC).`);
    } else if (file.size === 0) {
      refused.push(`${file.name}: the file is empty.`);
    } else if (file.size > MAX_UPLOAD_BYTES) {
      refused.push(
        `${file.name}: ${formatBytes(file.size)} is over the ${formatBytes(MAX_UPLOAD_BYTES)} limit.`,
      );
    } else if (seen.has(identity)) {
      refused.push(`${file.name}: chosen twice; it is uploaded once.`);
    } else if (accepted.length >= Math.max(0, slotsLeft)) {
      overLimit += 1;
    } else {
      seen.add(identity);
      accepted.push({ file, contentType });
    }
  }
  if (overLimit > 0) {
    const room = Math.max(0, slotsLeft);
    refused.push(
      `${overLimit} photo${overLimit === 1 ? ' was' : 's were'} not added: ` +
        (room === 0 ? 'this order has no room for more photos.' : `this order had room for ${room} more.`),
    );
  }
  return { accepted, refused };
}
