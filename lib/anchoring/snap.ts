import { CodePointIndex, type CodePointRange } from './code-points';

/*
 * Character classes. Emoji and their modifiers count as word characters so a
 * selection edge that lands inside an emoji sequence never leaves half a
 * pictogram (or a dangling zero-width joiner) in the highlight.
 */
const WORD_CHAR =
  /^[\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200C\u200D\u{E0020}-\u{E007F}]$/u;
/** Characters that always attach to the preceding one (same grapheme cluster). */
const EXTENDER = /^[\p{M}\p{Emoji_Modifier}\u200D\u{E0020}-\u{E007F}]$/u;
/** Apostrophes and hyphens are word characters only between letters/digits ("don't", "well-known", "COVID-19"). */
const CONNECTOR = /^['\u2019\u02BC\-\u2010\u2011]$/u;
const CONNECTOR_LEFT = /^[\p{L}\p{M}\p{N}]$/u;
const CONNECTOR_RIGHT = /^[\p{L}\p{N}]$/u;
/** Invisible separators are trimmed like whitespace: they cannot be seen at a highlight's edge. */
const SPACE = /^[\p{White_Space}\u200B\u2060\uFEFF]$/u;
/**
 * Scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao, Khmer,
 * Myanmar): treating a whole run as one "word" would turn a two-character selection into a whole
 * sentence. Their combining vowels and tone marks still stay with their letter (EXTENDER).
 */
const UNSPACED_SCRIPT = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;

function charAt(s: string, i: number): string {
  return String.fromCodePoint(s.codePointAt(i)!);
}

function nextPos(s: string, i: number): number {
  return i + (s.codePointAt(i)! > 0xffff ? 2 : 1);
}

function prevPos(s: string, i: number): number {
  if (i >= 2) {
    const low = s.charCodeAt(i - 1);
    const high = s.charCodeAt(i - 2);
    if (low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff) return i - 2;
  }
  return i - 1;
}

function isWordAt(s: string, i: number): boolean {
  const ch = charAt(s, i);
  if (WORD_CHAR.test(ch)) return true;
  if (!CONNECTOR.test(ch) || i === 0 || i + 1 >= s.length) return false;
  return CONNECTOR_LEFT.test(charAt(s, prevPos(s, i))) && CONNECTOR_RIGHT.test(charAt(s, nextPos(s, i)));
}

/** Whether UTF-16 boundary `p` (0 < p < length) lies inside a word or grapheme. */
function isJoined(s: string, p: number): boolean {
  if (EXTENDER.test(charAt(s, p))) return true;
  const before = prevPos(s, p);
  if (!isWordAt(s, before) || !isWordAt(s, p)) return false;
  return !UNSPACED_SCRIPT.test(charAt(s, before)) && !UNSPACED_SCRIPT.test(charAt(s, p));
}

const BLANK = /^[\p{White_Space}\u200B\u2060\uFEFF]*$/u;

/**
 * Whether `text` holds nothing but whitespace and invisible separators: what snapping would
 * reduce to nothing, so never a span's whole text.
 */
export function isBlank(text: string): boolean {
  return BLANK.test(text);
}

function isSpaceAt(s: string, i: number): boolean {
  return SPACE.test(charAt(s, i));
}

/**
 * Normalises a user selection (code point offsets) into a clean highlight:
 * edges inside a word grow to the whole word, then whitespace at the edges is
 * dropped. Punctuation is never added or removed, so it is part of the result
 * exactly when the user selected it. Returns null for a selection that is empty
 * or holds only whitespace.
 *
 * Pass the article's `CodePointIndex` when snapping many ranges over a long text.
 */
export function snapToWords(
  text: string,
  range: CodePointRange,
  index?: CodePointIndex,
): CodePointRange | null {
  const idx = index ?? new CodePointIndex(text);
  if (idx.text !== text) throw new Error('snapToWords: index was built for a different text');
  let s = idx.toUtf16(Math.min(range.start, range.end));
  let e = idx.toUtf16(Math.max(range.start, range.end));
  // A caret is not a selection; expanding it would highlight on every click.
  if (s === e) return null;

  while (s > 0 && s < text.length && isJoined(text, s)) s = prevPos(text, s);
  while (e > 0 && e < text.length && isJoined(text, e)) e = nextPos(text, e);
  while (s < e && isSpaceAt(text, s)) s = nextPos(text, s);
  while (e > s && isSpaceAt(text, prevPos(text, e))) e = prevPos(text, e);

  if (s >= e) return null;
  return { start: idx.toCodePoint(s), end: idx.toCodePoint(e) };
}
