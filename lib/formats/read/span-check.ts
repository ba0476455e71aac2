import { isBlank } from '../../anchoring/snap';
import { describeUnstorableText } from '../../errors';
import { canonicalText } from '../../import/canonical';
import { MAX_NOTE, MAX_SPEAKER } from '../../spans/schema';
import type { ImportedSpan } from './model';
import { describeValue, quote, type RecordContext } from './record';
import type { TextMap } from './text-map';

/** A span as a reader found it, before any checking. */
export type SpanInput = {
  label: unknown;
  start: unknown;
  end: unknown;
  /** The span's text as the file gives it; undefined or null when the file carries none. */
  text?: unknown;
  speaker?: unknown;
  note?: unknown;
  annotator?: string;
};

/**
 * What a file's offsets count. Slant writes code points (as Python does); doccano and Label
 * Studio count UTF-16 code units, because their editors measure JavaScript strings.
 */
export type OffsetUnits = 'code-points' | 'utf-16';

export type SpanOptions = {
  /** Accept numeric labels (older doccano exports write label ids) as their decimal string. */
  numericLabels?: boolean;
  /**
   * The unit read first, and the only one for a span that carries no text of its own (default
   * code points). A span with text is also tried in the other unit, for a file that mixes them.
   */
  units?: OffsetUnits;
};

function mapRange(map: TextMap, start: number, end: number): { start: number; end: number } | 'unmappable' {
  const cs = map.toCanonical(start, 'start');
  const ce = map.toCanonical(end, 'end');
  return cs === undefined || ce === undefined ? 'unmappable' : { start: cs, end: ce };
}

function sameText(a: string, b: string): boolean {
  return a === b || canonicalText(a) === canonicalText(b);
}

type Located = { start: number; end: number } | 'unmappable' | undefined;

/** A UTF-16 offset between the halves of a surrogate pair is no character boundary. */
function wholeUtf16(index: TextMap['rawIndex'], u: number): boolean {
  return index.toUtf16(index.toCodePoint(u)) === u;
}

/**
 * Where the span text is when the offsets count `units` of the raw text, else of the canonical
 * text (a tool that normalised before counting). Canonical code point offsets, or undefined.
 */
function locateIn(map: TextMap, units: OffsetUnits, start: number, end: number, spanText: string): Located {
  const raw = map.rawIndex;
  if (units === 'code-points') {
    if (end <= raw.length && sameText(raw.slice(start, end), spanText)) return mapRange(map, start, end);
  } else if (end <= map.raw.length && wholeUtf16(raw, start) && wholeUtf16(raw, end) && sameText(map.raw.slice(start, end), spanText)) {
    return mapRange(map, raw.toCodePoint(start), raw.toCodePoint(end));
  }
  if (map.identity) return undefined;
  const canon = map.canonicalIndex;
  if (units === 'code-points') {
    if (end <= canon.length && sameText(canon.slice(start, end), spanText)) return { start, end };
  } else if (end <= map.canonical.length && wholeUtf16(canon, start) && wholeUtf16(canon, end) && sameText(map.canonical.slice(start, end), spanText)) {
    return { start: canon.toCodePoint(start), end: canon.toCodePoint(end) };
  }
  return undefined;
}

const OTHER: Record<OffsetUnits, OffsetUnits> = { 'code-points': 'utf-16', 'utf-16': 'code-points' };

/** The span text found with the offsets read in `units`, else in the other unit. */
function locate(map: TextMap, units: OffsetUnits, start: number, end: number, spanText: string): Located {
  return locateIn(map, units, start, end, spanText) ?? locateIn(map, OTHER[units], start, end, spanText);
}

/**
 * The unit one record's offsets count: the first of `preferred` and the other unit under which
 * every span that carries its text finds it. A record is written by one tool, so its spans share
 * a unit; deciding per record keeps a short span text (say "ha" in "😂😂😂 ha ha ha") from being
 * found at a wrong occurrence under the wrong unit. `preferred` when the text has no character
 * outside the Basic Multilingual Plane (both units agree), no span carries text, or neither unit
 * fits every span.
 */
export function recordUnits(map: TextMap | undefined, spans: readonly { start: unknown; end: unknown; text?: unknown }[], preferred: OffsetUnits): OffsetUnits {
  if (!map || map.rawIndex.isBmpOnly) return preferred;
  const withText = spans.filter(
    (s): s is { start: number; end: number; text: string } =>
      Number.isInteger(s.start) && Number.isInteger(s.end) && (s.start as number) >= 0 && (s.start as number) < (s.end as number) && typeof s.text === 'string',
  );
  if (withText.length === 0) return preferred;
  for (const units of [preferred, OTHER[preferred]]) {
    if (withText.every((s) => locateIn(map, units, s.start, s.end, s.text) !== undefined)) return units;
  }
  return preferred;
}

