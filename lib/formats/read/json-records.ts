import { jsonErrorReason } from './json-syntax';
import type { ReadProblem } from './model';
import { describeValue, isObject, RecordContext, type PlainObject, type Place } from './record';

/*
 * The JSON formats all come as records: a JSON array of objects (Label Studio's export), one
 * object, or one object per line (JSONL: Slant, doccano, Label Studio's JSON-lines). This reads
 * any of those shapes into records that know where they came from.
 */

export type JsonRecord = { value: unknown; place: Place };

export type JsonSource = {
  file: string;
  records: JsonRecord[];
  /** Lines that are not JSON, or a file that is not JSON at all. */
  problems: ReadProblem[];
};

/**
 * The 1-based line on which each element of a top-level JSON array starts. Only called on text
 * that JSON.parse accepted, so strings never hold raw line breaks.
 */
export function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x0a) {
      line++;
      continue;
    }
    if (c === 0x0d) {
      if (text.charCodeAt(i + 1) !== 0x0a) line++;
      continue;
    }
    if (c === 0x20 || c === 0x09) continue;
    if (depth === 1 && expecting) {
      lines.push(line);
      expecting = false;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth === 1) expecting = true;
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c && depth === 1) expecting = true;
  }
  return lines;
}

function lineOfFirst(text: string): number {
  const at = text.search(/\S/);
  if (at < 0) return 1;
  return (text.slice(0, at).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}

export function jsonRecords(file: string, text: string): JsonSource {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const fileProblem = (message: string): JsonSource => ({ file, records: [], problems: [{ file, message: `${file}: ${message}` }] });
  if (body.trim() === '') return fileProblem('the file is empty');

  const first = body.trimStart()[0];
  if (first === '[' || first === '{') {
    let whole: unknown;
    let parsed = false;
    let wholeError: unknown;
    try {
      whole = JSON.parse(body);
      parsed = true;
    } catch (error) {
      wholeError = error;
    }
    if (parsed) {
      if (Array.isArray(whole)) {
        const lines = arrayElementLines(body);
        return { file, records: whole.map((value, i) => ({ value, place: { kind: 'array', record: i + 1, line: lines[i] } })), problems: [] };
      }
      return { file, records: [{ value: whole, place: { kind: 'line', line: lineOfFirst(body) } }], problems: [] };
    }
    // A pretty-printed JSON document with a syntax error would otherwise give one problem per line.
    const firstLine = body.trimStart().split(/\r\n|\r|\n/, 1)[0]!.trim();
    if (first === '[' || firstLine === '{') {
      // People look for a line and a column; JSON.parse counts UTF-16 units, when it says at all.
      const { at, reason } = jsonErrorReason(body, wholeError);
      if (at === undefined) return fileProblem(`not valid JSON (${reason})`);
      const before = body.slice(0, at);
      const line = (before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
      const column = Array.from(before.slice(Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1)).length + 1;
      return { file, records: [], problems: [{ file, line, message: `${file} line ${line}, column ${column}: not valid JSON (${reason})` }] };
    }
  }

  const records: JsonRecord[] = [];
  const problems: ReadProblem[] = [];
  body.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const place: Place = { kind: 'line', line: index + 1 };
    try {
      records.push({ value: JSON.parse(line), place });
    } catch (error) {
      const ctx = new RecordContext(file, place);
      const { at, reason } = jsonErrorReason(line, error);
      ctx.problem(undefined, `not valid JSON (${at === undefined ? '' : `column ${Array.from(line.slice(0, at)).length + 1}: `}${reason})`);
      problems.push(...ctx.problems);
    }
  });
  return { file, records, problems };
}

/** The record as an object, or a problem saying what it is instead. */
export function recordObject(record: JsonRecord, ctx: RecordContext): PlainObject | undefined {
  if (isObject(record.value)) return record.value;
  ctx.problem(undefined, `expected a JSON object, but found ${describeValue(record.value)}`);
  return undefined;
}
