import { SubjectClass } from '@likeness/core';
import JSZip from 'jszip';
import sharp from 'sharp';
import { z } from 'zod';
import type { TrainingImage } from './dataset.js';

/**
 * The local trainer's "LoRA weights": not tensors but the subject's normalised face crops plus a
 * manifest, which is all the CPU stand-in generator needs to show the customer their own face.
 */
export const LORA_FORMAT = 'likeness-local-lora';

export const LoraManifest = z.object({
  format: z.literal(LORA_FORMAT),
  version: z.literal(1),
  training_id: z.string(),
  trigger_word: z.string(),
  subject_class: SubjectClass,
  created_at: z.string(),
  hyperparameters: z.object({
    steps: z.number(),
    lora_rank: z.number(),
    learning_rate: z.number(),
    resolution: z.number(),
  }),
  images: z.array(z.object({ file: z.string(), source: z.string(), caption: z.string().nullable() })).min(1),
});
export type LoraManifest = z.infer<typeof LoraManifest>;

export interface LoadedLora {
  manifest: LoraManifest;
  crops: Buffer[];
}

const README = `This is not a real LoRA. The Likeness local stand-in for Replicate "trains" by keeping the
subject's face crops, so the local generator can render previews with the customer's own face
without a GPU. Production trainings produce lora.safetensors through cog-model.
`;

const CROP_LONG_SIDE = 640;

export async function writeLoraFile(
  images: TrainingImage[],
  meta: Omit<LoraManifest, 'format' | 'version' | 'images' | 'created_at'>,
): Promise<Buffer> {
  const zip = new JSZip();
  const entries: LoraManifest['images'] = [];
  for (const [i, img] of images.entries()) {
    const file = `crops/${String(i + 1).padStart(3, '0')}.jpg`;
    const normalised = await sharp(img.bytes)
      .autoOrient()
      .resize(CROP_LONG_SIDE, CROP_LONG_SIDE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#808080' })
      .jpeg({ quality: 90 })
      .toBuffer();
    zip.file(file, normalised);
    entries.push({ file, source: img.name, caption: img.caption });
  }
  const manifest: LoraManifest = {
    format: LORA_FORMAT,
    version: 1,
    created_at: new Date().toISOString(),
    images: entries,
    ...meta,
  };
  zip.file('manifest.json', JSON.stringify(manifest, null, 2));
  zip.file('README.txt', README);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

export async function readLoraFile(bytes: Buffer): Promise<LoadedLora> {
  const refuse = (why: string) =>
    new Error(`lora_weights is not a LoRA made by the local trainer stand-in: ${why}`);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw refuse('not a zip file');
  }
  const manifestFile = zip.file('manifest.json');
  if (!manifestFile) throw refuse('manifest.json is missing');
  const parsed = LoraManifest.safeParse(JSON.parse(await manifestFile.async('string')));
  if (!parsed.success)
    throw refuse(`manifest.json is invalid (${parsed.error.issues[0]?.message ?? 'unknown'})`);
  const crops: Buffer[] = [];
  for (const img of parsed.data.images) {
    const f = zip.file(img.file);
    if (!f) throw refuse(`${img.file} is missing`);
    crops.push(await f.async('nodebuffer'));
  }
  return { manifest: parsed.data, crops };
}
