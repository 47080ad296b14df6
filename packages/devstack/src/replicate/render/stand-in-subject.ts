import { readFile } from 'node:fs/promises';

/**
 * Who an output of the local generator shows. A real LoRA sometimes drifts to another face or
 * renders the set without anyone in it; the stand-in does the same on purpose, a fixed share of the
 * time and decided by seed and output index alone, so the likeness scoring downstream meets every case
 * and a test can tell which output should be which.
 */
export type StandInSubject = 'customer' | 'stranger' | 'no-face';

/** Out of every 16 outputs on average: 2 show a stranger, 1 shows nobody. */
const STRANGER_IN_16 = 2;
const NO_FACE_IN_16 = 1;

/** FNV-1a over seed and index: cheap, stable across runs and platforms. */
function slot(seed: number, index: number): number {
  let h = 0x811c9dc5;
  for (const byte of [seed >>> 24, seed >>> 16, seed >>> 8, seed, index >>> 8, index]) {
    h ^= byte & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h >>> 8) % 16;
}

export function standInSubject(seed: number, index: number): StandInSubject {
  const s = slot(seed, index);
  if (s < STRANGER_IN_16) return 'stranger';
  if (s < STRANGER_IN_16 + NO_FACE_IN_16) return 'no-face';
  return 'customer';
}

/**
 * The stranger: Grace Hopper's public-domain portrait from the repo's face fixtures
 * (fixtures/faces/PROVENANCE.md). The test and demo selfies are all of another person (the
 * astronaut), so her face is unlike the customer's; the stack runs from a checkout, where the file is.
 */
const STRANGER_FILE = new URL('../../../../../fixtures/faces/grace_hopper.jpg', import.meta.url);

let stranger: Promise<Buffer> | undefined;

export function strangerCrop(): Promise<Buffer> {
  stranger ??= readFile(STRANGER_FILE).catch((e: unknown) => {
    stranger = undefined;
    throw e;
  });
  return stranger;
}
