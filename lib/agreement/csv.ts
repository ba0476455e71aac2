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

/** Parses RFC 4180 text (CRLF or LF line ends) into records of string fields. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let value = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          value += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        value += ch;
      }
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(value);
      value = '';
    } else if (ch === '\r' || ch === '\n') {
      record.push(value);
      records.push(record);
      record = [];
      value = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else value += ch;
    i++;
  }
  // A final record without a line break still counts.
  if (value !== '' || record.length > 0) {
    record.push(value);
    records.push(record);
  }
  return records;
}
