import { compareCategories } from './categories';
import { mergeLayers } from './normalize';
import type { AgreementSpan, Layer } from './types';

/*
 * Krippendorff's alpha for unitizing, αU, as defined in Krippendorff (2004),
 * "Content Analysis", 2nd ed., §12.4, and "Measuring the reliability of
 * qualitative text analysis data", Quality & Quantity 38. Each label is judged on
 * its own: every coder cuts the continuum [0, L) into units of that label and the
 * gaps between them (everything else, including spans of other labels).
 *
 * Disagreement between a segment g of coder i and a segment h of coder j:
 *   - both units and they overlap: (start_g − start_h)² + (end_g − end_h)²,
 *     so it vanishes only when both boundaries coincide;
 *   - one is a unit lying entirely inside the other's gap: the unit's length²,
 *     a unit the other coder did not see at all;
 *   - otherwise (gap with gap, a unit only partly in a gap): 0.
 * Observed disagreement: the sum over ordered pairs of distinct coders and over
 * their segment pairs, divided by m(m − 1)L².
 *
 * Expected disagreement pictures every unit placed anywhere at random: against
 * the other N − 1 units it would on average be off by (N − 1)·l(l − 1)(2l − 1)/3
 * in squared boundary shifts, and it lands wholly inside a gap of length ≥ l in
 * (gap − l + 1) positions, costing l² each. Their sum over all units, times 2/L,
 * is divided by the number of pairable positions, mL(mL − 1) − Σ l(l − 1), which
 * leaves out pairs of positions inside one unit.
 *
 * αU = 1 − Do/De per label, and across labels 1 − ΣDo / ΣDe (Krippendorff's way of
 * combining categories; it allows a position to be in units of several labels).
 */

export type Continuum = { length: number; layers: readonly Layer[] };

export type UnitizedLabelResult = {
  /** null when undefined: fewer than two coders, an empty continuum, or no units of the label. */
  alpha: number | null;
  observedDisagreement: number | null;
  expectedDisagreement: number | null;
  /** Units of this label over all coders, after merging a coder's overlapping spans. */
  unitCount: number;
};

export type UnitizedAlphaResult = UnitizedLabelResult & {
  perLabel: Record<string, UnitizedLabelResult>;
  coderCount: number;
  length: number;
};

type Unit = { start: number; end: number };

/**
 * A coder's units of one label. The coefficient needs units of one label not to
 * overlap within a coder, so overlapping spans are merged into their union;
 * spans that merely touch stay separate units.
 */
function unitsOf(spans: readonly AgreementSpan[], label: string): Unit[] {
  const sorted = spans.filter((s) => s.label === label).sort((a, b) => a.start - b.start || a.end - b.end);
  const units: Unit[] = [];
  for (const s of sorted) {
    const last = units[units.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else units.push({ start: s.start, end: s.end });
  }
  return units;
}

function gapsOf(units: readonly Unit[], length: number): number[] {
  const gaps: number[] = [];
  let cursor = 0;
  for (const u of units) {
    if (u.start > cursor) gaps.push(u.start - cursor);
    cursor = u.end;
  }
  if (length > cursor) gaps.push(length - cursor);
  return gaps;
}

/** Disagreement of coder pair (i, j), one direction: both sorted, non-overlapping unit lists. */
function pairDisagreement(a: readonly Unit[], b: readonly Unit[]): number {
  const touchedA = new Uint8Array(a.length);
  const touchedB = new Uint8Array(b.length);
  let sum = 0;
  let p = 0;
  let q = 0;
  while (p < a.length && q < b.length) {
    const u = a[p]!;
    const v = b[q]!;
    if (u.start < v.end && v.start < u.end) {
      sum += (u.start - v.start) ** 2 + (u.end - v.end) ** 2;
      touchedA[p] = 1;
      touchedB[q] = 1;
    }
    if (u.end < v.end) p++;
    else if (v.end < u.end) q++;
    else {
      p++;
      q++;
    }
  }
  // A unit that meets no unit of the other coder lies wholly inside one of that coder's gaps.
  for (let k = 0; k < a.length; k++) if (!touchedA[k]) sum += (a[k]!.end - a[k]!.start) ** 2;
  for (let k = 0; k < b.length; k++) if (!touchedB[k]) sum += (b[k]!.end - b[k]!.start) ** 2;
  return sum;
}

function labelDisagreements(unitsByCoder: readonly Unit[][], length: number): { observed: number; expected: number; unitCount: number } {
  const m = unitsByCoder.length;
  const L = length;
  let observedSum = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) observedSum += 2 * pairDisagreement(unitsByCoder[i]!, unitsByCoder[j]!);
  }
  const observed = observedSum / (m * (m - 1) * L * L);

  const lengths = unitsByCoder.flatMap((units) => units.map((u) => u.end - u.start));
  const N = lengths.length;
  if (N === 0) return { observed, expected: 0, unitCount: 0 };
  // Typed-array sort is numeric and much faster than Array#sort with a comparator.
  const gaps = Float64Array.from(unitsByCoder.flatMap((units) => gapsOf(units, L))).sort();
  // suffix[k] = sum of gaps[k..]; gaps sorted, so "gaps at least l long" is a suffix.
  const suffix = new Float64Array(gaps.length + 1);
  for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + gaps[k]!;
  let placements = 0;
  let withinUnitPairs = 0;
  for (const l of lengths) {
    let lo = 0;
    let hi = gaps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gaps[mid]! >= l) hi = mid;
      else lo = mid + 1;
    }
    const fits = suffix[lo]! - (l - 1) * (gaps.length - lo);
    placements += ((N - 1) * l * (l - 1) * (2 * l - 1)) / 3 + l * l * fits;
    withinUnitPairs += l * (l - 1);
  }
  const mL = m * L;
  const expected = ((2 / L) * placements) / (mL * (mL - 1) - withinUnitPairs);
  return { observed, expected, unitCount: N };
}

