import { plural } from '../layout.js';

/**
 * What a deletion removed, in words, from the counts the deletion routine records
 * (functions/src/erasure/erase-order.ts): the receipts list exactly what went.
 */
export function removedInWords(removed: Record<string, number>): string[] {
  const lines: string[] = [];
  const n = (k: string) => removed[k] ?? 0;
  if (n('photos') > 0)
    lines.push(`${plural(n('photos'), 'selfie')} with their face crops and face measurements`);
  if (n('models') > 0) lines.push('your personal model, in our storage and at the GPU provider');
  if (n('images') > 0) lines.push(plural(n('images'), 'headshot'));
  if (n('files') > 0) lines.push(`${plural(n('files'), 'stored file')} in all`);
  return lines;
}
