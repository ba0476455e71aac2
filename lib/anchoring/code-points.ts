/**
 * Offsets stored in the database count Unicode code points of the canonical
 * article text (so Python's `text[start:end]` agrees with them), while the DOM
 * and JavaScript strings count UTF-16 code units. These helpers translate
 * between the two. Lone surrogates are counted as one code point each, which
 * matches both `Array.from(s)` and Python's view of such strings.
 */

export interface CodePointRange {
  start: number;
  end: number;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** True when a valid surrogate pair starts at UTF-16 index `i`. */
function pairStartsAt(s: string, i: number): boolean {
  return i + 1 < s.length && isHighSurrogate(s.charCodeAt(i)) && isLowSurrogate(s.charCodeAt(i + 1));
}

function clampInt(value: number, min: number, max: number): number {
  // NaN and fractional inputs come from arithmetic on DOM values; flooring keeps
  // the conversions total instead of throwing in the middle of a selection.
  const v = Number.isNaN(value) ? min : Math.floor(value);
  return v < min ? min : v > max ? max : v;
}

export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (pairStartsAt(s, i)) i++;
    n++;
  }
  return n;
}

/**
 * Converts a UTF-16 index to a code point index. An index that falls between the
 * two halves of a surrogate pair rounds down to the pair's start, so a caret the
 * browser places "inside" an emoji never produces a half character.
 */
export function utf16ToCodePoint(s: string, utf16Index: number): number {
  const target = clampInt(utf16Index, 0, s.length);
  let cp = 0;
  for (let i = 0; i < target; i++) {
    if (pairStartsAt(s, i)) {
      if (i + 1 === target) return cp;
      i++;
    }
    cp++;
  }
  return cp;
}

/** Converts a code point index to a UTF-16 index, clamping to the string's bounds. */
export function codePointToUtf16(s: string, cpIndex: number): number {
  const target = clampInt(cpIndex, 0, Number.MAX_SAFE_INTEGER);
  let i = 0;
  let cp = 0;
  while (cp < target && i < s.length) {
    i += pairStartsAt(s, i) ? 2 : 1;
    cp++;
  }
  return i;
}

export function sliceCodePoints(s: string, start: number, end: number): string {
  const from = codePointToUtf16(s, start);
  const to = codePointToUtf16(s, end);
  return to > from ? s.slice(from, to) : '';
}

/**
 * Converts offsets for one (possibly very large) text in O(log a), where a is the
 * number of astral characters. Built once per article, because converting
 * thousands of span offsets with linear scans would be quadratic.
 */
export class CodePointIndex {
  readonly text: string;
  /** Code point length of `text`. */
  readonly length: number;
  /** UTF-16 positions of the high surrogate of every astral character, ascending. */
  private readonly astral: number[];

  constructor(text: string) {
    this.text = text;
    const astral: number[] = [];
    for (let i = 0; i < text.length; i++) {
      if (pairStartsAt(text, i)) {
        astral.push(i);
        i++;
      }
    }
    this.astral = astral;
    this.length = text.length - astral.length;
  }

  /** True when code points and UTF-16 units coincide, i.e. conversions are identity. */
  get isBmpOnly(): boolean {
    return this.astral.length === 0;
  }

  toUtf16(cp: number): number {
    const target = clampInt(cp, 0, this.length);
    // The k-th astral character sits at code point astral[k] - k; that sequence
    // is strictly increasing, so the number of astral characters before `target`
    // is found by binary search.
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.astral[mid]! - mid < target) lo = mid + 1;
      else hi = mid;
    }
    return target + lo;
  }

  toCodePoint(u16: number): number {
    const target = clampInt(u16, 0, this.text.length);
    // Subtracting the astral characters that start before `target` also gives the
    // pair's start when `target` points at a low surrogate: that pair is counted
    // once, which cancels the extra unit of its high surrogate.
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.astral[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return target - lo;
  }

  slice(start: number, end: number): string {
    const from = this.toUtf16(start);
    const to = this.toUtf16(end);
    return to > from ? this.text.slice(from, to) : '';
  }
}
