import { describe, expect, it } from 'vitest';
import { allowedOrigins } from './record-landing.js';

describe('allowedOrigins', () => {
  it('is the web app origin in production', () => {
    expect([...allowedOrigins('https://likeness.example/', false)]).toEqual(['https://likeness.example']);
  });

  it('takes both spellings of the local site', () => {
    expect([...allowedOrigins('http://localhost:3040', true)].sort()).toEqual([
      'http://127.0.0.1:3040',
      'http://localhost:3040',
    ]);
  });
});
