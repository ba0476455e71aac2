import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../labels';
import { packSpans, unpackSpans } from './packed';
import type { SpanView } from './schema';

const instant = fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true });
const spanView = fc
  .record({
    id: fc.uuid(),
    label: fc.constantFrom(...LABELS),
    start: fc.nat(100_000),
    length: fc.integer({ min: 1, max: 500 }),
    note: fc.oneof(fc.constant(''), fc.string()),
    speaker: fc.oneof(fc.constant(''), fc.string()),
    version: fc.integer({ min: 1, max: 1_000 }),
    created: instant,
    later: fc.nat(10_000_000),
  })
  .map(({ length, created, later, ...s }): SpanView => ({
    ...s,
    articleId: 'article-1',
    end: s.start + length,
    quote: '',
    prefix: '',
    suffix: '',
    createdAt: created.toISOString(),
    updatedAt: new Date(created.getTime() + later).toISOString(),
  }));

describe('packed spans for the annotation page', () => {
  it('unpack to the spans they were packed from, after a trip through JSON, without their text', () => {
    fc.assert(
      fc.property(fc.array(spanView, { maxLength: 30 }), (spans) => {
        expect(unpackSpans(JSON.parse(JSON.stringify(packSpans('article-1', spans))))).toEqual(spans);
        const withText = spans.map((s) => ({ ...s, quote: 'q', prefix: 'p', suffix: 's' }));
        expect(unpackSpans(packSpans('article-1', withText))).toEqual(spans);
      }),
    );
  });

  it("names the problem: another article's span, an unknown label", () => {
    const [one] = fc.sample(spanView, { numRuns: 1, seed: 1 });
    expect(() => packSpans('article-2', [one])).toThrow(/article-1, not article-2/);
    expect(() => packSpans('article-1', [{ ...one, label: 'rumour' as never }])).toThrow(/rumour/);
  });
});
