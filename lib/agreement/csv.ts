/*
 * RFC 4180: records end with CRLF; a field is quoted when it holds a comma, a
 * double quote, CR or LF, and quotes inside are doubled.
 */

export type CsvValue = string | number | null | undefined;

function field(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // Non-finite numbers have no CSV meaning; an empty cell reads as missing, like null.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(field).join(',') + '\r\n').join('');
}

/** CSV text that cannot be read unambiguously; `line` is 1-based, counted in the file. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Parses RFC 4180 text (CRLF or LF line ends) into records of string fields. Like Python's csv
 * module, a quote inside a field that does not start with one is an ordinary character
 * (`said "no" today` stays as written). Two things have no safe reading and throw
 * CsvSyntaxError naming the line: text after a closing quote (`"a"b`), and a quoted field still
 * open at the end of the file, which would otherwise swallow every row after it.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let value = '';
  // 'start': nothing read in this field yet; 'plain': an unquoted field; 'quoted': inside quotes;
  // 'closed': after a quoted field's closing quote.
  let state: 'start' | 'plain' | 'quoted' | 'closed' = 'start';
  let line = 1;
  let openedOn = 1;
  let i = 0;
  const endField = () => {
    record.push(value);
    value = '';
    state = 'start';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (state === 'quoted') {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          value += '"';
          i += 2;
          continue;
        }
        state = 'closed';
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        value += ch;
      }
      i++;
      continue;
    }
    if (ch === ',') endField();
    else if (ch === '\r' || ch === '\n') {
      endField();
      records.push(record);
      record = [];
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
    } else if (state === 'closed') {
      throw new CsvSyntaxError(
        `line ${line}: text after the closing quote of a field; a quote inside a quoted field is written twice ("")`,
        line,
      );
    } else if (ch === '"' && state === 'start') {
      state = 'quoted';
      openedOn = line;
    } else {
      value += ch;
      state = 'plain';
    }
    i++;
  }
  if (state === 'quoted') {
    throw new CsvSyntaxError(`line ${openedOn}: a quoted field starts here and is never closed; every row after it would become part of it`, openedOn);
  }
  // A final record without a line break still counts.
  if (value !== '' || record.length > 0 || state === 'closed') {
    record.push(value);
    records.push(record);
  }
  return records;
}
