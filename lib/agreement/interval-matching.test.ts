import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxOverlapMatching, maxOverlapMatchingSize, type Interval } from './interval-matching';

const overlaps = (x: Interval, y: Interval) => x.start < y.end && y.start < x.end;

/** Reference answer by augmenting paths (Kuhn), fine for the small cases here. */
function bruteForceSize(a: Interval[], b: Interval[]): number {
  const partnerOfB = new Array<number>(b.length).fill(-1);
  const tryAugment = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < b.length; j++) {
      if (seen[j] || !overlaps(a[i]!, b[j]!)) continue;
      seen[j] = true;
      if (partnerOfB[j] === -1 || tryAugment(partnerOfB[j]!, seen)) {
        partnerOfB[j] = i;
        return true;
      }
    }
    return false;
  };
  let size = 0;
  for (let i = 0; i < a.length; i++) if (tryAugment(i, new Array<boolean>(b.length).fill(false))) size++;
  return size;
}

const interval = fc
  .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 12 }))
  .map(([start, len]) => ({ start, end: start + len }));

describe('maxOverlapMatching', () => {
  it('matches each interval at most once', () => {
    expect(maxOverlapMatching([{ start: 0, end: 10 }], [{ start: 0, end: 4 }, { start: 5, end: 10 }])).toHaveLength(1);
  });

  it('finds the maximum where a largest-overlap greedy would not', () => {
    // b0 overlaps a0 by 8 and a1 by 1; b1 overlaps only a0. Pairing the largest
    // overlap first (a0-b0) leaves one match; the maximum is a0-b1, a1-b0.
    const a = [{ start: 0, end: 10 }, { start: 9, end: 20 }];
    const b = [{ start: 2, end: 10 }, { start: 0, end: 2 }];
    expect(maxOverlapMatching(a, b)).toEqual([[0, 1], [1, 0]]);
  });

  it('ignores touching intervals and empty ones', () => {
    expect(maxOverlapMatching([{ start: 0, end: 5 }], [{ start: 5, end: 9 }])).toEqual([]);
    expect(maxOverlapMatching([{ start: 3, end: 3 }], [{ start: 0, end: 9 }])).toEqual([]);
  });

  it('has the size of a maximum bipartite matching, with valid disjoint pairs', () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 9 }), fc.array(interval, { maxLength: 9 }), (a, b) => {
        const pairs = maxOverlapMatching(a, b);
        expect(pairs.length).toBe(bruteForceSize(a, b));
        expect(new Set(pairs.map((p) => p[0])).size).toBe(pairs.length);
        expect(new Set(pairs.map((p) => p[1])).size).toBe(pairs.length);
        for (const [i, j] of pairs) expect(overlaps(a[i]!, b[j]!)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('counts the same size without building the pairs, empty intervals included', () => {
    const any = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: -2, max: 12 })).map(([start, len]) => ({ start, end: start + len }));
    fc.assert(
      // Up to 48 in all: both the few-interval scan and the heaps.
      fc.property(fc.array(any, { maxLength: 24 }), fc.array(any, { maxLength: 24 }), (a, b) => {
        expect(maxOverlapMatchingSize(a, b)).toBe(maxOverlapMatching(a, b).length);
        expect(maxOverlapMatchingSize(a, b)).toBe(bruteForceSize(a.filter((x) => x.end > x.start), b.filter((x) => x.end > x.start)));
      }),
      { numRuns: 1000 },
    );
  });
});
