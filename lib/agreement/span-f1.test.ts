import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../labels';
import { combineF1, countSpanMatches, scoreCounts, spanF1 } from './span-f1';
import type { AgreementSpan } from './types';

const s = (label: string, start: number, end: number): AgreementSpan => ({ label, start, end });

// Hand-computed case used by several tests.
const A = [s('claim', 0, 5), s('claim', 10, 20), s('opinion', 30, 40), s('sourced_quote', 50, 60)];
const B = [s('claim', 0, 5), s('claim', 12, 20), s('opinion', 35, 45), s('opinion', 70, 80)];

describe('spanF1', () => {
  it('exact mode: per label, micro and macro', () => {
    const r = spanF1(A, B, { mode: 'exact' });
    // claim: [0,5) matches; [10,20) vs [12,20) does not → tp 1, fp 1, fn 1.
    expect(r.perLabel.claim).toEqual({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    // opinion: nothing identical → tp 0, fp 2, fn 1.
    expect(r.perLabel.opinion).toEqual({ tp: 0, fp: 2, fn: 1, precision: 0, recall: 0, f1: 0 });
    // sourced_quote only in A: precision undefined, recall 0, F1 0.
    expect(r.perLabel.sourced_quote).toEqual({ tp: 0, fp: 0, fn: 1, precision: null, recall: 0, f1: 0 });
    // micro: tp 1, fp 3, fn 3 → 0.25 each.
    expect(r.micro).toEqual({ tp: 1, fp: 3, fn: 3, precision: 0.25, recall: 0.25, f1: 0.25 });
    // macro: (0.5 + 0 + 0) / 3.
    expect(r.macroF1).toBeCloseTo(1 / 6, 12);
  });

  it('overlap mode: same label and shared code points', () => {
    const r = spanF1(A, B, { mode: 'overlap' });
    expect(r.perLabel.claim).toMatchObject({ tp: 2, fp: 0, fn: 0, f1: 1 });
    // [30,40) ~ [35,45); [70,80) unmatched: P 1/2, R 1, F1 2/3.
    expect(r.perLabel.opinion).toMatchObject({ tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1 });
    expect(r.perLabel.opinion!.f1).toBeCloseTo(2 / 3, 12);
    expect(r.perLabel.sourced_quote).toMatchObject({ tp: 0, fp: 0, fn: 1, f1: 0 });
    expect(r.micro).toEqual({ tp: 3, fp: 1, fn: 1, precision: 0.75, recall: 0.75, f1: 0.75 });
    expect(r.macroF1).toBeCloseTo((1 + 2 / 3 + 0) / 3, 12);
  });

  it('matches one-to-one: two B spans over one A span give 1 tp and 1 fp', () => {
    const r = spanF1([s('claim', 0, 10)], [s('claim', 0, 4), s('claim', 5, 10)], { mode: 'overlap' });
    expect(r.micro).toMatchObject({ tp: 1, fp: 1, fn: 0 });
  });

  it('never matches across labels or touching spans', () => {
    expect(spanF1([s('claim', 0, 5)], [s('opinion', 0, 5)], { mode: 'overlap' }).micro).toMatchObject({ tp: 0, fp: 1, fn: 1, f1: 0 });
    expect(spanF1([s('claim', 0, 5)], [s('claim', 5, 9)], { mode: 'overlap' }).micro.tp).toBe(0);
  });

  it('is 1 for identical layers and accepts Layer objects', () => {
    const r = spanF1({ annotator: 'x', spans: A }, { annotator: 'y', spans: [...A].reverse() });
    expect(r.micro.f1).toBe(1);
    expect(r.macroF1).toBe(1);
  });

  it('counts duplicate spans separately', () => {
    expect(spanF1([s('claim', 0, 5), s('claim', 0, 5)], [s('claim', 0, 5)]).micro).toMatchObject({ tp: 1, fp: 0, fn: 1 });
  });

  it('is undefined (null), never NaN, when both layers are empty', () => {
    const r = spanF1([], []);
    expect(r.perLabel).toEqual({});
    expect(r.micro).toEqual({ tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null });
    expect(r.macroF1).toBeNull();
    // One side empty: F1 is 0, the empty side's ratio is undefined.
    expect(spanF1([s('claim', 0, 1)], []).micro).toEqual({ tp: 0, fp: 0, fn: 1, precision: null, recall: 0, f1: 0 });
  });

  it('ignores spans that cover nothing', () => {
    expect(spanF1([s('claim', 4, 4), s('claim', 6, 2)], []).micro.fn).toBe(0);
  });

  it('pools counts over articles before scoring', () => {
    const first = countSpanMatches([s('claim', 0, 5)], [s('claim', 0, 5)], 'exact');
    const second = countSpanMatches([s('claim', 0, 5), s('opinion', 6, 9)], [s('claim', 1, 5)], 'exact');
    const r = combineF1([first, second], 'exact');
    expect(r.perLabel.claim).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(r.perLabel.opinion).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    expect(r.micro).toMatchObject({ tp: 1, fp: 1, fn: 2 });
    expect(r.micro.f1).toBeCloseTo(2 / 5, 12);
    expect(Object.keys(r.perLabel)).toEqual(['claim', 'opinion']);
  });

  it('scores raw counts', () => {
    expect(scoreCounts({ tp: 3, fp: 1, fn: 2 })).toEqual({ tp: 3, fp: 1, fn: 2, precision: 0.75, recall: 0.6, f1: 6 / 9 });
  });

  const span = fc
    .tuple(fc.constantFrom(...LABELS), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 10 }))
    .map(([label, start, len]) => s(label, start, start + len));
  const layer = fc.array(span, { maxLength: 8 });

  it('F1 lies in [0, 1] and is symmetric under swapping the layers', () => {
    fc.assert(
      fc.property(layer, layer, fc.constantFrom('exact' as const, 'overlap' as const), (a, b, mode) => {
        const ab = spanF1(a, b, { mode });
        const ba = spanF1(b, a, { mode });
        for (const r of [ab, ba]) {
          for (const v of [r.micro.f1, r.macroF1, ...Object.values(r.perLabel).map((x) => x.f1)]) {
            if (v === null) continue;
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
        }
        expect(ba.micro.f1).toBe(ab.micro.f1);
        expect(ba.macroF1).toBe(ab.macroF1);
        expect(ba.micro.precision).toBe(ab.micro.recall);
        expect(ab.micro.f1 === null).toBe(a.length + b.length === 0);
      }),
      { numRuns: 300 },
    );
  });

  it('overlap matching finds at least as many matches as exact matching', () => {
    fc.assert(
      fc.property(layer, layer, (a, b) => {
        expect(spanF1(a, b, { mode: 'overlap' }).micro.tp).toBeGreaterThanOrEqual(spanF1(a, b, { mode: 'exact' }).micro.tp);
      }),
    );
  });

  it('counts exact matches as the multiset of (label, start, end) both layers share, for few spans and many', () => {
    const span = fc.tuple(fc.constantFrom('claim', 'opinion'), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 3 })).map(([label, start, len]) => s(label, start, start + len));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 40 }), fc.array(span, { maxLength: 40 }), (a, b) => {
        const counts = countSpanMatches(a, b, 'exact');
        for (const label of ['claim', 'opinion']) {
          const keys = (xs: typeof a) => xs.filter((x) => x.label === label).map((x) => `${x.start}:${x.end}`);
          const left = keys(a);
          const right = keys(b);
          let tp = 0;
          for (const k of new Set(right)) tp += Math.min(left.filter((x) => x === k).length, right.filter((x) => x === k).length);
          if (left.length + right.length === 0) expect(counts[label]).toBeUndefined();
          else expect(counts[label]).toEqual({ tp, fp: right.length - tp, fn: left.length - tp });
        }
      }),
      { numRuns: 300 },
    );
  });
});
