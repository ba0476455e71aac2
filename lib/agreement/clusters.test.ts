import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../labels';
import { clusterSpans, countStatuses, disagreementScore } from './clusters';
import type { AgreementSpan, Layer } from './types';

const s = (label: string, start: number, end: number): AgreementSpan => ({ label, start, end });

// Three annotators; each region of the text is built to show one status.
const layers: Layer[] = [
  {
    annotator: 'A',
    spans: [
      s('claim', 90, 95), // with B's opinion, C missing: missing beats label
      s('opinion', 70, 75), // chained with B and C: one region
      s('claim', 50, 60), // C missing
      s('claim', 30, 40), // B shifts the start: boundaries
      s('claim', 10, 20), // B says opinion: label
      s('claim', 0, 5), // everyone identical: agree
      s('claim', 200, 210),
      s('opinion', 200, 210), // double-labelled identically by all: agree
    ],
  },
  {
    annotator: 'B',
    spans: [
      s('claim', 0, 5),
      s('opinion', 10, 20),
      s('claim', 31, 40),
      s('claim', 50, 60),
      s('opinion', 74, 80),
      s('opinion', 90, 95),
      s('opinion', 200, 210),
      s('claim', 200, 210),
    ],
  },
  {
    annotator: 'C',
    spans: [s('claim', 0, 5), s('claim', 10, 20), s('claim', 30, 40), s('opinion', 79, 85), s('claim', 200, 210), s('opinion', 200, 210)],
  },
];

describe('clusterSpans', () => {
  const clusters = clusterSpans(layers);

  it('groups overlapping spans, transitively, sorted by start', () => {
    expect(clusters.map((c) => [c.start, c.end])).toEqual([
      [0, 5],
      [10, 20],
      [30, 40],
      [50, 60],
      [70, 85],
      [90, 95],
      [200, 210],
    ]);
    expect(clusters[4]!.spans.map((x) => x.annotator)).toEqual(['A', 'B', 'C']);
  });

  it('assigns each status, missing > label > boundaries > agree', () => {
    expect(clusters.map((c) => c.status)).toEqual(['agree', 'label', 'boundaries', 'missing', 'boundaries', 'missing', 'agree']);
    expect(clusters[3]).toMatchObject({ annotators: ['A', 'B'], missing: ['C'] });
    expect(clusters[5]).toMatchObject({ annotators: ['A', 'B'], missing: ['C'] });
    expect(clusters[0]).toMatchObject({ annotators: ['A', 'B', 'C'], missing: [] });
  });

  it('keeps touching spans apart and counts annotators without spans as missing', () => {
    const c = clusterSpans([
      { annotator: 'A', spans: [s('claim', 0, 5), s('claim', 5, 9)] },
      { annotator: 'B', spans: [] },
    ]);
    expect(c).toHaveLength(2);
    expect(c.every((x) => x.status === 'missing' && x.missing[0] === 'B')).toBe(true);
  });

  it('sees a label the other annotator did not use as a label disagreement', () => {
    const c = clusterSpans([
      { annotator: 'A', spans: [s('claim', 0, 10)] },
      { annotator: 'B', spans: [s('claim', 0, 10), s('opinion', 2, 5)] },
    ]);
    expect(c.map((x) => x.status)).toEqual(['label']);
  });

  it('handles no layers and a single annotator', () => {
    expect(clusterSpans([])).toEqual([]);
    expect(clusterSpans([{ annotator: 'A', spans: [s('claim', 0, 3)] }]).map((c) => c.status)).toEqual(['agree']);
  });

  it('scores disagreement as the share of clusters not in agreement', () => {
    expect(countStatuses(clusters)).toEqual({ missing: 2, label: 1, boundaries: 2, speaker: 0, agree: 2 });
    expect(disagreementScore(clusters, 3)).toBeCloseTo(5 / 7, 12);
    expect(disagreementScore(clusters, 1)).toBe(0);
    expect(disagreementScore([], 3)).toBe(0);
  });

  it('puts every span in exactly one cluster, with disjoint sorted clusters', () => {
    const span = fc
      .tuple(fc.constantFrom(...LABELS), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 10 }))
      .map(([label, start, len]) => s(label, start, start + len));
    const layerArb = fc.array(span, { maxLength: 6 });
    fc.assert(
      fc.property(layerArb, layerArb, layerArb, (a, b, c) => {
        const result = clusterSpans([
          { annotator: 'a', spans: a },
          { annotator: 'b', spans: b },
          { annotator: 'c', spans: c },
        ]);
        expect(result.reduce((n, x) => n + x.spans.length, 0)).toBe(a.length + b.length + c.length);
        for (let i = 1; i < result.length; i++) expect(result[i]!.start).toBeGreaterThanOrEqual(result[i - 1]!.end);
        const score = disagreementScore(result, 3);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }),
    );
  });
});
