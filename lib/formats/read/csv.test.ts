import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../agreement/csv';
import { canonicalText } from '../../import/canonical';
import { readCsv } from './csv';
import { expectConsistent } from './test-support';

describe('readCsv', () => {
  it('reads articles by header name, case-insensitively, with dates normalised', () => {
    const file = toCsv(
      ['Title', 'TEXT', 'Source_URL', 'Author', 'Published', 'outlet', 'Topic'],
      [
        ['Budget day', 'Taxes will fall,\r\nsaid the "mayor".', 'https://example.org/a', 'Dana', 'March 5, 2024', 'Example Times', 'economy'],
        ['  Second  ', 'Cafe\u0301 text.', '', '', ' 2024-03-06 ', '', ''],
      ],
    );
    const result = readCsv('articles.csv', file);
    expect(result.problems).toEqual([]);
    expect(result.labels).toEqual([]);
    expect(result.articles).toEqual([
      {
        sourceLine: 2,
        place: { kind: 'row', record: 2, line: 2 },
        title: 'Budget day',
        author: 'Dana',
        outlet: 'Example Times',
        sourceUrl: 'https://example.org/a',
        publishedOn: '2024-03-05',
        topic: 'economy',
        text: 'Taxes will fall,\nsaid the "mayor".',
        spans: [],
      },
      // The first row's text spans two lines, so this row starts on line 4.
      { sourceLine: 4, place: { kind: 'row', record: 3, line: 4 }, title: 'Second', author: '', outlet: '', sourceUrl: '', publishedOn: '2024-03-06', topic: '', text: 'Caf\u00e9 text.', spans: [] },
    ]);
  });

  it('accepts url, date and publishedOn spellings and passes unreadable dates through trimmed', () => {
    const result = readCsv('a.csv', 'text,url,date\nOne,https://x.org,  next Tuesday  \n');
    expect(result.articles[0]).toMatchObject({ sourceUrl: 'https://x.org', publishedOn: 'next Tuesday' });
    expect(readCsv('b.csv', 'publishedOn,text\n2024-1-2,Two\n').articles[0]!.publishedOn).toBe('2024-01-02');
  });

  it('requires a text column', () => {
    const result = readCsv('no-text.csv', 'title,url\nA,https://x.org\n');
    expect(result.articles).toEqual([]);
    expect(result.problems).toEqual([
      { file: 'no-text.csv', line: 1, record: 1, field: 'text', message: 'no-text.csv row 1: the header has no "text" column (it has "title", "url")' },
    ]);
  });

  it("refuses Slant's own CSV export, a table of spans, instead of making every span an article", async () => {
    const { csv } = await import('../csv');
    const { runWriter, sampleArticles, sampleManifest, decodeUtf8 } = await import('../sample-export');
    const { bytes } = await runWriter(csv.write, sampleArticles(), sampleManifest('csv'));
    const result = readCsv('spans.csv', decodeUtf8(bytes));
    expect(result.articles).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.message).toMatch(/^spans\.csv row 1: this is a CSV of spans \(Slant's CSV export\), not of articles/);
  });

  it('reports rows with empty text or the wrong number of fields, counting the header as row 1', () => {
    const file = 'title,text\nGood,Some text\nEmpty,   \n\n"Multi\nline",ok,extra\nLast,fine\n';
    const result = readCsv('rows.csv', file);
    expect(result.articles.map((a) => [a.title, a.sourceLine])).toEqual([
      ['Good', 2],
      ['Last', 7],
    ]);
    expect(result.problems).toEqual([
      { file: 'rows.csv', line: 3, record: 3, field: 'text', message: 'rows.csv row 3: text: is empty' },
      { file: 'rows.csv', line: 5, record: 5, message: 'rows.csv row 5: has 3 fields but the header has 2 (a comma or quote out of place?)' },
    ]);
  });

  it('keeps a quote inside an unquoted field as written', () => {
    const result = readCsv('quotes.csv', 'title,text\nOne,The mayor said "we will win" today.\n');
    expect(result.problems).toEqual([]);
    expect(result.articles.map((a) => a.text)).toEqual(['The mayor said "we will win" today.']);
  });

  it('refuses the whole file, naming the line, when a quoted field is never closed or text follows its closing quote', () => {
    const open = readCsv('open.csv', 'title,text\nOne,"He said ""hello"" and left\nTwo,Second article text.\nThree,Third article.\n');
    expect(open.articles).toEqual([]);
    expect(open.problems).toEqual([
      {
        file: 'open.csv',
        line: 2,
        message: 'open.csv line 2: a quoted field starts here and is never closed; every row after it would become part of it; nothing from the file can be read safely',
      },
    ]);
    const after = readCsv('after.csv', 'title,text\nOne,fine\nTwo,"quoted" then more\n');
    expect(after.articles).toEqual([]);
    expect(after.problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'after.csv line 3: text after the closing quote of a field; a quote inside a quoted field is written twice (""); nothing from the file can be read safely'],
    ]);
  });

  it('reports an empty file', () => {
    expect(readCsv('empty.csv', '').problems.map((p) => p.message)).toEqual(['empty.csv: the file is empty; expected a header row naming the columns (text is required)']);
  });

  it('strips a BOM before the header', () => {
    expect(readCsv('bom.csv', '\ufefftext\nHello\n').articles.map((a) => a.text)).toEqual(['Hello']);
  });

  it('round-trips texts written by toCsv', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => canonicalText(s).trim() !== ''), { maxLength: 5 }), (texts) => {
        const result = readCsv('rt.csv', toCsv(['text'], texts.map((t) => [t])));
        expect(result.problems).toEqual([]);
        expect(result.articles.map((a) => a.text)).toEqual(texts.map(canonicalText));
      }),
    );
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.constantFrom('"', ',', '\n', '\r', 'text', 'title', 'a', ' '), maxLength: 60 })), (file) => {
        expectConsistent(readCsv('fuzz.csv', file));
      }),
      { numRuns: 300 },
    );
  });
});
