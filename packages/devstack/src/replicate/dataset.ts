import JSZip from 'jszip';
import sharp from 'sharp';

export interface TrainingImage {
  name: string;
  bytes: Buffer;
  caption: string | null;
}

const IMAGE_EXT = /\.(jpe?g|png|webp)$/i;
const MAX_IMAGES = 500;

/**
 * The trainer's reading of `input_images`: a zip of images (anywhere in it, e.g. `crops/01.jpg` or
 * `01-abc.jpg`) with optional same-named `.txt` captions. Fails the way the real trainer does when
 * the file is not a zip or holds no usable image.
 */
export async function readTrainingImages(
  zipBytes: Buffer,
): Promise<{ images: TrainingImage[]; skipped: string[] }> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(zipBytes);
  } catch {
    throw new Error('input_images is not a zip file. Upload a .zip of the training images.');
  }
  const files = Object.values(zip.files).filter(
    (f) => !f.dir && !f.name.startsWith('__MACOSX/') && !/(^|\/)\./.test(f.name),
  );
  const captions = new Map<string, string>();
  for (const f of files.filter((x) => /\.txt$/i.test(x.name))) {
    captions.set(f.name.replace(/\.txt$/i, ''), (await f.async('string')).trim());
  }
  const images: TrainingImage[] = [];
  const skipped: string[] = [];
  const candidates = files.filter((f) => IMAGE_EXT.test(f.name)).sort((a, b) => a.name.localeCompare(b.name));
  for (const f of candidates.slice(0, MAX_IMAGES)) {
    const bytes = await f.async('nodebuffer');
    try {
      const meta = await sharp(bytes).metadata();
      if (!meta.width || !meta.height) throw new Error('no size');
      images.push({ name: f.name, bytes, caption: captions.get(f.name.replace(IMAGE_EXT, '')) ?? null });
    } catch {
      skipped.push(f.name);
    }
  }
  if (images.length === 0) {
    const why = skipped.length > 0 ? ` (${skipped.length} file(s) could not be read as images)` : '';
    throw new Error(`input_images contains no images: expected .jpg, .png or .webp files in the zip${why}.`);
  }
  return { images, skipped };
}
