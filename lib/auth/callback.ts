// Where the sign-in page sends someone afterwards (its `callbackUrl`): only a path on this site.
// A plain "starts with one slash" check is not enough: browsers read a backslash as a slash and
// drop tabs and newlines from URLs, so "/\evil.example" and "/<tab>/evil.example" lead off-site;
// "/..//evil.example" resolves to the path "//evil.example", which names another host wherever it
// is written back as an address.

const BASE = 'http://slant.invalid';

export const DEFAULT_AFTER_SIGN_IN = '/projects';

/** The path to go to after signing in: `raw` if it is a path on this site, otherwise the default. */
export function safeCallbackPath(raw: unknown): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || !value.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(value)) return DEFAULT_AFTER_SIGN_IN;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === BASE && !path.startsWith('//') ? path : DEFAULT_AFTER_SIGN_IN;
}
