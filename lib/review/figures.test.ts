import { describe, expect, it } from 'vitest';
import type { Label } from '../labels';
import { articleAgreement, articleAgreementRemembered } from './figures';
import type { ReviewData } from './service';

const text = 'The council approved the budget. Critics called the vote rushed. The mayor said it was fair.';
const span = (id: string, annotatorId: string, label: Label, start: number, end: number) =>
  ({ id, layer: 'annotator', annotatorId, label, start, end, quote: '', note: '', speaker: '', verdict: '', version: 1, sourceSpanId: null, comments: [] }) as ReviewData['spans'][number];
const review = (spans: ReviewData['spans']) => ({
  article: { id: 'a1', projectId: 'p1', title: 'T', text, version: 1 },
  annotators: [
    { id: 'u1', name: 'One', email: 'one@x' },
    { id: 'u2', name: 'Two', email: 'two@x' },
  ],
  spans,
});

describe('articleAgreementRemembered', () => {
  const base = [span('s1', 'u1', 'claim', 0, 32), span('s2', 'u2', 'claim', 0, 32), span('s3', 'u1', 'opinion', 33, 65), span('s4', 'u2', 'claim', 33, 65)];

  it('gives the figures articleAgreement gives, first time and again', () => {
    const expected = articleAgreement(review(base));
    expect(articleAgreementRemembered(review(base))).toEqual(expected);
    expect(articleAgreementRemembered(review(base))).toEqual(expected);
  });

  it('computes again when a layer changes: another label, other offsets, a span more or less', () => {
    const variants = [
      base.map((s) => (s.id === 's4' ? { ...s, label: 'opinion' as Label } : s)),
      base.map((s) => (s.id === 's2' ? { ...s, end: 20 } : s)),
      [...base, span('s5', 'u2', 'sourced_quote', 66, 92)],
      base.slice(1),
    ];
    articleAgreementRemembered(review(base));
    for (const spans of variants) {
      const fresh = articleAgreement(review(spans));
      expect(fresh).not.toEqual(articleAgreement(review(base)));
      expect(articleAgreementRemembered(review(spans))).toEqual(fresh);
    }
  });
});