/**
 * Checks one span against its article's text and returns it with canonical offsets, or reports
 * what is wrong (under `field`, e.g. "label[1]") and returns undefined.
 */
export function checkSpan(map: TextMap, input: SpanInput, field: string, ctx: RecordContext, options: SpanOptions = {}): ImportedSpan | undefined {
  const before = ctx.problems.length;
  let label: string | undefined;
  if (typeof input.label === 'string') {
    if (input.label.trim() === '') ctx.problem(field, 'the label is empty');
    else label = input.label;
  } else if (options.numericLabels && typeof input.label === 'number' && Number.isFinite(input.label)) {
    label = String(input.label);
  } else {
    ctx.problem(field, `the label must be a string (it is ${describeValue(input.label)})`);
  }
  for (const [name, value] of [['start', input.start], ['end', input.end]] as const) {
    if (typeof value !== 'number' || !Number.isInteger(value)) ctx.problem(field, `${name} must be a whole number (it is ${describeValue(value)})`);
  }
  const optional = (name: string, value: unknown): string | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') {
      // Speaker and note are stored as given; the span text is only compared with the article's.
      const surrogate = name === 'text' ? null : describeUnstorableText(value);
      if (surrogate) ctx.problem(field, `${name} ${surrogate}`);
      return value;
    }
    ctx.problem(field, `${name} must be a string (it is ${describeValue(value)})`);
    return undefined;
  };
  const spanText = optional('text', input.text);
  const speaker = optional('speaker', input.speaker);
  const note = optional('note', input.note);
  // The same limits as a span saved in the app (lib/spans/schema.ts).
  for (const [name, value, max] of [['speaker', speaker, MAX_SPEAKER], ['note', note, MAX_NOTE]] as const) {
    if (value !== undefined && value.length > max) ctx.problem(field, `the ${name} is ${value.length.toLocaleString('en')} characters long; the limit is ${max.toLocaleString('en')}`);
  }
  if (ctx.problems.length > before || label === undefined) return undefined;
  const start = input.start as number;
  const end = input.end as number;

  if (start < 0) {
    ctx.problem(field, `start ${start} is negative`);
    return undefined;
  }
  if (start === end) {
    ctx.problem(field, `the span is empty (start and end are both ${start})`);
    return undefined;
  }
  if (start > end) {
    ctx.problem(field, `start ${start} is after end ${end} (the offsets are reversed)`);
    return undefined;
  }
  const units = options.units ?? 'code-points';
  const length = units === 'utf-16' ? map.raw.length : map.rawIndex.length;
  let range: Located;
  if (spanText === undefined) {
    if (end > length) {
      ctx.problem(field, `end ${end} is beyond the text's length of ${length}${units === 'utf-16' ? ' (UTF-16 code units)' : ''}`);
      return undefined;
    }
    if (units === 'utf-16') {
      if (!wholeUtf16(map.rawIndex, start) || !wholeUtf16(map.rawIndex, end)) {
        ctx.problem(field, `the offsets ${start}–${end}, read as UTF-16 code units, fall inside a character (an emoji or other character outside the Basic Multilingual Plane)`);
        return undefined;
      }
      range = mapRange(map, map.rawIndex.toCodePoint(start), map.rawIndex.toCodePoint(end));
    } else {
      range = mapRange(map, start, end);
    }
  } else {
    range = locate(map, units, start, end, spanText);
    if (range === undefined) {
      // Neither unit found the text; the message shows what the preferred one reads there.
      const there = units === 'utf-16' ? map.raw.slice(start, end) : map.rawIndex.slice(start, end);
      if (end > length) ctx.problem(field, `end ${end} is beyond the text's length of ${length} (span text ${quote(spanText)})`);
      else ctx.problem(field, `the span text ${quote(spanText)} does not match the text at ${start}–${end}, ${quote(there)}`);
      return undefined;
    }
  }
  if (range === 'unmappable') {
    ctx.problem(field, `the offsets ${start}–${end} could not be carried over to the normalised text`);
    return undefined;
  }
  if (range.start >= range.end) {
    ctx.problem(field, `the span ${start}–${end} holds nothing once the text is normalised`);
    return undefined;
  }
  const covered = map.canonicalIndex.slice(range.start, range.end);
  const span: ImportedSpan = { label, start: range.start, end: range.end };
  // Kept in the reading (its offsets are fine) and left out by the import, as the app refuses such spans.
  if (isBlank(covered)) span.blank = true;
  if (spanText !== undefined) span.text = covered;
  if (speaker) span.speaker = speaker;
  if (note) span.note = note;
  if (input.annotator) span.annotator = input.annotator;
  return span;
}
