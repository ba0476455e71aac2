import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterSpans } from '../agreement';
import { LABELS } from '../labels';
import { packBoard, unpackBoard, type BoardCluster } from './board-data';
import { layersOf, type ReviewSpan } from './service';

const comment = fc.record({ id: fc.string({ minLength: 1 }), author: fc.string(), body: fc.string({ minLength: 1 }), createdAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) });
const span = (layer: ReviewSpan['layer'], people: string[]) =>
  fc
    .record({
      id: fc.uuid(),
      annotatorId: fc.constantFrom(...people),
      label: fc.constantFrom(...LABELS),
      start: fc.nat(500),
      length: fc.integer({ min: 1, max: 60 }),
      note: fc.oneof(fc.constant(''), fc.string()),
      speaker: fc.oneof(fc.constant(''), fc.string()),
      verdict: fc.constantFrom('', 'accepted', 'rejected', 'edited') as fc.Arbitrary<ReviewSpan['verdict']>,
      version: fc.integer({ min: 1, max: 50 }),
      sourceSpanId: fc.oneof(fc.constant(null), fc.uuid()),
      comments: fc.array(comment, { maxLength: 3 }),
    })
    .map(({ length, ...s }): ReviewSpan => ({ ...s, layer, end: s.start + length, quote: '' }));

const annotators = ['ann-a', 'ann-b', 'ann-c'].map((id) => ({ id }));
const boardOf = (spans: ReviewSpan[], gold: ReviewSpan[]) => {
  const clusters: BoardCluster[] = clusterSpans(layersOf(annotators, spans)).map((c) => ({
    start: c.start,
    end: c.end,
    status: c.status,
    spanIds: c.spans.map((s) => s.id!),
    missing: c.missing,
  }));
  return { spans, gold, clusters };
};

describe('the review board payload', () => {
  it('unpacks to exactly the spans, gold spans and clusters it was packed from, after a trip through JSON', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(span('annotator', annotators.map((a) => a.id)), { selector: (s) => s.id, maxLength: 40 }),
        fc.uniqueArray(span('gold', ['reviewer-x']), { selector: (s) => s.id, maxLength: 5 }),
        (spans, gold) => {
          const board = boardOf(spans, gold);
          expect(unpackBoard(JSON.parse(JSON.stringify(packBoard(board))))).toEqual(board);
        },
      ),
    );
  });

  it('drops quotes (the page slices them from the text) and is several times smaller than the objects', () => {
    const spans = Array.from({ length: 300 }, (_, i): ReviewSpan => ({
      id: `span-${String(i).padStart(21, '0')}`,
      layer: 'annotator',
      annotatorId: annotators[i % 3].id,
      label: LABELS[i % LABELS.length],
      start: i * 10,
      end: i * 10 + 8,
      quote: 'some quoted words',
      note: '',
      speaker: '',
      verdict: '',
      version: 1,
      sourceSpanId: null,
      comments: [],
    }));
    const board = boardOf(spans, []);
    const packed = packBoard(board);
    expect(unpackBoard(packed).spans.every((s) => s.quote === '')).toBe(true);
    expect(JSON.stringify(packed).length * 3).toBeLessThan(JSON.stringify(board).length);
  });

  it('names the problem when a cluster points at a span it was not given, or a label is unknown', () => {
    const [first] = boardOf([{ id: 's1', layer: 'annotator', annotatorId: 'ann-a', label: 'claim', start: 0, end: 4, quote: '', note: '', speaker: '', verdict: '', version: 1, sourceSpanId: null, comments: [] }], []).spans;
    expect(() => packBoard({ spans: [first], gold: [], clusters: [{ start: 0, end: 4, status: 'missing', spanIds: ['s2'], missing: [] }] })).toThrow(/s2/);
    expect(() => packBoard({ spans: [{ ...first, label: 'rumour' as never }], gold: [], clusters: [] })).toThrow(/rumour/);
  });
});
