import { toCsv, type CsvValue } from '../agreement/csv';
import { utf8 } from './encoding';
import type { ExportArticle } from './model';
import type { FormatWriter } from './writer';

/*
 * One row per span, RFC 4180 (CRLF, quotes doubled), UTF-8 without a byte order mark (a BOM
 * would end up in the first column name of most CSV readers). Values are written exactly: no
 * quote is prefixed to cells starting with = + - @, because that would break
 * text[start:end] == text. Spreadsheet users should import as text (see docs/formats.md).
 * Articles without spans have no row; the article texts are in the other formats.
 */

export const CSV_HEADER = [
  'article_id',
  'article_title',
  'span_id',
  'label',
  'start',
  'end',
  'text',
  'speaker',
  'note',
  'annotator',
  'layer',
  'verdict',
  'created_at',
  'updated_at',
] as const;

const HEADER_LINE = toCsv(CSV_HEADER, []);

export function csvRows(a: ExportArticle): CsvValue[][] {
  return a.spans.map((s) => [a.id, a.title, s.id, s.label, s.start, s.end, s.text, s.speaker, s.note, s.annotator, s.layer, s.verdict, s.createdAt, s.updatedAt]);
}

export const csv: FormatWriter = {
  contentType: 'text/csv; charset=utf-8',
  fileExtension: 'csv',
  async *write({ articles }) {
    yield utf8(HEADER_LINE);
    for await (const article of articles) {
      const rows = csvRows(article);
      // toCsv always writes a header record first; the rows are what follows it.
      if (rows.length) yield utf8(toCsv(CSV_HEADER, rows).slice(HEADER_LINE.length));
    }
  },
};
