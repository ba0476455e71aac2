import { describe, expect, it } from 'vitest';
import { parseCsv } from '../agreement/csv';
import { CSV_HEADER, csv } from './csv';
import { allSpans, cpSlice, decodeUtf8, runWriter, sampleArticles, sampleManifest } from './sample-export';

describe('CSV', () => {
  it('writes the header and one RFC 4180 row per span, values exact', async () => {
    const articles = sampleArticles();
    const { bytes } = await runWriter(csv.write, articles, sampleManifest('csv'));
    const text = decodeUtf8(bytes);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.startsWith('article_id,article_title,span_id,label,start,end,text,speaker,note,annotator,layer,verdict,created_at,updated_at\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...CSV_HEADER]);
    const expected = allSpans(articles);
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const { article, span } = expected[i]!;
      const record = Object.fromEntries(header!.map((h, k) => [h, row[k]]));
      expect(record).toEqual({
        article_id: article.id,
        article_title: article.title,
        span_id: span.id,
        label: span.label,
        start: String(span.start),
        end: String(span.end),
        text: span.text,
        speaker: span.speaker,
        note: span.note,
        annotator: span.annotator,
        layer: span.layer,
        verdict: span.verdict,
        created_at: span.createdAt,
        updated_at: span.updatedAt,
      });
      expect(cpSlice(article.text, Number(record.start), Number(record.end))).toBe(record.text);
    });
  });

  it('does not alter cells a spreadsheet would read as formulas', async () => {
    const { bytes } = await runWriter(csv.write, sampleArticles(), sampleManifest('csv'));
    const rows = parseCsv(decodeUtf8(bytes));
    expect(rows.some((r) => r[6] === '=SUM(A1).')).toBe(true);
  });

  it('on request, puts a quote before every cell a spreadsheet would run as a formula, and only those, and says how many', async () => {
    const articles = sampleArticles();
    const base = articles[0]!.spans[0]!;
    const risky = ['=SUM(A1)', '+1', '-2 said', '@cmd', '\tTab', '\rCR', '\u0000=HYPERLINK("x")'];
    const spans = risky.map((speaker, i) => ({ ...base, id: `risky-${i}`, label: 'sourced_quote' as const, speaker, note: i === 0 ? '=HYPERLINK("x")' : 'fine' }));
    const manifest = { ...sampleManifest('csv'), spreadsheetSafe: true as const };
    const { bytes, final } = await runWriter(csv.write, [articles[0]!, { ...articles[0]!, id: 'risky', title: '-Minus title', spans }], manifest);
    const [, ...rows] = parseCsv(decodeUtf8(bytes));
    const exact = (await runWriter(csv.write, [articles[0]!, { ...articles[0]!, id: 'risky', title: '-Minus title', spans }], sampleManifest('csv'))).bytes;
    const [, ...exactRows] = parseCsv(decodeUtf8(exact));
    let prefixed = 0;
    rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const original = exactRows[r]![c]!;
        if (/^[=+\-@\t\r\0]/.test(original)) {
          expect(cell).toBe(`'${original}`);
          prefixed++;
        } else {
          expect(cell).toBe(original);
        }
      }),
    );
    // The sample's own "=SUM(A1)." text, seven speakers, one note and seven rows' title.
    expect(prefixed).toBe(1 + 7 + 1 + 7);
    expect(final.warnings.filter((w) => w.startsWith('CSV:'))).toEqual([
      `CSV: ${prefixed} cells start with ' added for spreadsheets (it began with =, +, -, @, a tab, a carriage return or a NUL). Where that cell is a span's text, it no longer equals text[start:end]: drop the leading ' to get it back.`,
    ]);
  });

  it('writes only the header when there are no spans', async () => {
    const { bytes } = await runWriter(csv.write, [{ ...sampleArticles()[0]!, spans: [] }], sampleManifest('csv'));
    expect(parseCsv(decodeUtf8(bytes))).toEqual([[...CSV_HEADER]]);
  });
});
