import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohenKappa, cohenKappaFromPairs, confusionMatrix, kappaFromConfusion, type Confusion } from './cohen-kappa';

function repeat<T>(item: T, n: number): T[] {
  return Array.from({ length: n }, () => item);
}

describe('cohenKappa', () => {
  it('reproduces the textbook 2×2 example: po 0.7, pe 0.5, kappa 0.4', () => {
    // 50 items: both Yes 20, both No 15, A Yes/B No 5, A No/B Yes 10.
    const pairs = [
      ...repeat(['Yes', 'Yes'] as const, 20),
      ...repeat(['No', 'No'] as const, 15),
      ...repeat(['Yes', 'No'] as const, 5),
      ...repeat(['No', 'Yes'] as const, 10),
    ];
    const r = cohenKappaFromPairs(pairs);
    expect(r.n).toBe(50);
    expect(r.observedAgreement).toBeCloseTo(0.7, 12);
    // A says Yes 25/50, B says Yes 30/50: pe = 0.5·0.6 + 0.5·0.4 = 0.5.
    expect(r.expectedAgreement).toBeCloseTo(0.5, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
    expect(cohenKappa(pairs.map((p) => p[0]), pairs.map((p) => p[1])).kappa).toBeCloseTo(0.4, 12);
  });

  it('is 1 for perfect agreement', () => {
    expect(cohenKappa(['a', 'b', 'c', 'a'], ['a', 'b', 'c', 'a']).kappa).toBe(1);
  });

  it('is negative for total disagreement, with exact values', () => {
    // po = 0, pe = 0.5·0.5 + 0.5·0.5 = 0.5 → −1.
    expect(cohenKappa(['y', 'n', 'y', 'n'], ['n', 'y', 'n', 'y']).kappa).toBeCloseTo(-1, 12);
    // po = 0, pe = 0.75·0.25 + 0.25·0.75 = 0.375 → −0.375/0.625 = −0.6.
    expect(cohenKappa(['y', 'y', 'y', 'n'], ['n', 'n', 'n', 'y']).kappa).toBeCloseTo(-0.6, 12);
  });

  it('is null when pe = 1 (one shared category everywhere), keeping po', () => {
    const r = cohenKappa(['none', 'none'], ['none', 'none']);
    expect(r.kappa).toBeNull();
    expect(r.observedAgreement).toBe(1);
    expect(r.expectedAgreement).toBe(1);
  });

  it('is null for empty input and rejects unequal lengths', () => {
    expect(cohenKappa([], [])).toEqual({ kappa: null, observedAgreement: null, expectedAgreement: null, n: 0 });
    expect(() => cohenKappa(['a'], [])).toThrow(RangeError);
  });

  it('works from a weighted contingency table and shows it as a matrix', () => {
    const table: Confusion = new Map([
      ['Yes', new Map([['Yes', 20], ['No', 5]])],
      ['No', new Map([['No', 15], ['Yes', 10]])],
    ]);
    expect(kappaFromConfusion(table).kappa).toBeCloseTo(0.4, 12);
    expect(confusionMatrix(table)).toEqual({ categories: ['No', 'Yes'], counts: [[15, 10], [5, 20]] });
  });

  const ratings = fc
    .array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('a', 'b', 'c')), { maxLength: 40 })
    .map((pairs) => [pairs.map((p) => p[0]), pairs.map((p) => p[1])] as const);

  it('stays within [-1, 1] when defined and is symmetric', () => {
    fc.assert(
      fc.property(ratings, ([a, b]) => {
        const r = cohenKappa(a, b);
        const swapped = cohenKappa(b, a);
        if (r.kappa === null) {
          expect(swapped.kappa).toBeNull();
          return;
        }
        expect(r.kappa).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(r.kappa).toBeLessThanOrEqual(1 + 1e-12);
        expect(swapped.kappa).toBeCloseTo(r.kappa, 12);
      }),
      { numRuns: 300 },
    );
  });

  it('is 1 for a rater against themself whenever defined', () => {
    fc.assert(
      fc.property(ratings, ([a]) => {
        const r = cohenKappa(a, a).kappa;
        if (r !== null) expect(r).toBe(1);
      }),
    );
  });
});
