import { randomBytes, randomInt } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const LOWER36 = '0123456789abcdefghijklmnopqrstuvwxyz';

function randomFrom(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** Stripe-style id: prefix plus base62, e.g. `cs_test_a1B2…`. */
export const stripeId = (prefix: string, length = 24) => `${prefix}${randomFrom(BASE62, length)}`;

/** Replicate-style id: 26 lowercase letters and digits. */
export const replicateId = () => randomFrom(LOWER36, 26);

export const hexId = (bytes: number) => randomBytes(bytes).toString('hex');

export const base62 = (length: number) => randomFrom(BASE62, length);
