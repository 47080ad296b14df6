import { selfieVariant } from '@likeness/devstack/selfie-variants';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const face = (name: string) => fileURLToPath(new URL(`../../fixtures/faces/${name}`, import.meta.url));

export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Distinct selfies of one person made from a public-domain portrait (see selfieVariant). */
export async function selfiesOfOnePerson(count: number): Promise<FilePayload[]> {
  const source = readFileSync(face('astronaut.jpg'));
  return Promise.all(
    Array.from({ length: count }, async (_, i) => ({
      name: `selfie-${String(i + 1).padStart(2, '0')}.jpg`,
      mimeType: 'image/jpeg',
      buffer: await selfieVariant(source, i, { width: 900, height: 1125 }),
    })),
  );
}

/** A file that claims to be a JPEG but is not an image: QC must say so, not crash. */
export function notAnImage(): FilePayload {
  return {
    name: 'notes.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('shopping list: milk, eggs\n'.repeat(200)),
  };
}
