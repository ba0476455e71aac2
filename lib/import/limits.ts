import { formatBytes } from '../byte-size';

/** Measured in Unicode code points so that astral characters (emoji, rare CJK) count once. */
export const MAX_ARTICLE_CHARS = 1_000_000;

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Longest metadata values (UTF-16 units, as the save schema counts): the source URL, and every other field. */
export const MAX_URL_LENGTH = 2000;
export const MAX_FIELD_LENGTH = 500;
/** Articles saved in one request. */
export const MAX_ARTICLES_PER_SAVE = 500;
/**
 * The JSON one save may send, 20 MB (binary, as every size Slant names): room for five
 * maximum-size articles at four UTF-8 bytes a character.
 */
export const MAX_SAVE_BYTES = 20 * 1024 * 1024;

/** Said when the ticked articles are more than one save takes; the page says it before sending. */
export function saveTooLargeMessage(count: number, bytes: number): string {
  const what = count === 1 ? 'the article comes to' : `the ${formatCount(count)} articles come to`;
  return `Nothing was saved: ${what} ${formatBytes(bytes)}${count === 1 ? '' : ' together'}, more than the ${formatBytes(MAX_SAVE_BYTES)} one save takes. Untick some, save the others, then import the rest again.`;
}

export function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** Computed without allocating, because pasted strings are sized before anything else is done with them. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    } else bytes += 3;
  }
  return bytes;
}

/** Locale-independent so messages read the same on every server. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function articleTooLongMessage(length: number): string {
  return `the article is ${formatCount(length)} characters long; the limit is ${formatCount(MAX_ARTICLE_CHARS)}`;
}

export function fileTooLargeMessage(bytes: number): string {
  return `the file is ${formatCount(bytes)} bytes; the limit is 10 MB (${formatCount(MAX_UPLOAD_BYTES)} bytes) per file`;
}
