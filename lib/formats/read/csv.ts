import { CsvSyntaxError, parseCsv } from '../../agreement/csv';
import { oneLine } from '../../import/canonical';
import type { ImportedArticle, ReadResult } from './model';
import { makeArticle, normaliseDate, quote, RecordContext, ResultBuilder, type Metadata } from './record';

/*
 * A CSV of articles (no spans): a header row naming the columns, case-insensitively, with
 * spaces, '_' and '-' ignored ("Source URL" = "source_url" = "sourceUrl"). `text` is required.
 * Row numbers count the header as row 1, the way a spreadsheet shows them.
 */

type Column = keyof Metadata | 'text' | 'externalId';

const HEADER_NAMES: Record<string, Column> = {
  title: 'title',
  headline: 'title',
  text: 'text',
  body: 'text',
  content: 'text',
  url: 'sourceUrl',
  sourceurl: 'sourceUrl',
  link: 'sourceUrl',
  author: 'author',
  byline: 'author',
  date: 'publishedOn',
  published: 'publishedOn',
  publishedon: 'publishedOn',
  publicationdate: 'publishedOn',
  outlet: 'outlet',
  publisher: 'outlet',
  topic: 'topic',
  id: 'externalId',
};

export function columnFor(header: string): Column | undefined {
  const key = header.replace(/^\ufeff/, '').trim().toLowerCase().replace(/[\s_-]+/g, '');
  return Object.prototype.hasOwnProperty.call(HEADER_NAMES, key) ? HEADER_NAMES[key] : undefined;
}

function lineBreaks(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) n += f.match(/\r\n|\r|\n/g)?.length ?? 0;
  return n;
}

/** Reads a CSV file of articles. */
export function readCsv(fileName: string, content: string): ReadResult {
  const out = new ResultBuilder();
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    // Past a syntax error the rows cannot be told apart, so no row of the file is offered.
    out.problem({ file: fileName, line: e.line, message: `${fileName} ${e.message}; nothing from the file can be read safely` });
    return out.result();
  }
  const header = records[0];
  if (!header || header.every((h) => h.trim() === '')) {
    out.problem({ file: fileName, message: `${fileName}: the file is empty; expected a header row naming the columns (text is required)` });
    return out.result();
  }
  // Slant's own CSV export lists spans (span_id, start, end, and each span's text under "text"),
  // not articles: read as articles, every span would become an article of its own.
  const names = new Set(header.map((h) => h.replace(/^\ufeff/, '').trim().toLowerCase()));
  if (['span_id', 'start', 'end', 'article_id'].every((n) => names.has(n))) {
    out.problem({
      file: fileName,
      line: 1,
      record: 1,
      message: `${fileName} row 1: this is a CSV of spans (Slant's CSV export), not of articles, and it has no article texts; import the Slant JSONL export of the same data instead`,
    });
    return out.result();
  }
  const columns = new Map<Column, number[]>();
  header.forEach((name, i) => {
    const column = columnFor(name);
    if (column) columns.set(column, [...(columns.get(column) ?? []), i]);
  });
  if (!columns.has('text')) {
    const found = header.map((h) => quote(h.trim(), 30)).join(', ');
    out.problem({ file: fileName, line: 1, record: 1, field: 'text', message: `${fileName} row 1: the header has no "text" column (it has ${found})` });
    return out.result();
  }
  // The first non-blank cell of the columns that name the same thing (e.g. both url and source_url).
  const cell = (row: readonly string[], column: Column): string => {
    for (const i of columns.get(column) ?? []) {
      const value = row[i] ?? '';
      if (value.trim() !== '') return value;
    }
    return '';
  };

  let line = 1 + lineBreaks(header) + 1;
  for (let r = 1; r < records.length; r++) {
    const row = records[r]!;
    const place = { kind: 'row' as const, record: r + 1, line };
    line += lineBreaks(row) + 1;
    // Blank lines (often one at the end of the file) are not records.
    if (row.every((f) => f.trim() === '')) continue;
    const ctx = new RecordContext(fileName, place);
    if (row.length !== header.length) {
      ctx.problem(undefined, `has ${row.length} field${row.length === 1 ? '' : 's'} but the header has ${header.length} (a comma or quote out of place?)`);
    }
    const map = ctx.text(cell(row, 'text'), 'text');
    let article: ImportedArticle | undefined;
    if (map && !ctx.failed) {
      const metadata: Metadata = {
        title: oneLine(cell(row, 'title')),
        author: oneLine(cell(row, 'author')),
        outlet: oneLine(cell(row, 'outlet')),
        sourceUrl: oneLine(cell(row, 'sourceUrl')),
        publishedOn: normaliseDate(cell(row, 'publishedOn')),
        topic: oneLine(cell(row, 'topic')),
      };
      article = makeArticle({ place, metadata, map, spans: [], externalId: oneLine(cell(row, 'externalId')) });
    }
    out.add(ctx, article);
  }
  return out.result();
}
