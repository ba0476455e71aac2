import { compareCategories, NONE } from './categories';
import { MinHeap } from './min-heap';
import { usableSpans } from './normalize';
import { scratchArray } from './scratch';
import { firstTokenEndingAfter, firstTokenStartingAtOrAfter, type Tokens } from './tokens';
import type { AgreementSpan } from './types';

/*
 * A span covers a token when it covers at least one of the token's code points,
 * so a selection that clips a word still labels that word.
 */

/** Which of two spans covering a token gives it its category: the shorter, then the earlier label. */
function stronger(a: AgreementSpan, b: AgreementSpan): boolean {
  const la = a.end - a.start;
  const lb = b.end - b.start;
  return la < lb || (la === lb && compareCategories(a.label, b.label) < 0);
}

/**
 * One category per token: the label of the covering span, or `NONE`. When several
 * spans of one annotator cover a token, the shortest wins (the innermost, most
 * specific highlight), and among equally short ones the label earlier in `LABELS`
 * (unknown labels after known ones, by code unit order). Swept over spans sorted
 * by start with a heap of open spans, so the cost is O((spans + tokens) log spans).
 */
export function tokenCategories(tokens: Tokens, spans: readonly AgreementSpan[]): string[] {
  const sorted = usableSpans(spans).sort((a, b) => a.start - b.start);
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
 * `tokenCategories` as numbers: `codes.get(label)` for each token a span covers, 0 (`NONE`)
 * elsewhere, written to `out`. The same choice among overlapping spans, but only the tokens under
 * some span are visited: an article's spans cover a small part of it.
 */
export function tokenCategoryCodes(tokens: Tokens, spans: readonly AgreementSpan[], codes: ReadonlyMap<string, number>, out: Uint8Array | Uint16Array): void {
  const usable = usableSpans(spans);
  out.fill(0);
  // The strongest span covering each token so far, counted from 1 into `usable` (0: none yet).
  const best = takeBest(tokens.count);
  for (let i = 0; i < usable.length; i++) {
    const span = usable[i]!;
    const code = codes.get(span.label)!;
    const to = firstTokenStartingAtOrAfter(tokens, span.end);
    for (let t = firstTokenEndingAfter(tokens, span.start); t < to; t++) {
      const j = best[t]!;
      if (j === 0 || stronger(span, usable[j - 1]!)) {
        best[t] = i + 1;
        out[t] = code;
      }
    }
  }
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

const takeBest = scratchArray((n) => new Int32Array(n));
const takeCovering = scratchArray((n) => new Uint32Array(n));
const takeCounted = scratchArray((n) => new Int32Array(n));

/** For one label, how many layers cover each token (in a scratch array), and the tokens any layer covers. */
function labelCoverage(tokens: Tokens, layers: readonly { spans: readonly AgreementSpan[] }[], label: string): { covering: Uint32Array; touched: number[] } {
  const covering = takeCovering(tokens.count);
  // The last layer (counted from 1) that counted each token, so overlapping spans count once.
  const counted = takeCounted(tokens.count);
  const touched: number[] = [];
  for (let l = 0; l < layers.length; l++) {
    for (const span of layers[l]!.spans) {
      // The spans usableSpans keeps: finite offsets, non-empty.
      if (span.label !== label || !Number.isFinite(span.start) || !Number.isFinite(span.end) || span.end <= span.start) continue;
      const to = firstTokenStartingAtOrAfter(tokens, span.end);
      for (let t = firstTokenEndingAfter(tokens, span.start); t < to; t++) {
        if (counted[t] === l + 1) continue;
        if (counted[t] === 0) touched.push(t);
        counted[t] = l + 1;
        covering[t]!++;
      }
    }
  }
  return { covering, touched };
}

/**
 * For one label, how many of `layers` cover each token: the sum of `tokenLabelFlags` over the
 * layers. Only the tokens under the label's spans are visited.
 */
export function tokenLabelCoverage(tokens: Tokens, layers: readonly { spans: readonly AgreementSpan[] }[], label: string): Uint32Array {
  return labelCoverage(tokens, layers, label).covering.slice(0, tokens.count);
}

/** For one label, how many tokens k of the layers cover, for k = 0..layers: the histogram of `tokenLabelCoverage`. */
export function tokenLabelCoverageCounts(tokens: Tokens, layers: readonly { spans: readonly AgreementSpan[] }[], label: string): Uint32Array {
  const { covering, touched } = labelCoverage(tokens, layers, label);
  const histogram = new Uint32Array(layers.length + 1);
  histogram[0] = tokens.count - touched.length;
  for (const t of touched) histogram[covering[t]!]!++;
  return histogram;
}

/** The binary variant as categories: `label` where a span of that label covers the token, else `NONE`. */
export function tokenBinaryCategories(tokens: Tokens, spans: readonly AgreementSpan[], label: string): string[] {
  return Array.from(tokenLabelFlags(tokens, spans, label), (flag) => (flag ? label : NONE));
}
