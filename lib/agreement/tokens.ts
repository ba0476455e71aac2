/** A unit of the text for kappa and alpha, in code points, `end` exclusive. */
export type Token = { start: number; end: number };

/**
 * Exactly the code points JavaScript's `\s` matches (Unicode space separators,
 * tab, line terminators, BOM), spelled out so tokenising avoids a regex per
 * character on long texts.
 */
export function isWhitespaceCodePoint(cp: number): boolean {
  if (cp <= 0x20) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d);
  if (cp < 0xa0) return false;
  return (
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000 ||
    cp === 0xfeff
  );
}

/**
 * Token boundaries in code points. Two typed arrays rather than an object per
 * token, since a project has hundreds of thousands of tokens.
 */
export type Tokens = { readonly count: number; readonly starts: Int32Array; readonly ends: Int32Array };

/** isWhitespaceCodePoint for every UTF-16 unit (no supplementary code point is whitespace). */
const WHITESPACE_UNIT = (() => {
  const table = new Uint8Array(0x10000);
  for (let unit = 0; unit < table.length; unit++) table[unit] = isWhitespaceCodePoint(unit) ? 1 : 0;
  return table;
})();

/** Boundaries found so far; a project tokenises thousands of texts, so the scratch space is reused. */
let scratchStarts = new Int32Array(1024);
let scratchEnds = new Int32Array(1024);

/**
 * Splits a text into tokens: maximal runs of non-whitespace code points. Offsets
 * count code points, with a lone surrogate counted as one, as span offsets are.
 */
export function tokenizeText(text: string): Tokens {
  // A token needs at least one code point plus a separator, so this bounds the count.
  const capacity = (text.length >> 1) + 1;
  if (scratchStarts.length < capacity) {
    scratchStarts = new Int32Array(capacity);
    scratchEnds = new Int32Array(capacity);
  }
  const starts = scratchStarts;
  const ends = scratchEnds;
  let count = 0;
  let cpIndex = 0;
  let tokenStart = -1;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    let whitespace = WHITESPACE_UNIT[unit]!;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        // A supplementary code point: never whitespace.
        whitespace = 0;
        i++;
      }
    }
    if (whitespace) {
      if (tokenStart >= 0) {
        starts[count] = tokenStart;
        ends[count++] = cpIndex;
        tokenStart = -1;
      }
    } else if (tokenStart < 0) {
      tokenStart = cpIndex;
    }
    cpIndex++;
  }
  if (tokenStart >= 0) {
    starts[count] = tokenStart;
    ends[count++] = cpIndex;
  }
  return { count, starts: starts.slice(0, count), ends: ends.slice(0, count) };
}

/**
 * Units of one article: whitespace-separated tokens of `text` when it is given,
 * otherwise every code point of [0, length) is its own unit (the text is needed
 * to know where words are).
 */
export function articleTokens(article: { length: number; text?: string }): Tokens {
  if (article.text !== undefined) return tokenizeText(article.text);
  const count = Math.max(0, Math.floor(article.length));
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    starts[i] = i;
    ends[i] = i + 1;
  }
  return { count, starts, ends };
}

/** The tokens as objects, for display and tests. */
export function tokenList(tokens: Tokens): Token[] {
  return Array.from({ length: tokens.count }, (_, i) => ({ start: tokens.starts[i]!, end: tokens.ends[i]! }));
}

/** The article's length in code points: the text's when given, else `length`. */
export function articleLength(article: { length: number; text?: string }): number {
  if (article.text === undefined) return Math.max(0, Math.floor(article.length));
  const text = article.text;
  let n = 0;
  for (let i = 0; i < text.length; i++, n++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) i++;
    }
  }
  return n;
}

/** Index of the first token whose end is after `offset` (tokens sorted and disjoint). */
export function firstTokenEndingAfter(tokens: Tokens, offset: number): number {
  let lo = 0;
  let hi = tokens.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.ends[mid]! > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first token that starts at or after `offset`. */
export function firstTokenStartingAtOrAfter(tokens: Tokens, offset: number): number {
  let lo = 0;
  let hi = tokens.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.starts[mid]! >= offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
