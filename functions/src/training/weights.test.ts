import { describe, expect, it } from 'vitest';
import { weightsExtension } from './weights.js';

describe('weightsExtension', () => {
  it('keeps the extension of the file Replicate produced', () => {
    expect(
      weightsExtension('https://replicate.delivery/x/lora.safetensors', 'application/octet-stream'),
    ).toBe('safetensors');
    expect(weightsExtension('https://replicate.delivery/x/trained_model.tar', null)).toBe('tar');
    expect(weightsExtension('http://127.0.0.1:4103/files/abc/weights.zip?sig=1', 'application/zip')).toBe(
      'zip',
    );
  });

  it('falls back to the content type, then to safetensors', () => {
    expect(weightsExtension('http://127.0.0.1:4103/files/abc', 'application/zip')).toBe('zip');
    expect(weightsExtension('http://127.0.0.1:4103/files/abc', 'application/octet-stream')).toBe(
      'safetensors',
    );
  });
});
