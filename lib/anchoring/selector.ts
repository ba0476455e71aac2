import { CodePointIndex, type CodePointRange } from './code-points';

/** Code points of context stored on each side of a span to re-find it after edits. */
export const CONTEXT_LENGTH = 32;

/** What is persisted for a span; offsets are code points into the canonical text. */
export interface SpanSelector {
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
}

/** Reuses the caller's index when given; a mismatched index would silently corrupt offsets. */
export function resolveIndex(text: string, index?: CodePointIndex): CodePointIndex {
  if (!index) return new CodePointIndex(text);
  if (index.text !== text) throw new Error('CodePointIndex was built for a different text');
  return index;
}

export function makeSelector(text: string, range: CodePointRange, index?: CodePointIndex): SpanSelector {
  const idx = resolveIndex(text, index);
  const { start, end } = range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > idx.length || start >= end) {
    // An empty or out-of-range span could never be verified or re-anchored later.
    throw new RangeError(`makeSelector: invalid range [${start}, ${end}) for text of length ${idx.length}`);
  }
  return {
    start,
    end,
    quote: idx.slice(start, end),
    prefix: idx.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: idx.slice(end, Math.min(idx.length, end + CONTEXT_LENGTH)),
  };
}

/** True when the stored offsets still point at the stored quote. */
export function verifySelector(
  text: string,
  sel: Pick<SpanSelector, 'start' | 'end' | 'quote'>,
  index?: CodePointIndex,
): boolean {
  const { start, end, quote } = sel;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start >= end) return false;
  const idx = resolveIndex(text, index);
  if (end > idx.length) return false;
  return idx.slice(start, end) === quote;
}
