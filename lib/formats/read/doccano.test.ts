import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalText } from '../../import/canonical';
import { doccanoLine } from '../doccano';
import { sampleArticles } from '../sample-export';
import { readDoccano } from './doccano';
import { at, at16, cpSlice, expectConsistent, fileLike, jsonl } from './test-support';

const text = 'The mayor 😀 said taxes will fall. Critics disagree.';
const claim = at(text, 'taxes will fall');
const critics = at(text, 'Critics disagree.');
// doccano's editor counts UTF-16 code units: the 😀 before them shifts these by one.
const claim16 = at16(text, 'taxes will fall');
const critics16 = at16(text, 'Critics disagree.');

describe('readDoccano', () => {
  it('reads [start, end, label] triples (UTF-16 offsets, as doccano writes) and metadata from the record or its meta', () => {
    const result = readDoccano(
      'doccano.jsonl',
      jsonl(
        { id: 17, text, label: [[claim16.start, claim16.end, 'CLAIM'], [critics16.start, critics16.end, 'OPINION']], meta: { title: 'Budget', url: 'https://example.org/a', date: 'March 5, 2024' } },
        { text: 'Second text.', labels: [[0, 6, 'CLAIM']], title: 'Top-level title', meta: { title: 'meta title loses' } },
      ),
    );
    expect(result.problems).toEqual([]);
    expect(result.articles).toEqual([
      {
        sourceLine: 1,
        place: { kind: 'line', line: 1 },
        externalId: '17',
        title: 'Budget',
        author: '',
        outlet: '',
        sourceUrl: 'https://example.org/a',
        publishedOn: '2024-03-05',
        topic: '',
        text,
        spans: [
          { label: 'CLAIM', ...claim },
          { label: 'OPINION', ...critics },
        ],
      },
      { sourceLine: 2, place: { kind: 'line', line: 2 }, title: 'Top-level title', author: '', outlet: '', sourceUrl: '', publishedOn: '', topic: '', text: 'Second text.', spans: [{ label: 'CLAIM', start: 0, end: 6 }] },
    ]);
    expect(cpSlice(text, claim.start, claim.end)).toBe('taxes will fall');
    expect(result.labels).toEqual(['CLAIM', 'OPINION']);
  });

  it('reads the entity form and the doccano 1.0 annotations form (with the user as annotator)', () => {
    const result = readDoccano(
      'entities.jsonl',
      jsonl(
        { id: 1, text, entities: [{ id: 9, label: 'PER', start_offset: 4, end_offset: 9 }], relations: [] },
        { id: 2, text, annotations: [{ label: 3, start_offset: claim16.start, end_offset: claim16.end, user: 1 }], annotation_approver: null },
      ),
    );
    expect(result.problems).toEqual([]);
    expect(result.articles.map((a) => a.spans)).toEqual([[{ label: 'PER', start: 4, end: 9 }], [{ label: '3', ...claim, annotator: '1' }]]);
    expect(result.labels).toEqual(['3', 'PER']);
  });

  it("reads Slant's doccano export: span text from meta.spans checked, annotators and gold kept", () => {
    const articles = sampleArticles();
    const result = readDoccano('slant-doccano.jsonl', articles.map((a) => JSON.stringify(doccanoLine(a))).join('\n'));
    expect(result.problems).toEqual([]);
    result.articles.forEach((read, i) => {
      const written = articles[i]!;
      expect(read.text).toBe(canonicalText(written.text));
      expect(read.title).toBe(written.title);
      expect(read.externalId).toBe(written.id);
      expect(read.spans.map((s) => [s.label, s.text, s.annotator, s.speaker ?? '', s.note ?? ''])).toEqual(
        written.spans.map((s) => [s.label, canonicalText(s.text), s.annotator, s.speaker, s.note]),
      );
    });
    expectConsistent(result);
  });

  it('reads offsets between the halves of an emoji as a problem, not a shifted span', () => {
    const result = readDoccano('split.jsonl', jsonl({ text, label: [[11, 14, 'CLAIM']] }));
    expect(result.articles).toEqual([]);
    expect(result.problems.map((p) => p.message)).toEqual([
      'split.jsonl line 1: label[0]: the offsets 11–14, read as UTF-16 code units, fall inside a character (an emoji or other character outside the Basic Multilingual Plane)',
    ]);
  });

  it('decides the unit per record, so a short span text is not found at a wrong occurrence', () => {
    const laughs = '😂😂😂 ha ha ha';
    // UTF-16 offsets 10–12 are the second "ha"; read as code points they would be the third.
    const result = readDoccano('ha.jsonl', jsonl({ text: laughs, entities: [{ label: 'CLAIM', start_offset: 10, end_offset: 12, text: 'ha' }] }));
    expect(result.articles[0]!.spans[0]).toMatchObject({ start: 7, end: 9, text: 'ha' });
    // A record whose other span only fits code points is read in code points throughout.
    const mixed = readDoccano(
      'ha.jsonl',
      jsonl({
        text: laughs,
        entities: [
          { label: 'CLAIM', start_offset: 10, end_offset: 12, text: 'ha' },
          { label: 'CLAIM', start_offset: 0, end_offset: 1, text: '😂' },
        ],
      }),
    );
    expect(mixed.articles[0]!.spans.map((s) => [s.start, s.end])).toEqual([[10, 12], [0, 1]]);
  });

  it('reads a span added in doccano to a Slant export as UTF-16, once meta.spans no longer describes the list', () => {
    const fans = 'Fans 😂 cheered. Then the mayor said no.';
    // "mayor" is at 26–31 in UTF-16 code units (25–30 in code points).
    const line = { text: fans, label: [[0, 4, 'claim'], [26, 31, 'claim']], meta: { offsets: 'unicode-code-points', spans: [{ text: 'Fans' }] } };
    const result = readDoccano('added.jsonl', jsonl(line));
    expect(result.problems).toEqual([]);
    expect(result.articles[0]!.spans.map((s) => cpSlice(fans, s.start, s.end))).toEqual(['Fans', 'mayor']);
  });

  it('recovers UTF-16 offsets when the span text is known', () => {
    const u16 = at16(text, 'Critics disagree.');
    const result = readDoccano('u16.jsonl', jsonl({ text, label: [[u16.start, u16.end, 'OPINION']], meta: { spans: [{ text: 'Critics disagree.' }] } }));
    expect(result.problems).toEqual([]);
    expect(result.articles[0]!.spans).toEqual([{ label: 'OPINION', ...critics, text: 'Critics disagree.' }]);
  });

  it('remaps offsets over CRLF and a decomposed accent', () => {
    const raw = 'Cre\u0300me\r\nbrule\u0301e 😀 is great.';
    const span = at16(raw, 'is great');
    const result = readDoccano('crlf.jsonl', jsonl({ text: raw, label: [[span.start, span.end, 'OPINION']] }));
    const a = result.articles[0]!;
    expect(a.text).toBe('Cr\u00e8me\nbrul\u00e9e 😀 is great.');
    expect(cpSlice(a.text, a.spans[0]!.start, a.spans[0]!.end)).toBe('is great');
    // Two combining accents and the CR go; the emoji's second UTF-16 unit is no code point.
    expect(a.spans[0]!.start).toBe(span.start - 4);
  });

  it('reports mismatching span text, bad triples and classification labels with their line', () => {
    const result = readDoccano(
      'bad.jsonl',
      jsonl(
        { text, label: [[claim.start, claim.end, 'CLAIM']], meta: { spans: [{ text: 'taxes will rise' }] } },
        { text, label: [[0, 3]] },
        { text, label: ['positive'] },
        { text, label: [[critics.end, critics.start, 'X']] },
        { text, label: [[0, 999, 'X']] },
        { text: '', label: [] },
      ),
    );
    expect(result.articles).toEqual([]);
    expect(result.problems.map((p) => p.message)).toEqual([
      'bad.jsonl line 1: label[0]: the span text "taxes will rise" does not match the text at 17–32, "taxes will fall"',
      'bad.jsonl line 2: label[0]: expected [start, end, label], but it has 2 items',
      'bad.jsonl line 3: label[0]: expected [start, end, label], but found a string ("positive") (a text-classification label, not a span)',
      `bad.jsonl line 4: label[0]: start ${critics.end} is after end ${critics.start} (the offsets are reversed)`,
      "bad.jsonl line 5: label[0]: end 999 is beyond the text's length of 52 (UTF-16 code units)",
      'bad.jsonl line 6: text: is empty',
    ]);
    expect(result.problems.map((p) => p.line)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('names non-string metadata, including inside meta', () => {
    const result = readDoccano('meta.jsonl', jsonl({ text, label: [], meta: { title: 3, author: { name: 'x' } } }));
    expect(result.problems.map((p) => [p.field, p.message])).toEqual([
      ['meta.title', 'meta.jsonl line 1: meta.title: must be a string (it is a number (3))'],
      ['meta.author', 'meta.jsonl line 1: meta.author: must be a string (it is an object)'],
    ]);
  });

  it('reads a JSON array of records too, naming records by position and line', () => {
    const file = JSON.stringify([{ text: 'One.', label: [[0, 3, 'A']] }, { text: 'Two.', label: [[0, 9, 'A']] }], null, 2);
    const result = readDoccano('array.json', file);
    expect(result.articles).toHaveLength(1);
    expect(result.problems).toEqual([
      { file: 'array.json', record: 2, line: 12, field: 'label[0]', message: "array.json record 2 (line 12): label[0]: end 9 is beyond the text's length of 4 (UTF-16 code units)" },
    ]);
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(fileLike, (file) => {
        expectConsistent(readDoccano('fuzz.jsonl', file));
      }),
      { numRuns: 300 },
    );
  });
});
