import { storagePaths } from '@likeness/core';
import { blobStore } from '../shared/blob.js';

const EXT_BY_TYPE: Record<string, string> = {
  'application/zip': 'zip',
  'application/x-zip-compressed': 'zip',
  'application/x-tar': 'tar',
  'application/gzip': 'tar.gz',
};

/** Keeps the file's own kind: a bare safetensors, or the archive a trainer produced. */
export function weightsExtension(url: string, contentType: string | null): string {
  const path = new URL(url).pathname.toLowerCase();
  const known = ['safetensors', 'tar.gz', 'tgz', 'tar', 'zip'].find((ext) => path.endsWith(`.${ext}`));
  if (known) return known;
  const byType = EXT_BY_TYPE[(contentType ?? '').split(';')[0]!.trim().toLowerCase()];
  return byType ?? 'safetensors';
}

/**
 * Copies the trained LoRA from Replicate into our storage, byte for byte: Replicate deletes output
 * files after an hour, and every prediction of the order needs them.
 */
export async function copyWeights(
  uid: string,
  orderId: string,
  weightsUrl: string,
): Promise<{ path: string; contentType: string; bytes: number }> {
  const res = await fetch(weightsUrl);
  if (!res.ok) throw new Error(`Download of the LoRA weights failed: HTTP ${res.status}`);
  const contentType = res.headers.get('content-type') ?? 'application/octet-stream';
  const bytes = Buffer.from(await res.arrayBuffer());
  const path = `${storagePaths.order(uid, orderId)}training/lora.${weightsExtension(weightsUrl, contentType)}`;
  await blobStore().write(path, bytes, contentType);
  return { path, contentType, bytes: bytes.byteLength };
}
