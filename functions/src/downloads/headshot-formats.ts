import { cropFor, storagePaths, type CropFormat, type HeadshotCrop, type ImageDoc } from '@likeness/core';
import sharp from 'sharp';
import { blobStore } from '../shared/blob.js';

/** A headshot as the crops need it: its file and face, its id, and the order whose prefix holds the crops. */
export type FormatSource = Pick<ImageDoc, 'uid' | 'orderId' | 'storagePath' | 'face'> & { id: string };

// The sites these formats are for re-encode uploads as JPEG anyway; a quality this high keeps the
// crop's detail for their pass.
const JPEG = { quality: 90, mozjpeg: true } as const;
// Fills the sides of a banner whose image was too narrow for a 4:1 strip around the whole face.
const FILL_BLUR_SIGMA = 24;

/** Cuts one crop out of the headshot's bytes: the rect, sized, as a JPEG. */
export async function renderCrop(bytes: Buffer, format: CropFormat, face: ImageDoc['face']): Promise<Buffer> {
  // The face box is measured on the upright image (selfie-qc applies EXIF orientation), so cut that;
  // generated headshots carry no orientation, and re-encoding them would only cost time.
  const { orientation } = await sharp(bytes, { failOn: 'error' }).metadata();
  const upright = orientation && orientation > 1 ? await sharp(bytes).rotate().toBuffer() : bytes;
  const meta = await sharp(upright).metadata();
  if (!meta.width || !meta.height) throw new Error('Headshot has no dimensions');
  const crop: HeadshotCrop = cropFor(format, { width: meta.width, height: meta.height }, face);
  // PNG headshots may carry alpha, which JPEG cannot: flatten onto white, as a site would show it.
  const region = () => sharp(upright).extract(crop.rect).flatten({ background: '#ffffff' });
  const { width, height } = crop.output;
  if (!crop.padded) {
    return region().resize(width, height, { fit: 'fill' }).jpeg(JPEG).toBuffer();
  }
  const [fill, subject] = await Promise.all([
    region().resize(width, height, { fit: 'cover' }).blur(FILL_BLUR_SIGMA).toBuffer(),
    region().resize(width, height, { fit: 'inside' }).toBuffer(),
  ]);
  return sharp(fill)
    .composite([{ input: subject, gravity: 'centre' }])
    .jpeg(JPEG)
    .toBuffer();
}

async function makeCrop(image: FormatSource, format: CropFormat, path: string): Promise<Buffer> {
  const store = blobStore();
  const bytes = await renderCrop(await store.read(image.storagePath), format, image.face);
  await store.write(path, bytes, 'image/jpeg');
  return bytes;
}

/**
 * Where a headshot's crop in a format is stored, cutting it first if it is not there yet. An image's
 * bytes never change (a redo makes a new image), so a stored crop stays right. It lies under the
 * order's prefix, so deleting the order deletes it.
 */
export async function storedCropPath(image: FormatSource, format: CropFormat): Promise<string> {
  const path = storagePaths.imageFormat(image.uid, image.orderId, image.id, format);
  if (!(await blobStore().exists(path))) await makeCrop(image, format, path);
  return path;
}

/** The bytes of a headshot's crop in a format (for the zip), cut and stored on first use. */
export async function cropBytes(image: FormatSource, format: CropFormat): Promise<Buffer> {
  const path = storagePaths.imageFormat(image.uid, image.orderId, image.id, format);
  const store = blobStore();
  return (await store.exists(path)) ? store.read(path) : makeCrop(image, format, path);
}
