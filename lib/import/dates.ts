import { oneLine } from './canonical-text';

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4,
  may: 5, jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9,
  september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

const WEEKDAY_PREFIX = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+/i;

// What may follow a date on a dateline: a time, a zone, an ISO time part.
const TIME_SUFFIX =
  /^(?:\s*(?:[,|@\u2013\u2014-]|at)?\s*\d{1,2}(?::\d{2}){0,2}(?:\.\d+)?\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{2,5}|utc|gmt)?(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?\s*$|^T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?$/i;

type Parts = { year: number; month: number; day: number; rest: string };

function matchParts(s: string): Parts | null {
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)(.*)$/.exec(s);
  if (m) return { year: +m[1]!, month: +m[2]!, day: +m[3]!, rest: m[4]! };
  m = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)(.*)$/i.exec(s);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    return month ? { year: +m[3]!, month, day: +m[2]!, rest: m[4]! } : null;
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4})(?!\d)(.*)$/i.exec(s);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    return month ? { year: +m[3]!, month, day: +m[1]!, rest: m[4]! } : null;
  }
  return null;
}

export function isValidYmd(year: number, month: number, day: number): boolean {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/**
 * Reads the calendar date at the start of a dateline-ish string and returns
 * 'YYYY-MM-DD', or '' when it isn't one. Slash dates other than Y/M/D are not
 * read because 03/04/2024 is ambiguous between US and European order.
 * With `whole`, only a time may follow the date, so that a sentence that
 * merely starts with a date is not mistaken for a dateline.
 */
export function parseLooseDate(input: string, options: { whole?: boolean } = {}): string {
  const s = oneLine(input).replace(WEEKDAY_PREFIX, '');
  const parts = matchParts(s);
  if (!parts || !isValidYmd(parts.year, parts.month, parts.day)) return '';
  if (options.whole && !TIME_SUFFIX.test(parts.rest)) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
}

export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m !== null && isValidYmd(+m[1]!, +m[2]!, +m[3]!);
}
