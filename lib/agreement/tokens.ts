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
 * Splits a text into tokens: maximal runs of non-whitespace code points. Offsets
 * count code points, with a lone surrogate counted as one, as span offsets are.
 */
export function tokenizeText(text: string): Token[] {
  const tokens: Token[] = [];
  let cpIndex = 0;
  let tokenStart = -1;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (isWhitespaceCodePoint(cp)) {
      if (tokenStart >= 0) tokens.push({ start: tokenStart, end: cpIndex });
      tokenStart = -1;
    } else if (tokenStart < 0) {
      tokenStart = cpIndex;
    }
    cpIndex++;
  }
  if (tokenStart >= 0) tokens.push({ start: tokenStart, end: cpIndex });
  return tokens;
}

/**
 * Units of one article: whitespace-separated tokens of `text` when it is given,
 * otherwise every code point of [0, length) is its own unit (the text is needed
 * to know where words are).
 */
export function articleTokens(article: { length: number; text?: string }): Token[] {
  if (article.text !== undefined) return tokenizeText(article.text);
  const n = Math.max(0, Math.floor(article.length));
  const tokens: Token[] = new Array(n);
  for (let i = 0; i < n; i++) tokens[i] = { start: i, end: i + 1 };
  return tokens;
}

/** The article's length in code points: the text's when given, else `length`. */
export function articleLength(article: { length: number; text?: string }): number {
  if (article.text === undefined) return Math.max(0, Math.floor(article.length));
  let n = 0;
  for (let i = 0; i < article.text.length; n++) i += article.text.codePointAt(i)! > 0xffff ? 2 : 1;
  return n;
}

/** Index of the first token whose end is after `offset` (tokens sorted and disjoint). */
export function firstTokenEndingAfter(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first token that starts at or after `offset`. */
export function firstTokenStartingAtOrAfter(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start >= offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
