import { createHash } from 'node:crypto';
export { canonicalText, oneLine } from './canonical-text';

export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
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
