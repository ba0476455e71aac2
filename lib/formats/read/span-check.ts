import { describeLoneSurrogate } from '../../errors';
import { canonicalText } from '../../import/canonical';
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

export type SpanOptions = {
  /** Accept numeric labels (older doccano exports write label ids) as their decimal string. */
  numericLabels?: boolean;
};

function mapRange(map: TextMap, start: number, end: number): { start: number; end: number } | 'unmappable' {
  const cs = map.toCanonical(start, 'start');
  const ce = map.toCanonical(end, 'end');
  return cs === undefined || ce === undefined ? 'unmappable' : { start: cs, end: ce };
}

function sameText(a: string, b: string): boolean {
  return a === b || canonicalText(a) === canonicalText(b);
}

/**
 * Where the span text really is: the offsets read as code points of the raw text (what Slant
 * writes), else as UTF-16 units (what JavaScript tools such as Label Studio count), else the same
 * two over the canonical text (a tool that normalised before counting). Returns canonical code
 * point offsets, or undefined when no reading finds the text.
 */
function locate(map: TextMap, start: number, end: number, spanText: string): { start: number; end: number } | 'unmappable' | undefined {
  const raw = map.rawIndex;
  const toCanonical = (s: number, e: number) => mapRange(map, s, e);
  if (end <= raw.length && sameText(raw.slice(start, end), spanText)) return toCanonical(start, end);
  // A UTF-16 offset between the halves of a surrogate pair is no character boundary.
  const whole = (index: typeof raw, u: number) => index.toUtf16(index.toCodePoint(u)) === u;
  if (!raw.isBmpOnly && end <= map.raw.length && whole(raw, start) && whole(raw, end) && sameText(map.raw.slice(start, end), spanText)) {
    return toCanonical(raw.toCodePoint(start), raw.toCodePoint(end));
  }
  if (map.identity) return undefined;
  const canon = map.canonicalIndex;
  if (end <= canon.length && sameText(canon.slice(start, end), spanText)) return { start, end };
  if (!canon.isBmpOnly && end <= map.canonical.length && whole(canon, start) && whole(canon, end) && sameText(map.canonical.slice(start, end), spanText)) {
    return { start: canon.toCodePoint(start), end: canon.toCodePoint(end) };
  }
  return undefined;
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
      const surrogate = name === 'text' ? null : describeLoneSurrogate(value);
      if (surrogate) ctx.problem(field, `${name} ${surrogate}`);
      return value;
    }
    ctx.problem(field, `${name} must be a string (it is ${describeValue(value)})`);
    return undefined;
  };
  const spanText = optional('text', input.text);
  const speaker = optional('speaker', input.speaker);
  const note = optional('note', input.note);
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
  const length = map.rawIndex.length;
  let range: { start: number; end: number } | 'unmappable' | undefined;
  if (spanText === undefined) {
    if (end > length) {
      ctx.problem(field, `end ${end} is beyond the text's length of ${length}`);
      return undefined;
    }
    range = mapRange(map, start, end);
  } else {
    range = locate(map, start, end, spanText);
    if (range === undefined) {
      if (end > length) ctx.problem(field, `end ${end} is beyond the text's length of ${length} (span text ${quote(spanText)})`);
      else ctx.problem(field, `the span text ${quote(spanText)} does not match the text at ${start}–${end}, ${quote(map.rawIndex.slice(start, end))}`);
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
  const span: ImportedSpan = { label, start: range.start, end: range.end };
  if (spanText !== undefined) span.text = map.canonicalIndex.slice(range.start, range.end);
  if (speaker) span.speaker = speaker;
  if (note) span.note = note;
  if (input.annotator) span.annotator = input.annotator;
  return span;
}
