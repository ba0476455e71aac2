import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlapRegions } from './highlights';

/** The code points covered by two or more spans: the definition, one position at a time. */
function coveredTwice(spans: { start: number; end: number }[]): number[] {
  const length = Math.max(0, ...spans.map((s) => s.end));
  return Array.from({ length }, (_, p) => p).filter((p) => spans.filter((s) => s.start <= p && p < s.end).length >= 2);
}

describe('overlapRegions', () => {
  it('finds the nested and overlapping parts, and nothing where spans only touch', () => {
    expect(overlapRegions([{ start: 0, end: 10 }, { start: 5, end: 15 }, { start: 15, end: 20 }])).toEqual([{ start: 5, end: 10 }]);
    expect(overlapRegions([{ start: 0, end: 30 }, { start: 5, end: 10 }, { start: 8, end: 20 }])).toEqual([{ start: 5, end: 20 }]);
    expect(overlapRegions([{ start: 3, end: 9 }, { start: 3, end: 9 }])).toEqual([{ start: 3, end: 9 }]);
    expect(overlapRegions([])).toEqual([]);
  });

  it('covers exactly the code points under two or more spans, with disjoint regions in text order', () => {
    const span = fc.tuple(fc.nat(200), fc.integer({ min: 1, max: 40 })).map(([start, length]) => ({ start, end: start + length }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 25 }), (spans) => {
        const regions = overlapRegions(spans);
        regions.forEach((r, i) => {
          expect(r.start).toBeLessThan(r.end);
          if (i > 0) expect(regions[i - 1].end).toBeLessThanOrEqual(r.start);
        });
        expect(regions.flatMap((r) => Array.from({ length: r.end - r.start }, (_, k) => r.start + k))).toEqual(coveredTwice(spans));
      }),
    );
  });
});
