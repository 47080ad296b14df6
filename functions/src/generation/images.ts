import sharp from 'sharp';

export const THUMB_PX = 384;

const EXT_BY_TYPE: Record<string, string> = { 'image/webp': 'webp', 'image/jpeg': 'jpg', 'image/png': 'png' };
const TYPE_BY_EXT: Record<string, string> = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** The stored file's type and extension, from the response header or else the URL. */
export function imageKind(url: string, contentType: string | null): { contentType: string; ext: string } {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const byType = EXT_BY_TYPE[type];
  if (byType) return { contentType: type, ext: byType };
  const urlExt = /\.([a-z]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  const fromUrl = urlExt ? TYPE_BY_EXT[urlExt] : undefined;
  if (fromUrl) return { contentType: fromUrl, ext: EXT_BY_TYPE[fromUrl]! };
  throw new Error(`Output is not a supported image (content type "${contentType}", url ${url})`);
}

/**
 * The predictor replaces an image its safety check blocks with a plain placeholder named
 * `blocked-<i>.<ext>` (cog-model/likeness_model/image_output.py): never a headshot to deliver.
 */
export function isBlockedOutput(url: string): boolean {
  const name = new URL(url).pathname.split('/').pop() ?? '';
  return name.startsWith('blocked-');
}

/** Size of the image and a gallery thumbnail whose long side is THUMB_PX. */
export async function describeAndThumb(
  bytes: Buffer,
): Promise<{ width: number; height: number; thumb: Buffer }> {
  const image = sharp(bytes, { failOn: 'error' });
  const meta = await image.metadata();
  if (!meta.width || !meta.height) throw new Error('Output image has no dimensions');
  const thumb = await image
    .clone()
    .resize({ width: THUMB_PX, height: THUMB_PX, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
  return { width: meta.width, height: meta.height, thumb };
}
