import { codePointLength, type CodePointIndex } from './code-points';
import { resolveIndex, verifySelector, type SpanSelector } from './selector';

export type AnchorStatus = 'anchored' | 'moved' | 'orphaned';

export type AnchorResult =
  | { status: 'anchored' | 'moved'; start: number; end: number }
  | { status: 'orphaned'; start?: undefined; end?: undefined };

export interface AnchorOptions {
  /** Index of `text`; pass it when anchoring many spans against one article. */
  index?: CodePointIndex;
  /**
   * Minimum mean prefix/suffix similarity (0..1) for accepting a relocated
   * quote. Half means at least one side of the context is still recognisable.
   */
  minContextSimilarity?: number;
  /**
   * A quote that occurs exactly once and is at least this many code points long
   * is accepted even when its context was rewritten: long unique quotes are
   * unlikely to match by chance, short ones ("the", a surname) are.
   */
  minUniqueQuoteLength?: number;
  /** Occurrences scored with the exact edit-distance measure; bounds worst-case cost. */
  maxCandidates?: number;
}

const DEFAULTS = {
  minContextSimilarity: 0.5,
  minUniqueQuoteLength: 16,
  maxCandidates: 100,
};

/** Proximity only breaks near-ties; context is the stronger evidence of identity. */
const PROXIMITY_WEIGHT = 0.1;

interface Candidate {
  start: number;
  cheap: number;
  distance: number;
}

function levenshtein(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

function similarity(a: string, b: string): number {
  const ca = Array.from(a);
  const cb = Array.from(b);
  const longest = Math.max(ca.length, cb.length);
  return longest === 0 ? 1 : 1 - levenshtein(ca, cb) / longest;
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Re-finds a stored span in (possibly edited) text. Order of evidence:
 * 1. offsets still hold the quote -> 'anchored';
 * 2. exact occurrences of the quote, ranked by prefix/suffix similarity and
 *    then by closeness to the old offset -> 'moved';
 * 3. otherwise 'orphaned' (a fuzzy-quote stage can slot in before this).
 */
export function anchorSpan(text: string, sel: SpanSelector, opts: AnchorOptions = {}): AnchorResult {
  const idx = resolveIndex(text, opts.index);
  if (verifySelector(text, sel, idx)) return { status: 'anchored', start: sel.start, end: sel.end };
  if (sel.quote.length === 0) return { status: 'orphaned' };

  const minContextSimilarity = opts.minContextSimilarity ?? DEFAULTS.minContextSimilarity;
  const minUniqueQuoteLength = opts.minUniqueQuoteLength ?? DEFAULTS.minUniqueQuoteLength;
  const maxCandidates = Math.max(1, opts.maxCandidates ?? DEFAULTS.maxCandidates);
  const quoteLength = codePointLength(sel.quote);
  const prefixLength = codePointLength(sel.prefix);
  const suffixLength = codePointLength(sel.suffix);

  const candidates: Candidate[] = [];
  for (let u = text.indexOf(sel.quote); u !== -1; u = text.indexOf(sel.quote, u + 1)) {
    const start = idx.toCodePoint(u);
    // A hit starting on a low surrogate is half a character, not an occurrence.
    if (idx.toUtf16(start) !== u) continue;
    const end = start + quoteLength;
    const prefix = idx.slice(Math.max(0, start - prefixLength), start);
    const suffix = idx.slice(end, end + suffixLength);
    candidates.push({
      start,
      cheap: commonSuffixLength(prefix, sel.prefix) + commonPrefixLength(suffix, sel.suffix),
      distance: Math.abs(start - sel.start),
    });
  }
  if (candidates.length === 0) return { status: 'orphaned' };

  // Exact-match context lengths are a cheap proxy that keeps frequent quotes
  // ("the") from costing one edit-distance computation per occurrence.
  const shortlist =
    candidates.length <= maxCandidates
      ? candidates
      : [...candidates].sort((a, b) => b.cheap - a.cheap || a.distance - b.distance).slice(0, maxCandidates);

  const span = Math.max(1, idx.length);
  let best: { start: number; context: number; score: number } | undefined;
  for (const c of shortlist) {
    const end = c.start + quoteLength;
    const context =
      (similarity(sel.prefix, idx.slice(Math.max(0, c.start - prefixLength), c.start)) +
        similarity(sel.suffix, idx.slice(end, end + suffixLength))) /
      2;
    const score = context + PROXIMITY_WEIGHT * (1 - Math.min(1, c.distance / span));
    if (!best || score > best.score) best = { start: c.start, context, score };
  }
  if (!best) return { status: 'orphaned' };

  const uniqueAndLong = candidates.length === 1 && quoteLength >= minUniqueQuoteLength;
  if (best.context < minContextSimilarity && !uniqueAndLong) return { status: 'orphaned' };
  return { status: 'moved', start: best.start, end: best.start + quoteLength };
}

/** Anchors many spans against one text, sharing a single code point index. */
export function anchorSpans(
  text: string,
  selectors: readonly SpanSelector[],
  opts: AnchorOptions = {},
): AnchorResult[] {
  const index = resolveIndex(text, opts.index);
  return selectors.map((sel) => anchorSpan(text, sel, { ...opts, index }));
}
