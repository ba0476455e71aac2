import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../labels';
import { packSpans, unpackSpans, type PageSpan } from './packed';

const pageSpan = fc
  .record({
    id: fc.uuid(),
    label: fc.constantFrom(...LABELS),
    start: fc.nat(100_000),
    length: fc.integer({ min: 1, max: 500 }),
    note: fc.oneof(fc.constant(''), fc.string()),
    speaker: fc.oneof(fc.constant(''), fc.string()),
    version: fc.integer({ min: 1, max: 1_000 }),
  })
  .map(({ length, ...s }): PageSpan => ({ ...s, end: s.start + length }));

describe('packed spans for the annotation page', () => {
  it('unpack to the spans they were packed from, in the same order, after a trip through JSON', () => {
    fc.assert(
      fc.property(fc.array(pageSpan, { maxLength: 30 }), (spans) => {
        const unpacked = unpackSpans(JSON.parse(JSON.stringify(packSpans('article-1', spans))));
        expect(unpacked).toEqual(
          spans.map((s) => ({ ...s, articleId: 'article-1', quote: '', prefix: '', suffix: '', createdAt: '', updatedAt: '' })),
        );
      }),
    );
  });

  it('names the problem with an unknown label', () => {
    const [one] = fc.sample(pageSpan, { numRuns: 1, seed: 1 });
    expect(() => packSpans('article-1', [{ ...one, label: 'rumour' as never }])).toThrow(/rumour/);
  });
});
