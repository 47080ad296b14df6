import sharp from 'sharp';
import { fileURLToPath } from 'node:url';

const face = (name: string) => fileURLToPath(new URL(`../../fixtures/faces/${name}`, import.meta.url));

export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * A set of distinct selfies of one person, made from a public-domain portrait the way a phone
 * gallery differs: framing, mirror, exposure, slight tilt (see fixtures/faces/PROVENANCE.md).
 */
export async function selfiesOfOnePerson(count: number): Promise<FilePayload[]> {
  const source = face('astronaut.jpg');
  const out: FilePayload[] = [];
  for (let i = 0; i < count; i++) {
    const zoom = 0.78 + (i % 4) * 0.07;
    const size = Math.round(512 * zoom);
    const left = Math.round((512 - size) * ((i % 3) / 2));
    const top = Math.round((512 - size) * 0.2);
    let img = sharp(source).extract({ left, top, width: size, height: size });
    if (i % 2 === 1) img = img.flop();
    img = img
      .rotate(((i % 5) - 2) * 2, { background: '#808080' })
      .modulate({ brightness: 0.9 + (i % 4) * 0.06 });
    const buffer = await img.resize(900, 900, { fit: 'cover' }).jpeg({ quality: 88 }).toBuffer();
    out.push({ name: `selfie-${String(i + 1).padStart(2, '0')}.jpg`, mimeType: 'image/jpeg', buffer });
  }
  return out;
}

/** A file that claims to be a JPEG but is not an image: QC must say so, not crash. */
export function notAnImage(): FilePayload {
  return {
    name: 'notes.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('shopping list: milk, eggs\n'.repeat(200)),
  };
}
