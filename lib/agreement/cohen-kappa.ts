import { sortCategories } from './categories';

export type KappaResult = {
  /** (po − pe) / (1 − pe); null when undefined (no items, or pe = 1). */
  kappa: number | null;
  /** Observed agreement po: share of items given the same category; null without items. */
  observedAgreement: number | null;
  /** Chance agreement pe from the two raters' own category frequencies; null without items. */
  expectedAgreement: number | null;
  /** Number of items rated by both. */
  n: number;
};

/** Contingency table of two raters: table.get(categoryOfA).get(categoryOfB) = count. */
export type Confusion = Map<string, Map<string, number>>;

export function addToConfusion(table: Confusion, a: string, b: string, count = 1): void {
  let row = table.get(a);
  if (!row) table.set(a, (row = new Map()));
  row.set(b, (row.get(b) ?? 0) + count);
}

/**
 * Adds items rated by both raters (item i: a[i], b[i]) to a table. Counts are
 * first tallied in a flat array over the few categories seen, because updating
 * the nested maps once per item dominates the cost on long texts.
 */
export function addRatings(table: Confusion, a: readonly string[], b: readonly string[]): void {
  if (a.length !== b.length) throw new RangeError(`addRatings: ${a.length} ratings against ${b.length}`);
  const index = new Map<string, number>();
  const names: string[] = [];
  const code = (c: string) => {
    let i = index.get(c);
    if (i === undefined) {
      i = names.push(c) - 1;
      index.set(c, i);
    }
    return i;
  };
  const codesA = new Int32Array(a.length);
  const codesB = new Int32Array(b.length);
  for (let i = 0; i < a.length; i++) {
    codesA[i] = code(a[i]!);
    codesB[i] = code(b[i]!);
  }
  const k = names.length;
  const tally = new Float64Array(k * k);
  for (let i = 0; i < a.length; i++) tally[codesA[i]! * k + codesB[i]!]!++;
  for (let x = 0; x < k; x++) {
    for (let y = 0; y < k; y++) if (tally[x * k + y]! > 0) addToConfusion(table, names[x]!, names[y]!, tally[x * k + y]!);
  }
}

/**
 * Kappa from a contingency table. Worked in counts, κ = (n·agree − Σ rowᶜ·colᶜ) /
 * (n² − Σ rowᶜ·colᶜ), which keeps integer inputs exact until the last division.
 * When pe = 1 both raters used one and the same category for every item, so po = 1
 * too and kappa is 0/0: reported as null (undefined), like alpha without variation,
 * with `observedAgreement` still showing the raw agreement.
 */
export function kappaFromConfusion(table: Confusion): KappaResult {
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  let n = 0;
  let agree = 0;
  for (const [a, row] of table) {
    for (const [b, count] of row) {
      n += count;
      if (a === b) agree += count;
      rows.set(a, (rows.get(a) ?? 0) + count);
      cols.set(b, (cols.get(b) ?? 0) + count);
    }
  }
  if (n <= 0) return { kappa: null, observedAgreement: null, expectedAgreement: null, n: 0 };
  let chance = 0;
  for (const [c, r] of rows) chance += r * (cols.get(c) ?? 0);
  const denominator = n * n - chance;
  return {
    kappa: denominator > 0 ? (n * agree - chance) / denominator : null,
    observedAgreement: agree / n,
    expectedAgreement: chance / (n * n),
    n,
  };
}

/** Cohen's kappa for two raters who categorised the same items, item i being a[i] and b[i]. */
export function cohenKappa(a: readonly string[], b: readonly string[]): KappaResult {
  const table: Confusion = new Map();
  addRatings(table, a, b);
  return kappaFromConfusion(table);
}

/** Cohen's kappa from (rating of A, rating of B) pairs. */
export function cohenKappaFromPairs(pairs: readonly (readonly [string, string])[]): KappaResult {
  const table: Confusion = new Map();
  for (const [a, b] of pairs) addToConfusion(table, a, b);
  return kappaFromConfusion(table);
}

/** The table as a square matrix over the categories either rater used, for display. */
export function confusionMatrix(table: Confusion): { categories: string[]; counts: number[][] } {
  const categories = sortCategories([...table.keys(), ...[...table.values()].flatMap((row) => [...row.keys()])]);
  const counts = categories.map((a) => categories.map((b) => table.get(a)?.get(b) ?? 0));
  return { categories, counts };
}