const UNDEFINED: UnitizedLabelResult = { alpha: null, observedDisagreement: null, expectedDisagreement: null, unitCount: 0 };

/**
 * αU for one continuum (one article, or several laid end to end) coded by every
 * layer's annotator; each layer must cover the whole continuum. `labels` fixes the
 * labels reported (default: those used by any span).
 */
export function unitizedAlpha(continuum: Continuum, options: { labels?: readonly string[] } = {}): UnitizedAlphaResult {
  const length = Math.max(0, Math.floor(continuum.length));
  const layers = mergeLayers(continuum.layers, length);
  const used = new Set(layers.flatMap((l) => l.spans.map((s) => s.label)));
  const labels = [...new Set(options.labels ?? used)].sort(compareCategories);
  const perLabel: Record<string, UnitizedLabelResult> = {};
  const m = layers.length;
  let observedTotal = 0;
  let expectedTotal = 0;
  let unitTotal = 0;
  for (const label of labels) {
    const unitsByCoder = layers.map((layer) => unitsOf(layer.spans, label));
    const unitCount = unitsByCoder.reduce((s, u) => s + u.length, 0);
    unitTotal += unitCount;
    if (m < 2 || length === 0) {
      perLabel[label] = { ...UNDEFINED, unitCount };
      continue;
    }
    const { observed, expected } = labelDisagreements(unitsByCoder, length);
    perLabel[label] = {
      alpha: expected > 0 ? 1 - observed / expected : null,
      observedDisagreement: observed,
      expectedDisagreement: expected,
      unitCount,
    };
    observedTotal += observed;
    expectedTotal += expected;
  }
  // Labels listed in options but never used add 0 to both sums, so they do not change the total.
  const defined = m >= 2 && length > 0;
  return {
    alpha: defined && expectedTotal > 0 ? 1 - observedTotal / expectedTotal : null,
    observedDisagreement: defined ? observedTotal : null,
    expectedDisagreement: defined ? expectedTotal : null,
    unitCount: unitTotal,
    perLabel,
    coderCount: m,
    length,
  };
}

/**
 * Lays continua end to end, shifting each part's spans by the lengths before it.
 * Spans are clipped to their own part first so none spills into the next. αU has
 * no notion of a missing coder, so every part must have the same annotators.
 */
export function concatenateContinua(parts: readonly Continuum[]): Continuum {
  const annotators = parts.length > 0 ? new Set(parts[0]!.layers.map((l) => l.annotator)) : new Set<string>();
  const spans = new Map<string, AgreementSpan[]>([...annotators].map((a) => [a, []]));
  let offset = 0;
  for (const part of parts) {
    const length = Math.max(0, Math.floor(part.length));
    const layers = mergeLayers(part.layers, length);
    if (layers.length !== annotators.size || layers.some((l) => !annotators.has(l.annotator))) {
      throw new RangeError('concatenateContinua: every part needs the same annotators');
    }
    for (const layer of layers) {
      const target = spans.get(layer.annotator)!;
      for (const s of layer.spans) target.push({ label: s.label, start: s.start + offset, end: s.end + offset });
    }
    offset += length;
  }
  return { length: offset, layers: [...spans].map(([annotator, s]) => ({ annotator, spans: s })) };
}
