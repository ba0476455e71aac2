import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../labels';
import type { AgreementSpan, Layer } from './types';
import { concatenateContinua, unitizedAlpha } from './unitized-alpha';

const s = (label: string, start: number, end: number): AgreementSpan => ({ label, start, end });
const layer = (annotator: string, spans: AgreementSpan[]): Layer => ({ annotator, spans });

describe('unitizedAlpha', () => {
  it("reproduces Krippendorff's worked example (Content Analysis, 2004, p. 254)", () => {
    // Continuum 150..450 (L = 300), two observers, categories c and k; units given
    // as (begin, length), shifted here to start at 0. The published figures, as
    // also used by DKPro Agreement's tests: c: Do 0.0144, De 0.0532, αU 0.7286;
    // k: Do 0, De 0.0490, αU 1.
    const u = (label: string, begin: number, length: number) => s(label, begin - 150, begin - 150 + length);
    const r = unitizedAlpha({
      length: 300,
      layers: [
        layer('i', [u('c', 225, 70), u('c', 370, 30), u('k', 180, 60), u('k', 300, 50)]),
        layer('j', [u('c', 220, 80), u('c', 355, 20), u('c', 400, 20), u('k', 180, 60), u('k', 300, 50)]),
      ],
    });
    expect(r.perLabel.c!.observedDisagreement).toBeCloseTo(0.0144, 4);
    expect(r.perLabel.c!.expectedDisagreement).toBeCloseTo(0.0532, 4);
    expect(r.perLabel.c!.alpha).toBeCloseTo(0.7286, 4);
    expect(r.perLabel.k!.observedDisagreement).toBe(0);
    expect(r.perLabel.k!.expectedDisagreement).toBeCloseTo(0.049, 4);
    expect(r.perLabel.k!.alpha).toBe(1);
    // Across categories, 1 − ΣDo/ΣDe. The book's 0.8591 is 1 − 0.0144/0.1022 from the
    // rounded figures; unrounded it is 1 − 0.014444/0.102200 = 0.85867.
    expect(r.alpha).toBeCloseTo(0.8587, 4);
    expect(r.alpha).toBeCloseTo(0.8591, 3);
    expect(r.unitCount).toBe(9);
  });

  it('matches a hand computation with shifted boundaries', () => {
    // L = 10, m = 2. A: [2,6) (l 4). B: [3,6) (l 3).
    // Do: one overlapping pair, (2−3)² + (6−6)² = 1, counted for (A,B) and (B,A):
    //     2 / (m(m−1)L²) = 2 / 200 = 0.01.
    // De: N = 2 units; gaps A: 2, 4; B: 3, 4.
    //     l = 4: (N−1)·4·3·7/3 = 28, fits in gaps ≥ 4: (4−4+1)·2 = 2 → 16·2 = 32; 60.
    //     l = 3: (N−1)·3·2·5/3 = 10, gaps ≥ 3: 4, 3, 4 → 2+1+2 = 5 → 9·5 = 45; 55.
    //     (2/L)·115 = 23; pairable: mL(mL−1) − Σl(l−1) = 380 − 18 = 362; De = 23/362.
    // αU = 1 − 0.01·362/23 = 1 − 3.62/23 = 0.842608...
    const r = unitizedAlpha({ length: 10, layers: [layer('A', [s('claim', 2, 6)]), layer('B', [s('claim', 3, 6)])] });
    expect(r.perLabel.claim!.observedDisagreement).toBeCloseTo(0.01, 12);
    expect(r.perLabel.claim!.expectedDisagreement).toBeCloseTo(23 / 362, 12);
    expect(r.perLabel.claim!.alpha).toBeCloseTo(1 - 3.62 / 23, 12);
    expect(r.alpha).toBeCloseTo(0.8426087, 7);
  });

  it('matches a hand computation with a unit one coder missed', () => {
    // L = 10. A: [2,6). B: [2,6), [8,9).
    // Do: [2,6) pair agrees (0); B's [8,9) meets no unit of A → 1² = 1; both directions: 2 → 2/200 = 0.01.
    // De: N = 3; gaps A: 2, 4; B: 2, 2, 1.
    //     l = 4 (twice): 2·4·3·7/3 = 56, gaps ≥ 4: (4−4+1) = 1 → 16; 72 each → 144.
    //     l = 1: 0, every gap fits it: 2+4+2+2+1 = 11 → 11.
    //     (2/10)·155 = 31; pairable: 380 − (12 + 12 + 0) = 356; De = 31/356.
    // αU = 1 − 0.01·356/31 = 1 − 3.56/31 = 0.885161...
    const r = unitizedAlpha({
      length: 10,
      layers: [layer('A', [s('claim', 2, 6)]), layer('B', [s('claim', 2, 6), s('claim', 8, 9)])],
    });
    expect(r.perLabel.claim!.expectedDisagreement).toBeCloseTo(31 / 356, 12);
    expect(r.alpha).toBeCloseTo(1 - 3.56 / 31, 12);
  });

  it('goes negative when units overlap only partly', () => {
    // L = 7. X: [0,3), Y: [2,5). Do = 2·((0−2)² + (3−5)²) / (2·49) = 16/98.
    // De: gaps X: 4; Y: 2, 2. Each l = 3 unit: 1·3·2·5/3 = 10 + 9·(4−3+1) = 28 → 56;
    //     (2/7)·56 = 16; pairable 14·13 − 12 = 170; De = 16/170. αU = 1 − 170/98 = −72/98.
    const r = unitizedAlpha({ length: 7, layers: [layer('X', [s('claim', 0, 3)]), layer('Y', [s('claim', 2, 5)])] });
    expect(r.alpha).toBeCloseTo(-72 / 98, 12);
  });

  it('is 1 for perfect agreement, also with several labels and overlapping spans', () => {
    const spans = [s('claim', 0, 10), s('opinion', 5, 15), s('sourced_quote', 20, 30)];
    const r = unitizedAlpha({ length: 40, layers: [layer('a', spans), layer('b', spans), layer('c', [...spans].reverse())] });
    expect(r.alpha).toBe(1);
    expect(Object.values(r.perLabel).map((x) => x.alpha)).toEqual([1, 1, 1]);
  });

  it('merges a coder’s overlapping spans of one label into one unit', () => {
    const merged = unitizedAlpha({ length: 20, layers: [layer('a', [s('claim', 2, 5), s('claim', 4, 9)]), layer('b', [s('claim', 2, 8)])] });
    const single = unitizedAlpha({ length: 20, layers: [layer('a', [s('claim', 2, 9)]), layer('b', [s('claim', 2, 8)])] });
    expect(merged.alpha).toBe(single.alpha);
    expect(merged.perLabel.claim!.unitCount).toBe(2);
  });

  it('is null when undefined: one coder, empty continuum, or a label nobody used', () => {
    expect(unitizedAlpha({ length: 10, layers: [layer('a', [s('claim', 0, 3)])] }).alpha).toBeNull();
    expect(unitizedAlpha({ length: 0, layers: [layer('a', []), layer('b', [])] }).alpha).toBeNull();
    const none = unitizedAlpha({ length: 10, layers: [layer('a', []), layer('b', [])] }, { labels: ['claim'] });
    expect(none.alpha).toBeNull();
    expect(none.perLabel.claim).toEqual({ alpha: null, observedDisagreement: 0, expectedDisagreement: 0, unitCount: 0 });
  });

  it('clips spans to the continuum', () => {
    const r = unitizedAlpha({ length: 5, layers: [layer('a', [s('claim', 3, 50)]), layer('b', [s('claim', 3, 5)])] });
    expect(r.alpha).toBe(1);
  });

  it('lays continua end to end', () => {
    const joined = concatenateContinua([
      { length: 5, layers: [layer('a', [s('claim', 1, 3)]), layer('b', [])] },
      { length: 4, layers: [layer('b', [s('opinion', 0, 9)]), layer('a', [])] },
    ]);
    expect(joined).toEqual({
      length: 9,
      layers: [layer('a', [s('claim', 1, 3)]), layer('b', [s('opinion', 5, 9)])],
    });
    expect(() =>
      concatenateContinua([
        { length: 5, layers: [layer('a', [])] },
        { length: 5, layers: [layer('b', [])] },
      ]),
    ).toThrow(RangeError);
  });

  const spans = fc.array(
    fc
      .tuple(fc.constantFrom(...LABELS), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 15 }))
      .map(([label, start, len]) => s(label, start, start + len)),
    { maxLength: 6 },
  );

  it('is at most 1, never NaN, and 1 for identical coders when defined', () => {
    fc.assert(
      fc.property(spans, spans, fc.integer({ min: 1, max: 60 }), (a, b, length) => {
        const r = unitizedAlpha({ length, layers: [layer('a', a), layer('b', b)] });
        for (const v of [r.alpha, ...Object.values(r.perLabel).map((x) => x.alpha)]) {
          if (v === null) continue;
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeLessThanOrEqual(1 + 1e-12);
        }
        const same = unitizedAlpha({ length, layers: [layer('a', a), layer('b', a)] });
        if (same.alpha !== null) expect(same.alpha).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});
