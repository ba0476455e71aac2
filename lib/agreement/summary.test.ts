import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreementReport } from './report';
import { createAgreementSummary } from './summary';
import type { ArticleLayers } from './types';

const LABELS = ['claim', 'opinion', 'sourced_quote'];

const articleArb = fc
  .tuple(fc.array(fc.constantFrom('a', 'bb', 'ccc', '😀', 'é', ' ', ' ', '\n'), { minLength: 5, maxLength: 60 }), fc.integer({ min: 1, max: 3 }))
  .chain(([parts, annotators]) => {
    const text = parts.join('');
    const length = Array.from(text).length;
    const span = fc
      .tuple(fc.nat(length), fc.nat(length), fc.constantFrom(...LABELS), fc.constantFrom('', 'Ann', 'ann ', 'Bo'))
      .map(([a, b, label, speaker]) => ({ start: Math.min(a, b), end: Math.max(a, b), label, speaker: label === 'sourced_quote' ? speaker : '' }));
    return fc.array(fc.array(span, { maxLength: 5 }), { minLength: annotators, maxLength: annotators }).map((layers) => ({
      text,
      layers: layers.map((spans, i) => ({ annotator: `a${i}`, spans: spans.filter((s) => s.end > s.start) })),
    }));
  });

describe('streamed agreement summary', () => {
  it('gives the same figures as the full report, article by article', () => {
    fc.assert(
      fc.property(fc.array(articleArb, { maxLength: 6 }), (raw) => {
        const articles: ArticleLayers[] = raw.map((a, i) => ({ articleId: `x${i}`, length: Array.from(a.text).length, text: a.text, layers: a.layers }));
        const summary = createAgreementSummary();
        articles.forEach((a) => summary.add(a));
        const result = summary.result();
        const report = agreementReport(articles, { unitizedAlpha: false });
        const close = (x: number | null, y: number | null) => (x === null || y === null ? expect(x).toBe(y) : expect(x).toBeCloseTo(y, 10));
        close(result.krippendorffAlpha, report.overall.alpha);
        close(result.spanF1Exact, report.overall.exact.micro.f1);
        close(result.spanF1Overlap, report.overall.overlap.micro.f1);
        for (const label of LABELS) close(result.perLabelAlpha[label], report.perLabel[label].alpha);
        expect(result.comparedArticles).toBe(report.overall.comparedArticleCount);
        close(result.quoteSpeakerAgreement, report.overall.speakers.share);
        expect(result.quotesCompared).toBe(report.overall.speakers.matched);
      }),
      { numRuns: 150 },
    );
  });

  it('is undefined (null) with fewer than two annotators', () => {
    const summary = createAgreementSummary();
    summary.add({ articleId: 'a', length: 5, text: 'hello', layers: [{ annotator: 'x', spans: [{ label: 'claim', start: 0, end: 5 }] }] });
    expect(summary.result()).toMatchObject({ comparedArticles: 0, krippendorffAlpha: null, spanF1Exact: null });
  });
});
