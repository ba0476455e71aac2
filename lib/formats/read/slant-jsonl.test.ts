import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalText } from '../../import/canonical';
import { articleLine } from '../jsonl';
import { sampleArticles } from '../sample-export';
import { readSlantJsonl } from './slant-jsonl';
import { at, at16, cpSlice, expectConsistent, fileLike, jsonl } from './test-support';

const manifest = { type: 'manifest', formatVersion: '1.0', format: 'jsonl', labels: [{ id: 'claim', name: 'Claim' }] };
const summary = { type: 'summary', counts: { articles: 1 }, warnings: [] };

function article(text: string, spans: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  return { type: 'article', id: 'a-1', title: 'T', author: 'A', outlet: 'O', sourceUrl: 'https://example.org/x', publishedOn: '2024-03-05', topic: 'eco', text, spans, ...extra };
}

describe('readSlantJsonl', () => {
  it("reads Slant's export: metadata, spans with speaker, note and annotator; skips manifest and summary", () => {
    const text = 'Mayor Ana said taxes will fall. That is naive.';
    const result = readSlantJsonl(
      'export.jsonl',
      jsonl(manifest, article(text, [
        { id: 's1', label: 'claim', ...at(text, 'taxes will fall'), text: 'taxes will fall', speaker: 'Ana', note: 'promise', annotator: 'ana@example.org', layer: 'annotator', verdict: '' },
        { id: 's2', label: 'opinion', ...at(text, 'That is naive.'), text: 'That is naive.', speaker: '', note: '', annotator: 'gold', layer: 'gold', verdict: 'accepted' },
      ]), summary),
    );
    expect(result.problems).toEqual([]);
    expect(result.articles).toEqual([
      {
        sourceLine: 2,
        place: { kind: 'line', line: 2 },
        externalId: 'a-1',
        title: 'T',
        author: 'A',
        outlet: 'O',
        sourceUrl: 'https://example.org/x',
        publishedOn: '2024-03-05',
        topic: 'eco',
        text,
        spans: [
          { label: 'claim', start: 15, end: 30, text: 'taxes will fall', speaker: 'Ana', note: 'promise', annotator: 'ana@example.org' },
          { label: 'opinion', start: 32, end: 46, text: 'That is naive.', annotator: 'gold' },
        ],
      },
    ]);
    expect(result.labels).toEqual(['claim', 'opinion']);
  });

  it('reports an export cut off before its summary line, and reads the article lines it has', () => {
    const cut = readSlantJsonl('cut.jsonl', jsonl(manifest, article('First text.', []), { ...article('Second text.', []), id: 'a-2' }));
    expect(cut.articles.map((a) => a.text)).toEqual(['First text.', 'Second text.']);
    expect(cut.problems).toEqual([{ file: 'cut.jsonl', message: 'cut.jsonl: the file ends before its summary line: it was cut off; download it again.' }]);
    // Cut in the middle of a line: that line is not JSON, and the file still has no summary.
    const midLine = readSlantJsonl('mid.jsonl', jsonl(manifest, article('First text.', [])) + '{"type":"article","text":"Sec');
    expect(midLine.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^mid\.jsonl line 3: not valid JSON/), 'mid.jsonl: the file ends before its summary line: it was cut off; download it again.']);
    // A hand-made file without manifest and summary lines is whole as it is.
    expect(readSlantJsonl('hand.jsonl', jsonl({ text: 'Hand-made.' })).problems).toEqual([]);
  });

  it("checks the summary's article count against the article lines, bad lines included", () => {
    const two = [article('First text.', []), { ...article('Second text.', []), id: 'a-2' }];
    expect(readSlantJsonl('ok.jsonl', jsonl(manifest, ...two, { ...summary, counts: { articles: 2 } })).problems).toEqual([]);
    const lost = readSlantJsonl('lost.jsonl', jsonl(manifest, ...two, { ...summary, counts: { articles: 3 } }));
    expect(lost.problems).toEqual([
      { file: 'lost.jsonl', field: 'counts.articles', message: 'lost.jsonl line 4: counts.articles: the summary line counts 3 articles, but the export holds 2 article lines: lines were lost or added; download it again.' },
    ]);
    // A line that is not JSON is one of the export's lines: it is reported itself, not counted as lost.
    const broken = readSlantJsonl('broken.jsonl', jsonl(manifest, two[0], '{not json', { ...summary, counts: { articles: 2 } }));
    expect(broken.problems.map((p) => p.line)).toEqual([3]);
    // A summary without counts (hand-made) is not checked.
    expect(readSlantJsonl('bare.jsonl', jsonl(manifest, ...two, { type: 'summary' })).problems).toEqual([]);
  });

  it('checks each export of a file that joins several, naming the one cut off', () => {
    const one = (text: string) => [manifest, article(text, []), summary];
    expect(readSlantJsonl('joined.jsonl', jsonl(...one('First text.'), ...one('Second text.'))).problems).toEqual([]);
    const cut = readSlantJsonl('joined.jsonl', jsonl(manifest, article('First text.', []), ...one('Second text.'), manifest, article('Third text.', [])));
    expect(cut.problems.map((p) => p.message)).toEqual([
      'joined.jsonl line 3: a new export starts before its summary line: it was cut off; download it again.',
      'joined.jsonl: the file ends before the summary line of the export that starts on line 6: it was cut off; download it again.',
    ]);
  });

  it('marks spans of the gold layer as gold whatever the annotator field says', () => {
    const text = 'Some text here.';
    const result = readSlantJsonl('g.jsonl', jsonl(article(text, [{ label: 'claim', start: 0, end: 4, layer: 'gold', annotator: 'rev@example.org' }])));
    expect(result.articles[0]!.spans[0]!.annotator).toBe('gold');
  });

  it('keeps code point offsets after astral characters (emoji) as they are', () => {
    const text = '👩‍👩‍👧 Ana: "Taxes 😀 will fall" 🇺🇸 yes';
    const spans = [
      { label: 'claim', ...at(text, 'Taxes 😀 will fall'), text: 'Taxes 😀 will fall' },
      { label: 'opinion', ...at(text, 'yes'), text: 'yes' },
    ];
    const result = readSlantJsonl('e.jsonl', jsonl(article(text, spans)));
    expect(result.problems).toEqual([]);
    expect(result.articles[0]!.spans.map((s) => [s.start, s.end])).toEqual(spans.map((s) => [s.start, s.end]));
    expect(result.articles[0]!.spans.map((s) => cpSlice(text, s.start, s.end))).toEqual(['Taxes 😀 will fall', 'yes']);
  });

  it('remaps offsets when the text has CRLF line ends and decomposed accents', () => {
    const raw = 'Cafe\u0301 owners\r\nsaid "prices rose".\r\nNai\u0308ve 😀 critics.';
    const spans = [
      { label: 'sourced_quote', ...at(raw, '"prices rose"'), text: '"prices rose"' },
      { label: 'opinion', ...at(raw, 'Nai\u0308ve 😀 critics'), text: 'Nai\u0308ve 😀 critics' },
      // No span text: the offsets alone are carried over.
      { label: 'claim', ...at(raw, 'owners\r\nsaid') },
    ];
    const result = readSlantJsonl('crlf.jsonl', jsonl(article(raw, spans)));
    expect(result.problems).toEqual([]);
    const a = result.articles[0]!;
    expect(a.text).toBe(canonicalText(raw));
    expect(a.text).toBe('Caf\u00e9 owners\nsaid "prices rose".\nNa\u00efve 😀 critics.');
    expect(a.spans.map((s) => cpSlice(a.text, s.start, s.end))).toEqual(['"prices rose"', 'Na\u00efve 😀 critics', 'owners\nsaid']);
    expect(a.spans.map((s) => [s.start, s.end])).toEqual([
      [at(a.text, '"prices rose"').start, at(a.text, '"prices rose"').end],
      [at(a.text, 'Na\u00efve 😀 critics').start, at(a.text, 'Na\u00efve 😀 critics').end],
      [at(a.text, 'owners\nsaid').start, at(a.text, 'owners\nsaid').end],
    ]);
    expect(a.spans[1]!.text).toBe('Na\u00efve 😀 critics');
  });

  it('recovers offsets another tool counted in UTF-16 units', () => {
    const text = 'Emoji 😀😀 first, then the claim.';
    const result = readSlantJsonl('u16.jsonl', jsonl(article(text, [{ label: 'claim', ...at16(text, 'the claim'), text: 'the claim' }])));
    expect(result.problems).toEqual([]);
    expect(result.articles[0]!.spans[0]).toMatchObject({ ...at(text, 'the claim'), text: 'the claim' });
  });

  it('reports a span whose text does not match, with the line, span index and both texts', () => {
    const text = 'The minister said the plan works.';
    const result = readSlantJsonl('bad.jsonl', jsonl(manifest, article('Fine text.', []), article(text, [{ label: 'claim', start: 0, end: 3, text: 'The' }, { label: 'claim', start: 4, end: 12, text: 'ministry' }]), { ...summary, counts: { articles: 2 } }));
    expect(result.articles).toHaveLength(1);
    expect(result.problems).toEqual([
      { file: 'bad.jsonl', line: 3, field: 'spans[1]', message: 'bad.jsonl line 3: spans[1]: the span text "ministry" does not match the text at 4–12, "minister"' },
    ]);
  });

  it('reports out-of-range, reversed, empty, negative and fractional spans, leaving the record out', () => {
    const text = 'x'.repeat(512);
    const result = readSlantJsonl(
      'data.jsonl',
      jsonl(
        article(text, [
          { label: 'claim', start: 0, end: 5 },
          { label: 'claim', start: 10, end: 900 },
        ]),
        article(text, [{ label: 'claim', start: 20, end: 10 }]),
        article(text, [{ label: 'claim', start: 7, end: 7 }]),
        article(text, [{ label: 'claim', start: -1, end: 3 }]),
        article(text, [{ label: 'claim', start: 1.5, end: 3 }]),
        article(text, [{ label: 'claim', start: '1', end: 3 }]),
      ),
    );
    expect(result.articles).toEqual([]);
    expect(result.problems.map((p) => p.message)).toEqual([
      "data.jsonl line 1: spans[1]: end 900 is beyond the text's length of 512",
      'data.jsonl line 2: spans[0]: start 20 is after end 10 (the offsets are reversed)',
      'data.jsonl line 3: spans[0]: the span is empty (start and end are both 7)',
      'data.jsonl line 4: spans[0]: start -1 is negative',
      'data.jsonl line 5: spans[0]: start must be a whole number (it is a number (1.5))',
      'data.jsonl line 6: spans[0]: start must be a whole number (it is a string ("1"))',
    ]);
    expect(result.problems.map((p) => p.line)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('counts the length in code points when a span runs past the end of a text with emoji', () => {
    const text = '😀😀😀 abc';
    const result = readSlantJsonl('len.jsonl', jsonl(article(text, [{ label: 'claim', start: 4, end: 9 }])));
    expect(result.problems[0]!.message).toBe("len.jsonl line 1: spans[0]: end 9 is beyond the text's length of 7");
  });

  it('reports a line that is not JSON by its line number and reads the rest', () => {
    const result = readSlantJsonl('mixed.jsonl', ['{"type":"article","text":"One."}', '', '{not json', '[1,2]', '{"type":"article","text":"Two."}'].join('\r\n'));
    expect(result.articles.map((a) => [a.text, a.sourceLine])).toEqual([['One.', 1], ['Two.', 5]]);
    expect(result.problems.map((p) => p.line)).toEqual([3, 4]);
    expect(result.problems[0]!.message).toMatch(/^mixed\.jsonl line 3: not valid JSON \(.+\)$/);
    expect(result.problems[1]!.message).toBe('mixed.jsonl line 4: expected a JSON object, but found an array');
  });

  it('reads lines without a type that look like articles, and rejects unknown types', () => {
    const result = readSlantJsonl('loose.jsonl', jsonl({ text: 'No type here.', spans: [{ label: 'Weird Label!', start: 0, end: 2 }] }, { type: 'comment', text: 'x' }));
    expect(result.articles).toHaveLength(1);
    expect(result.labels).toEqual(['Weird Label!']);
    expect(result.problems.map((p) => p.message)).toEqual(['loose.jsonl line 2: type: unknown line type a string ("comment"); expected "manifest", "article" or "summary"']);
  });

  it('names fields that are not strings, and reports empty or missing text', () => {
    const result = readSlantJsonl(
      'types.jsonl',
      jsonl(
        { type: 'article', text: 'Fine.', title: 5, author: ['a'], spans: [{ label: 3, start: 0, end: 1 }, { label: 'claim', start: 0, end: 1, speaker: 7 }, 'nope'] },
        { type: 'article', text: '  \n ' },
        { type: 'article', title: 'no text' },
        { type: 'article', text: 12 },
        { type: 'article', text: 'ok', spans: {} },
      ),
    );
    expect(result.articles).toEqual([]);
    expect(result.problems.map((p) => p.message)).toEqual([
      'types.jsonl line 1: title: must be a string (it is a number (5))',
      'types.jsonl line 1: author: must be a string (it is an array)',
      'types.jsonl line 1: spans[0]: the label must be a string (it is a number (3))',
      'types.jsonl line 1: spans[1]: speaker must be a string (it is a number (7))',
      'types.jsonl line 1: spans[2]: must be an object (it is a string ("nope"))',
      'types.jsonl line 2: text: is empty',
      'types.jsonl line 3: text: is missing; every record needs the article text',
      'types.jsonl line 4: text: must be a string (it is a number (12))',
      'types.jsonl line 5: spans: must be an array (it is an object)',
    ]);
    expect(result.problems[0]).toMatchObject({ field: 'title', line: 1 });
  });

  it("reads back the JSONL writer's own article lines (decomposed accent remapped, everything else as written)", () => {
    const articles = sampleArticles();
    const result = readSlantJsonl('sample.jsonl', articles.map((a) => JSON.stringify(articleLine(a))).join('\n'));
    expect(result.problems).toEqual([]);
    expect(result.articles).toHaveLength(articles.length);
    result.articles.forEach((read, i) => {
      const written = articles[i]!;
      expect(read.text).toBe(canonicalText(written.text));
      expect(read.externalId).toBe(written.id);
      expect(read.spans.map((s) => [s.label, s.annotator, s.speaker ?? '', s.note ?? ''])).toEqual(written.spans.map((s) => [s.label, s.annotator, s.speaker, s.note]));
      read.spans.forEach((s, k) => expect(s.text).toBe(canonicalText(written.spans[k]!.text)));
    });
    expectConsistent(result);
  });

  // Texts as Slant stores them (canonical), with astral characters; spans may overlap, nest or coincide.
  const char = fc.constantFrom('a', 'b', ' ', '\n', '\u00e9', '😀', '👩‍👧', '𝒳', '中', '"', '\\', '\u2028');
  const articleArb = fc
    .array(char, { minLength: 1, maxLength: 40 })
    .map((chars) => chars.join(''))
    .filter((t) => t.trim() !== '')
    .chain((text) => {
      const n = Array.from(text).length;
      const span = fc
        .tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 }), fc.constantFrom('claim', 'opinion', 'sourced_quote', 'Odd label'), fc.boolean())
        .map(([a, b, label, withText]) => {
          const start = Math.min(a, b);
          const end = Math.max(a, b) + 1;
          return { label, start, end, ...(withText ? { text: cpSlice(text, start, end) } : {}) };
        });
      return fc.record({ text: fc.constant(text), spans: fc.array(span, { maxLength: 8 }), title: fc.string({ maxLength: 10 }).map((s) => s.trim()) });
    });

  it('round-trips random articles: same text, offsets and labels', () => {
    fc.assert(
      fc.property(fc.array(articleArb, { minLength: 1, maxLength: 4 }), (articles) => {
        const file = jsonl(manifest, ...articles.map((a) => ({ type: 'article', ...a })), { ...summary, counts: { articles: articles.length } });
        const result = readSlantJsonl('rt.jsonl', file);
        expect(result.problems).toEqual([]);
        expect(result.articles.map((a) => a.text)).toEqual(articles.map((a) => a.text));
        expect(result.articles.map((a) => a.spans.map((s) => [s.label, s.start, s.end]))).toEqual(articles.map((a) => a.spans.map((s) => [s.label, s.start, s.end])));
        expect(result.labels).toEqual([...new Set(articles.flatMap((a) => a.spans.map((s) => s.label)))].sort());
        expectConsistent(result);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(fileLike, (file) => {
        expectConsistent(readSlantJsonl('fuzz.jsonl', file));
      }),
      { numRuns: 300 },
    );
  });
});
