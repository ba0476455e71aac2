import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coincidenceMatrix, createAlphaAccumulator, krippendorffAlpha } from './krippendorff-alpha';

// Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), the example
// with 4 observers, 12 units and missing values. Rows are observers A-D.
const A = ['1', '2', '3', '3', '2', '1', '4', '1', '2', null, null, null];
const B = ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', null, '3'];
const C = [null, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', null];
const D = ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', null];
const paperUnits = A.map((_, u) => [A[u]!, B[u]!, C[u]!, D[u]!]);

describe('krippendorffAlpha (nominal)', () => {
  it('reproduces the published example: alpha = 0.743', () => {
    const r = krippendorffAlpha(paperUnits);
    expect(r.alpha).toBeCloseTo(0.743, 3);
    // Unit 12 has a single value (B = 3), so it cannot be paired and is dropped.
    expect(r.pairableUnits).toBe(11);
    expect(r.pairableValues).toBe(40);
    // By hand: D_o = 8/40; n_c = 9, 13, 10, 5, 3, so Σ_{c≠k} n_c n_k = 1600 − 384 = 1216
    // and alpha = 1 − 39 · 8 / 1216 = 0.74342...
    expect(r.observedDisagreement).toBeCloseTo(0.2, 12);
    expect(r.alpha).toBeCloseTo(1 - (39 * 8) / 1216, 12);
  });

  it('exposes the coincidence matrix of the published example', () => {
    const m = coincidenceMatrix(paperUnits);
    expect(m.categories).toEqual(['1', '2', '3', '4', '5']);
    expect(m.totals.map((t) => Math.round(t * 1e9) / 1e9)).toEqual([9, 13, 10, 5, 3]);
    expect(m.n).toBeCloseTo(40, 12);
    expect(m.counts[0]![0]).toBeCloseTo(7, 12);
    expect(m.counts[0]![1]).toBeCloseTo(4 / 3, 12);
    expect(m.counts[4]![4]).toBeCloseTo(3, 12);
    // Symmetric by construction.
    for (let c = 0; c < 5; c++) for (let k = 0; k < 5; k++) expect(m.counts[c]![k]).toBeCloseTo(m.counts[k]![c]!, 12);
  });

  it('is 1 for perfect agreement', () => {
    expect(krippendorffAlpha([['a', 'a'], ['b', 'b'], ['a', 'a', null]]).alpha).toBe(1);
  });

  it('is negative for systematic disagreement, with the exact small-sample values', () => {
    // (a,b),(b,a): n = 4, Σo_{c≠k} = 4, Σ n_c n_k (c≠k) = 2·2·2 = 8 → 1 − 3·4/8 = −0.5.
    expect(krippendorffAlpha([['a', 'b'], ['b', 'a']]).alpha).toBeCloseTo(-0.5, 12);
    // Ten such units: n = 20, disagreement 20, chance pairs 200 → 1 − 19·20/200 = −0.9.
    const ten = Array.from({ length: 10 }, (_, i) => (i % 2 ? ['a', 'b'] : ['b', 'a']));
    expect(krippendorffAlpha(ten).alpha).toBeCloseTo(-0.9, 12);
  });

  it('is null (undefined) with one coder, no pairable values, or no variation', () => {
    expect(krippendorffAlpha([['a'], ['b'], ['c']]).alpha).toBeNull();
    expect(krippendorffAlpha([['a', null], [null, 'b']]).alpha).toBeNull();
    expect(krippendorffAlpha([]).alpha).toBeNull();
    expect(krippendorffAlpha([]).observedDisagreement).toBeNull();
    const same = krippendorffAlpha([['x', 'x'], ['x', 'x', 'x']]);
    expect(same.alpha).toBeNull();
    expect(same.observedDisagreement).toBe(0);
    expect(same.expectedDisagreement).toBe(0);
  });

  it('accumulates weighted units like repeated ones', () => {
    const acc = createAlphaAccumulator();
    acc.addUnit(['a', 'b'], 3);
    acc.addUnit(['a', 'a', 'b'], 2);
    acc.addUnit(['b', 'b']);
    const direct = krippendorffAlpha([['a', 'b'], ['a', 'b'], ['a', 'b'], ['a', 'a', 'b'], ['a', 'a', 'b'], ['b', 'b']]);
    expect(acc.result().alpha).toBeCloseTo(direct.alpha!, 12);
    expect(acc.result().pairableUnits).toBe(6);
  });

  const units = fc.array(fc.array(fc.option(fc.constantFrom('a', 'b', 'c', 'd'), { freq: 3 }), { minLength: 1, maxLength: 5 }), {
    maxLength: 30,
  });

  it('stays within [-1, 1] when defined and is never NaN', () => {
    fc.assert(
      fc.property(units, (u) => {
        const r = krippendorffAlpha(u);
        if (r.alpha === null) return;
        expect(Number.isFinite(r.alpha)).toBe(true);
        expect(r.alpha).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(r.alpha).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('is 1 for identical coders whenever defined', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 30 }), fc.integer({ min: 2, max: 4 }), (values, coders) => {
        const r = krippendorffAlpha(values.map((v) => Array<string>(coders).fill(v)));
        if (r.alpha !== null) expect(r.alpha).toBe(1);
      }),
    );
  });

  it('does not depend on the order of coders or units', () => {
    fc.assert(
      fc.property(units, (u) => {
        const reversed = [...u].reverse().map((unit) => [...unit].reverse());
        const a = krippendorffAlpha(u).alpha;
        const b = krippendorffAlpha(reversed).alpha;
        if (a === null) expect(b).toBeNull();
        else expect(b).toBeCloseTo(a, 9);
      }),
      { numRuns: 200 },
    );
  });
});
