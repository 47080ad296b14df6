import { describe, expect, it } from 'vitest';
import { DEFAULT_NEXT_PATH, safeNextPath } from './safe-next';

describe('safeNextPath', () => {
  it('keeps same-site paths with their query and hash', () => {
    expect(safeNextPath('/orders')).toBe('/orders');
    expect(safeNextPath('/orders/abc123?checkout=success#gallery')).toBe(
      '/orders/abc123?checkout=success#gallery',
    );
    expect(safeNextPath('/operator')).toBe('/operator');
  });

  it('falls back when there is nothing', () => {
    expect(safeNextPath(null)).toBe(DEFAULT_NEXT_PATH);
    expect(safeNextPath(undefined)).toBe('/orders/new');
    expect(safeNextPath('')).toBe('/orders/new');
    expect(safeNextPath(null, '/orders')).toBe('/orders');
  });

  it.each([
    ['protocol-relative', '//evil.example/x'],
    ['absolute https', 'https://evil.example/'],
    ['absolute http', 'http://localhost:3000/orders'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['data scheme', 'data:text/html,hi'],
    ['relative without slash', 'orders'],
    ['backslash host', '/\\evil.example'],
    ['backslashes only', '\\\\evil.example'],
    ['tab inside', '/\t/evil.example'],
    ['newline inside', '/\n/evil.example'],
    ['encoded slash start', '/%2F%2Fevil.example'],
    ['encoded backslash start', '/%5Cevil.example'],
    ['space', '/orders /x'],
    ['login loop', '/login'],
    ['login finish loop', '/login/finish?next=/orders'],
    ['too long', `/${'a'.repeat(3000)}`],
  ])('refuses %s', (_name, raw) => {
    expect(safeNextPath(raw)).toBe(DEFAULT_NEXT_PATH);
  });

  it('normalises dot segments without leaving the site', () => {
    expect(safeNextPath('/orders/../operator')).toBe('/operator');
    expect(safeNextPath('/../../etc')).toBe('/etc');
  });
});
