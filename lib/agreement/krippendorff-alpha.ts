import { sortCategories } from './categories';

/** Coincidences of values within units, for explaining an alpha. */
export type CoincidenceMatrix = {
  categories: string[];
  /** counts[c][k]: o_ck, pairs of values (c, k) from different coders in one unit, each unit weighted 1/(m_u − 1). */
  counts: number[][];
  /** n_c: row sums, i.e. how many pairable values are c. */
  totals: number[];
  /** n: all pairable values. */
  n: number;
};

export type AlphaResult = {
  /** Nominal alpha; null when undefined (no pairable values, or only one category among them). */
  alpha: number | null;
  /** D_o = Σ_{c≠k} o_ck / n; null without pairable values. */
  observedDisagreement: number | null;
  /** D_e = Σ_{c≠k} n_c·n_k / (n(n − 1)); null without pairable values. */
  expectedDisagreement: number | null;
  /** Units with at least two values (the others cannot be compared and are dropped). */
  pairableUnits: number;
  pairableValues: number;
  coincidence: CoincidenceMatrix;
};

export type AlphaAccumulator = {
  /**
   * Adds one unit: one value per coder, null where the coder gave none. `weight`
   * adds that many identical units at once, which lets callers tally repeated
   * value patterns (most tokens look alike) instead of feeding every token.
   */
  addUnit(values: readonly (string | null | undefined)[], weight?: number): void;
  result(): AlphaResult;
};

/**
 * Streams units into a coincidence matrix so a project's hundreds of thousands of
 * token units never need to exist as one unit × coder table.
 */
export function createAlphaAccumulator(): AlphaAccumulator {
  const index = new Map<string, number>();
  const names: string[] = [];
  const o: number[][] = [];
  let pairableUnits = 0;
  // Per-unit scratch: how often each category occurs, and which were touched.
  const tally: number[] = [];
  const touched: number[] = [];

  const indexOf = (category: string): number => {
    let i = index.get(category);
    if (i === undefined) {
      i = names.length;
      index.set(category, i);
      names.push(category);
      for (const row of o) row.push(0);
      o.push(new Array<number>(names.length).fill(0));
      tally.push(0);
    }
    return i;
  };

  return {
    addUnit(values, weight = 1) {
      let m = 0;
      for (const v of values) {
        if (v === null || v === undefined) continue;
        const i = indexOf(v);
        if (tally[i] === 0) touched.push(i);
        tally[i]!++;
        m++;
      }
      if (m >= 2 && weight > 0) {
        pairableUnits += weight;
        const share = weight / (m - 1);
        for (const c of touched) {
          const nc = tally[c]!;
          const row = o[c]!;
          for (const k of touched) row[k]! += (c === k ? nc * (nc - 1) : nc * tally[k]!) * share;
        }
      }
      for (const c of touched) tally[c] = 0;
      touched.length = 0;
    },
    result() {
      return alphaFromCoincidences(names, o, pairableUnits);
    },
  };
}

function alphaFromCoincidences(names: readonly string[], o: readonly number[][], pairableUnits: number): AlphaResult {
  const categories = sortCategories(names);
  const order = categories.map((c) => names.indexOf(c));
  const counts = order.map((i) => order.map((k) => o[i]![k]!));
  const totals = counts.map((row) => row.reduce((s, v) => s + v, 0));
  const n = totals.reduce((s, v) => s + v, 0);
  const coincidence: CoincidenceMatrix = { categories, counts, totals, n };
  if (n <= 0) {
    return { alpha: null, observedDisagreement: null, expectedDisagreement: null, pairableUnits, pairableValues: 0, coincidence };
  }
  let disagreeing = 0;
  // Σ_{c≠k} n_c·n_k, summed directly rather than as n² − Σ n_c² so that a single
  // used category gives exactly 0 (no variation: alpha undefined) without cancellation.
  let chancePairs = 0;
  for (let c = 0; c < categories.length; c++) {
    for (let k = 0; k < categories.length; k++) {
      if (c === k) continue;
      disagreeing += counts[c]![k]!;
      chancePairs += totals[c]! * totals[k]!;
    }
  }
  const observed = disagreeing / n;
  const expected = chancePairs / (n * (n - 1));
  return {
    alpha: chancePairs > 0 ? 1 - ((n - 1) * disagreeing) / chancePairs : null,
    observedDisagreement: observed,
    expectedDisagreement: expected,
    pairableUnits,
    pairableValues: n,
    coincidence,
  };
}

/**
 * Krippendorff's alpha, nominal, for any number of coders with missing values.
 * `units[u][i]` is coder i's value for unit u, or null when missing.
 */
export function krippendorffAlpha(units: readonly (readonly (string | null | undefined)[])[]): AlphaResult {
  const acc = createAlphaAccumulator();
  for (const unit of units) acc.addUnit(unit);
  return acc.result();
}

/** Only the coincidence matrix of `units`, for showing where coders disagree. */
export function coincidenceMatrix(units: readonly (readonly (string | null | undefined)[])[]): CoincidenceMatrix {
  return krippendorffAlpha(units).coincidence;
}
