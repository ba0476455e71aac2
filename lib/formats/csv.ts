import { toCsv, type CsvValue } from '../agreement/csv';
import { utf8 } from './encoding';
import { addWarning, type ExportArticle } from './model';
import type { FormatWriter } from './writer';

/*
 * One row per span, RFC 4180 (CRLF, quotes doubled), UTF-8 without a byte order mark (a BOM
 * would end up in the first column name of most CSV readers). Values are written exactly by
 * default: a quote prefixed to cells starting with = + - @ would break text[start:end] == text.
 * On request (the manifest's `spreadsheetSafe`), such cells get that quote, for a file opened
 * directly in a spreadsheet; the manifest then warns how many cells changed.
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

/**
 * What a spreadsheet opened on the file may run as a formula: a cell starting with = + - @, a tab,
 * a carriage return (OWASP's list for CSV injection) or a NUL (OWASP ASVS adds it; Slant refuses
 * to store one, so only other sources of text could bring it).
 */
const FORMULA_START = /^[=+\-@\t\r\0]/;

/** The cell with a ' in front when a spreadsheet would read it as a formula; numbers never are. */
export function spreadsheetCell(value: CsvValue): { value: CsvValue; changed: boolean } {
  return typeof value === 'string' && FORMULA_START.test(value) ? { value: `'${value}`, changed: true } : { value, changed: false };
}

export const csv: FormatWriter = {
  contentType: 'text/csv; charset=utf-8',
  fileExtension: 'csv',
  async *write({ manifest, articles }) {
    yield utf8(HEADER_LINE);
    let changed = 0;
    for await (const article of articles) {
      let rows = csvRows(article);
      if (manifest.spreadsheetSafe) {
        rows = rows.map((row) =>
          row.map((cell) => {
            const safe = spreadsheetCell(cell);
            if (safe.changed) changed++;
            return safe.value;
          }),
        );
      }
      // toCsv always writes a header record first; the rows are what follows it.
      if (rows.length) yield utf8(toCsv(CSV_HEADER, rows).slice(HEADER_LINE.length));
    }
    if (changed) {
      addWarning(
        manifest,
        `CSV: ${changed === 1 ? '1 cell starts' : `${changed.toLocaleString('en')} cells start`} with ' added for spreadsheets (it began with =, +, -, @, a tab, a carriage return or a NUL). Where that cell is a span's text, it no longer equals text[start:end]: drop the leading ' to get it back.`,
      );
    }
  },
};
