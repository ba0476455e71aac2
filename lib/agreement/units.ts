import { compareCategories, NONE } from './categories';
import { MinHeap } from './min-heap';
import { usableSpans } from './normalize';
import { firstTokenEndingAfter, firstTokenStartingAtOrAfter, type Tokens } from './tokens';
import type { AgreementSpan } from './types';

/*
 * A span covers a token when it covers at least one of the token's code points,
 * so a selection that clips a word still labels that word.
 */

/**
 * One category per token: the label of the covering span, or `NONE`. When several
 * spans of one annotator cover a token, the shortest wins (the innermost, most
 * specific highlight), and among equally short ones the label earlier in `LABELS`
 * (unknown labels after known ones, by code unit order). Swept over spans sorted
 * by start with a heap of open spans, so the cost is O((spans + tokens) log spans).
 */
export function tokenCategories(tokens: Tokens, spans: readonly AgreementSpan[]): string[] {
  const sorted = usableSpans(spans).sort((a, b) => a.start - b.start);
  const stronger = (a: AgreementSpan, b: AgreementSpan) => {
    const la = a.end - a.start;
    const lb = b.end - b.start;
    return la < lb || (la === lb && compareCategories(a.label, b.label) < 0);
  };
  const open = new MinHeap<AgreementSpan>(stronger);
  const categories: string[] = new Array(tokens.count);
  let next = 0;
  for (let t = 0; t < tokens.count; t++) {
    const start = tokens.starts[t]!;
    const end = tokens.ends[t]!;
    while (next < sorted.length && sorted[next]!.start < end) open.push(sorted[next++]!);
    // Tokens only move right, so a span that ends before this token never covers a later one.
    while (open.size > 0 && open.peek()!.end <= start) open.pop();
    categories[t] = open.peek()?.label ?? NONE;
  }
  return categories;
}

/**
 * For one label, whether any span with that label covers each token. Overlapping
 * spans are handled exactly because each label is judged on its own. Uses a
 * difference array over token indices: O(spans log tokens + tokens).
 */
export function tokenLabelFlags(tokens: Tokens, spans: readonly AgreementSpan[], label: string): Uint8Array {
  const diff = new Int32Array(tokens.count + 1);
  for (const span of usableSpans(spans)) {
    if (span.label !== label) continue;
    const from = firstTokenEndingAfter(tokens, span.start);
    const to = firstTokenStartingAtOrAfter(tokens, span.end);
    if (from < to) {
      diff[from]!++;
      diff[to]!--;
    }
  }
  const flags = new Uint8Array(tokens.count);
  let depth = 0;
  for (let t = 0; t < tokens.count; t++) {
    depth += diff[t]!;
    flags[t] = depth > 0 ? 1 : 0;
  }
  return flags;
}

/**
 * For one label, how many of `layers` cover each token: the sum of `tokenLabelFlags` over the
 * layers, with one scratch difference array instead of a flag array per layer.
 */
export function tokenLabelCoverage(tokens: Tokens, layers: readonly { spans: readonly AgreementSpan[] }[], label: string): Uint32Array {
  const covering = new Uint32Array(tokens.count);
  const diff = new Int32Array(tokens.count + 1);
  for (const layer of layers) {
    // Only the tokens between the first and the last covered one need a look.
    let lo = tokens.count;
    let hi = 0;
    for (const span of layer.spans) {
      // The spans usableSpans keeps: finite offsets, non-empty.
      if (span.label !== label || !Number.isFinite(span.start) || !Number.isFinite(span.end) || span.end <= span.start) continue;
      const from = firstTokenEndingAfter(tokens, span.start);
      const to = firstTokenStartingAtOrAfter(tokens, span.end);
      if (from < to) {
        diff[from]!++;
        diff[to]!--;
        if (from < lo) lo = from;
        if (to > hi) hi = to;
      }
    }
    let depth = 0;
    for (let t = lo; t < hi; t++) {
      depth += diff[t]!;
      if (depth > 0) covering[t]!++;
    }
    if (lo < hi) diff.fill(0, lo, hi + 1);
  }
  return covering;
}

/** The binary variant as categories: `label` where a span of that label covers the token, else `NONE`. */
export function tokenBinaryCategories(tokens: Tokens, spans: readonly AgreementSpan[], label: string): string[] {
  return Array.from(tokenLabelFlags(tokens, spans, label), (flag) => (flag ? label : NONE));
}
