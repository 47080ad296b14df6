/** Where a customer lands after signing in when the link did not say. */
export const DEFAULT_NEXT_PATH = '/orders/new';

const MAX_LENGTH = 2000;
const BASE = 'https://likeness.invalid';
// Browsers drop tabs and newlines inside URLs ("/\t/evil.com" becomes "//evil.com") and treat "\" like
// "/", so any such character is refused outright instead of being cleaned up.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[\\\s\u0000-\u001f\u007f]/;

/**
 * The post-login redirect target from `?next=`, if it is a path on this site; otherwise the fallback.
 * Only same-site relative paths pass: no scheme, no `//host`, no backslashes, no control characters,
 * and never back to /login itself (which would loop).
 */
export function safeNextPath(raw: string | null | undefined, fallback: string = DEFAULT_NEXT_PATH): string {
  if (!raw || raw.length > MAX_LENGTH) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//')) return fallback;
  if (UNSAFE_CHARS.test(raw)) return fallback;

  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  // Whatever the parser made of it, it must still be this site.
  if (url.origin !== BASE) return fallback;
  // Encoded slashes or backslashes at the start would become "//host" once something decodes the path.
  if (/^\/(%2f|%5c)/i.test(url.pathname)) return fallback;
  if (url.pathname === '/login' || url.pathname.startsWith('/login/')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
