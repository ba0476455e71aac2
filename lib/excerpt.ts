// Made on first use, and only where the browser has it (Firefox before 125 does not): elsewhere
// the cut falls back to whole code points, which still never splits a surrogate pair.
let segmenter: Intl.Segmenter | null | undefined;
function characters(text: string): Iterable<{ index: number }> {
  if (segmenter === undefined) segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  if (segmenter) return segmenter.segment(text);
  const starts: { index: number }[] = [];
  let index = 0;
  for (const c of text) {
    starts.push({ index });
    index += c.length;
  }
  return starts;
}

/**
 * A passage cut to at most `max` characters for a list, a menu or an announcement, with "…" where
 * it was cut. Characters are what a reader sees as one (grapheme clusters), so a cut never splits
 * an emoji, a flag or a letter from its accent: half of one would show as "�".
 */
export function excerpt(text: string, max: number): string {
  // Never more graphemes than UTF-16 units: a short text fits without being segmented.
  if (text.length <= max) return text;
  const keep = max - 3;
  let count = 0;
  let cut = text.length;
  for (const { index } of characters(text)) {
    if (count === keep) cut = index;
    if (count === max) return `${text.slice(0, cut)}…`;
    count++;
  }
  return text;
}

/** The first `max` characters of `text` as a reader counts them (grapheme clusters), without an ellipsis. */
export function graphemeHead(text: string, max: number): string {
  if (text.length <= max) return text;
  let count = 0;
  for (const { index } of characters(text)) {
    if (count === max) return text.slice(0, index);
    count++;
  }
  return text;
}

/**
 * A passage cut for an announcement, in quotation marks: “…”. A passage that opens with its own
 * quotation mark (a sourced quote often does) is given as it is, so that a screen reader does not
 * read "quote quote".
 */
export function quotedExcerpt(text: string, max: number): string {
  const cut = excerpt(text, max);
  return /^[“"„«‘']/.test(cut) ? cut : `“${cut}”`;
}
