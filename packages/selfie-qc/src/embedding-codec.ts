/**
 * Embeddings as bytes for storage: 1024 float32 values are 4 kB as a Firestore Bytes field, where a
 * 1024-element number array would be 8 kB and, unless exempted, 1024 index entries.
 */
export function encodeEmbedding(embedding: readonly number[]): Buffer {
  const floats = Float32Array.from(embedding);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength);
}

export function decodeEmbedding(bytes: Uint8Array): number[] {
  if (bytes.byteLength % 4 !== 0) throw new Error(`embedding bytes not a multiple of 4: ${bytes.byteLength}`);
  // Copy first: the input's offset need not be 4-byte aligned.
  const aligned = new Uint8Array(bytes).buffer;
  return Array.from(new Float32Array(aligned));
}
