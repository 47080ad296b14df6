import { describe, expect, it } from 'vitest';
import { decodeEmbedding, encodeEmbedding } from './embedding-codec.js';

describe('embedding codec', () => {
  it('round-trips at float32 precision in 4 bytes a value', () => {
    const embedding = Array.from({ length: 1024 }, (_, i) => Math.sin(i) * 0.1234567);
    const bytes = encodeEmbedding(embedding);
    expect(bytes.length).toBe(4096);
    const back = decodeEmbedding(bytes);
    expect(back).toHaveLength(1024);
    back.forEach((v, i) => expect(v).toBeCloseTo(embedding[i]!, 6));
  });

  it('reads from an unaligned slice and refuses a torn one', () => {
    const bytes = encodeEmbedding([1, -2, 3.5]);
    const padded = Buffer.concat([Buffer.from([9]), bytes]).subarray(1);
    expect(decodeEmbedding(padded)).toEqual([1, -2, 3.5]);
    expect(() => decodeEmbedding(bytes.subarray(0, 5))).toThrow(/multiple of 4/);
  });
});
