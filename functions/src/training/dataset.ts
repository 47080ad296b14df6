import { DEFAULT_TRIGGER_TOKEN, MAX_TRAINING_PHOTOS, type PhotoDoc, type SubjectClass } from '@likeness/core';
import { buildZip } from '../shared/zip-archive.js';

export interface TrainingPhoto {
  photoId: string;
  cropPath: string;
}

/**
 * The photos the LoRA learns from: accepted ones that have a normalised crop and no set-level flag
 * (a near-copy or someone else would teach the wrong face), newest verdict first, capped because
 * more photos add GPU minutes but not likeness.
 */
export function selectTrainingPhotos(
  photos: ReadonlyArray<{ id: string; doc: PhotoDoc }>,
  max = MAX_TRAINING_PHOTOS,
): TrainingPhoto[] {
  const millis = (p: PhotoDoc) => (p.checkedAt ?? p.createdAt).toMillis();
  return photos
    .filter(({ doc }) => doc.status === 'accepted' && !!doc.cropPath && !doc.setReasons?.length)
    .sort((a, b) => millis(b.doc) - millis(a.doc) || a.id.localeCompare(b.id))
    .slice(0, max)
    .map(({ id, doc }) => ({ photoId: id, cropPath: doc.cropPath! }));
}

/** The caption binds the trigger token to the subject class, as the prompts at generation do. */
export function captionFor(subjectClass: SubjectClass, trigger = DEFAULT_TRIGGER_TOKEN): string {
  return `a photo of ${trigger} ${subjectClass}`;
}

const extensionOf = (path: string) => /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? 'jpg';

/**
 * The trainer's dataset: each image next to a same-named `.txt` caption (the layout ai-toolkit and the
 * cog-model trainer read). Stored, not deflated: the JPEGs do not compress further.
 */
export async function buildDatasetZip(
  images: ReadonlyArray<{ photoId: string; cropPath: string; bytes: Buffer }>,
  caption: string,
): Promise<Buffer> {
  if (images.length === 0) throw new Error('A training set needs at least one image');
  const captionBytes = Buffer.from(caption, 'utf8');
  return buildZip(
    images.flatMap((img, i) => {
      const stem = `${String(i + 1).padStart(2, '0')}-${img.photoId}`;
      return [
        { name: `${stem}.${extensionOf(img.cropPath)}`, load: async () => img.bytes },
        { name: `${stem}.txt`, load: async () => captionBytes },
      ];
    }),
  );
}
