import { describe, expect, it } from 'vitest';
import { uploadErrorMessage, uploadHeaders } from './put-file';

describe('uploadHeaders', () => {
  it('sends the signed content type and the signer’s extra headers', () => {
    expect(uploadHeaders('image/jpeg', { 'x-goog-content-length-range': '0,26214400' })).toEqual({
      'Content-Type': 'image/jpeg',
      'x-goog-content-length-range': '0,26214400',
    });
  });

  it('lets the signer’s content type replace ours whatever its case, never both', () => {
    const headers = uploadHeaders('image/jpeg', { 'content-type': 'image/png' });
    expect(headers).toEqual({ 'content-type': 'image/png' });
  });
});

describe('uploadErrorMessage', () => {
  it('explains storage errors by their code', () => {
    const xml = (code: string) => `<?xml version='1.0'?><Error><Code>${code}</Code></Error>`;
    expect(uploadErrorMessage(400, xml('EntityTooLarge'))).toMatch(/25 MB/);
    expect(uploadErrorMessage(400, xml('ExpiredToken'))).toMatch(/expired/);
    expect(uploadErrorMessage(403, xml('SignatureDoesNotMatch'))).toMatch(/expired or was refused/);
    expect(uploadErrorMessage(0, '')).toMatch(/interrupted/);
    expect(uploadErrorMessage(503, '')).toMatch(/not answering/);
    expect(uploadErrorMessage(418, '')).toBe('The upload failed (HTTP 418). Retry.');
  });
});
