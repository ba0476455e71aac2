import { compareCategories } from './categories';
import { maxOverlapMatchingSize } from './interval-matching';
import { usableSpans } from './normalize';
import { scratchArray } from './scratch';
import type { AgreementSpan, Layer } from './types';

export type MatchMode = 'exact' | 'overlap';

export type F1Counts = { tp: number; fp: number; fn: number };

/** Counts per label; a label is present only when some span carries it. */
export type LabelCounts = Record<string, F1Counts>;

/** `null` means undefined (a zero denominator), never 0. */
export type F1Summary = F1Counts & { precision: number | null; recall: number | null; f1: number | null };

export type SpanF1Result = {
  mode: MatchMode;
  /** Labels that occur in either layer, in label order. */
  perLabel: Record<string, F1Summary>;
  /** Counts summed over labels, then scored. */
  micro: F1Summary;
  /** Mean of the per-label F1 values; null when no label occurs. */
  macroF1: number | null;
};

type SpanSource = Layer | readonly AgreementSpan[];

function spansOf(source: SpanSource): AgreementSpan[] {
  return usableSpans('spans' in source ? source.spans : source);
}

function groupByLabel(spans: readonly AgreementSpan[]): Map<string, AgreementSpan[]> {
  const groups = new Map<string, AgreementSpan[]>();
  for (const span of spans) {
    const group = groups.get(span.label);
    if (group) group.push(span);
    else groups.set(span.label, [span]);
  }
  return groups;
}

const takeUsed = scratchArray((n) => new Uint8Array(n));

function exactMatches(a: readonly AgreementSpan[], b: readonly AgreementSpan[]): number {
  // Duplicates count as separate spans, so a duplicated span can match only once.
  if (a.length * b.length <= 256) {
    // A few spans (the usual case, per label and article): compare them directly.
    const used = takeUsed(a.length);
    let tp = 0;
    for (const s of b) {
      for (let i = 0; i < a.length; i++) {
        if (used[i] || a[i]!.start !== s.start || a[i]!.end !== s.end) continue;
        used[i] = 1;
        tp++;
        break;
      }
    }
    return tp;
  }
  const available = new Map<string, number>();
  for (const s of a) available.set(`${s.start}:${s.end}`, (available.get(`${s.start}:${s.end}`) ?? 0) + 1);
  let tp = 0;
  for (const s of b) {
    const key = `${s.start}:${s.end}`;
    const n = available.get(key) ?? 0;
    if (n > 0) {
      tp++;
      available.set(key, n - 1);
    }
  }
  return tp;
}

/**
 * Per-label tp/fp/fn with `a` as the reference and `b` as the prediction. Spans
 * match only within one label; in `overlap` mode a span matches at most one span
 * of the other layer, chosen to maximise the number of matches.
 */
export function countSpanMatches(a: SpanSource, b: SpanSource, mode: MatchMode): LabelCounts {
  return countLabelGroupMatches(spansByLabel(a), spansByLabel(b), mode);
}

/** A layer's usable spans grouped by label, for callers that compare one layer with several others. */
export function spansByLabel(source: SpanSource): ReadonlyMap<string, readonly AgreementSpan[]> {
  return groupByLabel(spansOf(source));
}

/** `countSpanMatches` over layers already grouped by `spansByLabel`. */
export function countLabelGroupMatches(
  groupsA: ReadonlyMap<string, readonly AgreementSpan[]>,
  groupsB: ReadonlyMap<string, readonly AgreementSpan[]>,
  mode: MatchMode,
): LabelCounts {
  const labels = [...new Set([...groupsA.keys(), ...groupsB.keys()])].sort(compareCategories);
  const counts: LabelCounts = {};
  for (const label of labels) {
    const sa = groupsA.get(label) ?? [];
    const sb = groupsB.get(label) ?? [];
    const tp = mode === 'exact' ? exactMatches(sa, sb) : maxOverlapMatchingSize(sa, sb);
    counts[label] = { tp, fp: sb.length - tp, fn: sa.length - tp };
  }
  return counts;
}

/**
 * F1 is computed as 2tp / (2tp + fp + fn): equal to the harmonic mean of precision
 * and recall when both exist, and 0 (not undefined) when one layer has spans of a
 * label and the other has none.
 */
export function scoreCounts(counts: F1Counts): F1Summary {
  const { tp, fp, fn } = counts;
  return {
    tp,
    fp,
    fn,
    precision: tp + fp > 0 ? tp / (tp + fp) : null,
    recall: tp + fn > 0 ? tp / (tp + fn) : null,
    f1: 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null,
  };
}

/** Sums counts (over articles, pairs, ...) label by label, then scores the totals. */
export function combineF1(counts: readonly LabelCounts[], mode: MatchMode): SpanF1Result {
  const totals = new Map<string, F1Counts>();
  for (const perLabel of counts) {
    for (const [label, c] of Object.entries(perLabel)) {
      const t = totals.get(label) ?? { tp: 0, fp: 0, fn: 0 };
      totals.set(label, { tp: t.tp + c.tp, fp: t.fp + c.fp, fn: t.fn + c.fn });
    }
  }
  const perLabel: Record<string, F1Summary> = {};
  const all: F1Counts = { tp: 0, fp: 0, fn: 0 };
  let f1Sum = 0;
  let f1Count = 0;
  for (const label of [...totals.keys()].sort(compareCategories)) {
    const t = totals.get(label)!;
    // A label summed to nothing (possible only with hand-made zero counts) did not occur.
    if (t.tp + t.fp + t.fn === 0) continue;
    const summary = scoreCounts(t);
    perLabel[label] = summary;
    all.tp += t.tp;
    all.fp += t.fp;
    all.fn += t.fn;
    f1Sum += summary.f1!;
    f1Count++;
  }
  return { mode, perLabel, micro: scoreCounts(all), macroF1: f1Count > 0 ? f1Sum / f1Count : null };
}

/** Span-level precision, recall and F1 of `b` against `a` on one article. */
export function spanF1(a: SpanSource, b: SpanSource, options: { mode?: MatchMode } = {}): SpanF1Result {
  const mode = options.mode ?? 'exact';
  return combineF1([countSpanMatches(a, b, mode)], mode);
}
