import { oneLine } from './canonical-text';

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST = `${LABEL}(?:\\.${LABEL})*\\.[a-z]{2,24}`;
const BARE_URL = new RegExp(`^(?:https?://)?${HOST}(?::\\d{1,5})?(?:[/?#]\\S*)?$`, 'i');

/**
 * A line that is nothing but a web address, with or without a scheme.
 * Scheme-less text must start with www. or carry a path, so that a lone
 * "Reuters.com" or "U.S." is not taken for a link.
 */
export function looksLikeBareUrl(text: string): boolean {
  const s = text.trim();
  if (!BARE_URL.test(s)) return false;
  return /^https?:\/\//i.test(s) || /^www\./i.test(s) || /[/?#]/.test(s);
}

/**
 * Browsers ignore ASCII whitespace and control characters when reading a
 * scheme ("java\tscript:"), so the check has to as well.
 */
export function hasUnsafeScheme(url: string): boolean {
  const squeezed = url.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  return /^(?:javascript|data|vbscript):/.test(squeezed);
}

/** A metadata URL as we store it: one line, and never a script-bearing scheme. */
export function cleanSourceUrl(value: string): string {
  const url = oneLine(value);
  return hasUnsafeScheme(url) ? '' : url;
}

/**
 * A stored address read as a web address: http(s), or scheme-less with https:// assumed; null for
 * other schemes, script-bearing ones and text that does not parse.
 */
function webUrl(url: string): URL | null {
  const s = url.trim();
  if (s === '' || hasUnsafeScheme(s)) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(s);
  if (hasScheme && !/^https?:\/\//i.test(s)) return null;
  try {
    return new URL(hasScheme ? s : `https://${s}`);
  } catch {
    return null;
  }
}

/** Outlet guessed from the address, e.g. "universityofreason.com"; '' when there is no usable host. */
export function outletFromUrl(url: string): string {
  const host = webUrl(url)?.hostname.toLowerCase() ?? '';
  return host.includes('.') ? host.replace(/^www\./, '') : '';
}

/**
 * The address a stored source URL may be linked to: http(s) only, with https:// added to a
 * scheme-less "www.example.com/…"; null for anything else, which the page shows as plain text.
 */
export function linkableUrl(url: string): string | null {
  const s = url.trim();
  // Scheme-less text links only when it clearly is an address ("Reuters.com" alone is not).
  if (/\s/.test(s) || (!/^[a-z][a-z0-9+.-]*:/i.test(s) && !looksLikeBareUrl(s))) return null;
  const parsed = webUrl(s);
  return parsed && (parsed.hostname.includes('.') || parsed.hostname === 'localhost') ? parsed.href : null;
}
