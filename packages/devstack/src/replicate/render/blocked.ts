import sharp from 'sharp';
import type { OutputFormat } from './portrait.js';

/**
 * What the predictor writes in place of an image its safety check blocked (cog-model's
 * likeness_model/safety.py): a plain grey image of the same size, saved as `blocked-<i>.<format>`.
 */
export async function renderBlocked(
  width: number,
  height: number,
  format: OutputFormat,
  quality: number,
): Promise<Buffer> {
  const grey = sharp({ create: { width, height, channels: 3, background: { r: 128, g: 128, b: 128 } } });
  switch (format) {
    case 'webp':
      return grey.webp({ quality }).toBuffer();
    case 'jpg':
      return grey.jpeg({ quality }).toBuffer();
    case 'png':
      return grey.png().toBuffer();
  }
}
