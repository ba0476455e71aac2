import { createHash } from 'node:crypto';

/**
 * The one normalisation every stored body goes through, so that hashes and
 * annotation offsets are stable regardless of how the text reached us.
 * Deliberately minimal: anything more (trimming, NBSP folding) would move
 * offsets and change what annotators see.
 */
export function canonicalText(raw: string): string {
  const withoutBom = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return withoutBom.replace(/\r\n?/g, '\n').normalize('NFC');
}

export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Metadata fields are shown in single-line inputs, so any whitespace run (NBSP included) becomes one space. */
export function oneLine(value: string): string {
  return canonicalText(value).replace(/\s+/gu, ' ').trim();
}

/**
 * Body ends are trimmed of layout whitespace only: String.prototype.trim()
 * would also eat NBSP and other Unicode spaces that belong to the text.
 */
export function trimLayoutWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isLayoutSpace(text.charCodeAt(start))) start++;
  while (end > start && isLayoutSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

function isLayoutSpace(code: number): boolean {
  return code === 0x0a || code === 0x20 || code === 0x09;
}
