/*
 * Helpers for the reader tests (not a test file itself).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { ReadResult } from './model';

/** Python's text[start:end]. */
export function cpSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/** Code point offsets of the first `quote` in `text`. */
export function at(text: string, quote: string): { start: number; end: number } {
  const i = text.indexOf(quote);
  if (i < 0) throw new Error(`"${quote}" is not in the text`);
  const start = Array.from(text.slice(0, i)).length;
  return { start, end: start + Array.from(quote).length };
}

/** UTF-16 offsets of the first `quote` in `text`, as JavaScript tools count them. */
export function at16(text: string, quote: string): { start: number; end: number } {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  return { start, end: start + quote.length };
}

export function jsonl(...records: unknown[]): string {
  return records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
}

/** Every span of every article lies inside its text and, when it carries text, matches it. */
export function expectConsistent(result: ReadResult): void {
  for (const a of result.articles) {
    const length = Array.from(a.text).length;
    for (const s of a.spans) {
      expect(Number.isInteger(s.start) && Number.isInteger(s.end)).toBe(true);
      expect(s.start).toBeGreaterThanOrEqual(0);
      expect(s.start).toBeLessThan(s.end);
      expect(s.end).toBeLessThanOrEqual(length);
      if (s.text !== undefined) expect(cpSlice(a.text, s.start, s.end)).toBe(s.text);
    }
  }
  for (const p of result.problems) {
    expect(p.message.startsWith(p.file)).toBe(true);
  }
  expect(result.labels).toEqual([...new Set(result.articles.flatMap((a) => a.spans.map((s) => s.label)))].sort());
}

/** Usually a well-formed value, sometimes anything at all, so that fuzzing reaches the deep checks. */
function mostly<T>(good: fc.Arbitrary<T>, weight = 6): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: good, weight }, { arbitrary: fc.jsonValue(), weight: 1 });
}

const texts = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  { arbitrary: fc.constantFrom('e\u0301 \r\n😀 x plain', 'plain text here', '\ufeffbom and more', 'a😀b😀c😀d😀e😀f'), weight: 3 },
  fc.constantFrom('', ' '),
);
const offsets = fc.oneof({ arbitrary: fc.integer({ min: -1, max: 12 }), weight: 8 }, fc.constantFrom(1.5, Number.MAX_SAFE_INTEGER, -0), fc.jsonValue());
const str = mostly(fc.string({ maxLength: 8 }));
const label = fc.oneof({ arbitrary: fc.constantFrom('claim', 'Claim', 'ODD'), weight: 8 }, fc.constantFrom(' ', ''), fc.jsonValue());
const spanText = fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.constantFrom('e', 'x', '😀', 'plain', '\n', 'a😀b', 'b😀'), weight: 4 }, fc.jsonValue());

/** Random values shaped roughly like records of any of the formats, with wrong types mixed in. */
export const recordLike = fc.oneof(
  { arbitrary: fc.jsonValue(), weight: 1 },
  {
    weight: 6,
    arbitrary: fc.record(
      {
        type: fc.oneof({ arbitrary: fc.constant('article'), weight: 6 }, fc.constantFrom('manifest', 'summary', 'other', 5)),
        id: mostly(fc.oneof(fc.string({ maxLength: 4 }), fc.integer())),
        text: mostly(texts),
        title: str,
        publishedOn: mostly(fc.constantFrom('2024-02-30', 'March 5, 2024', '2024-03-05T10:00:00Z', '')),
        spans: mostly(
          fc.array(
            fc.record({ label, start: offsets, end: offsets, text: spanText, speaker: str, layer: mostly(fc.constantFrom('gold', 'annotator')) }, { requiredKeys: ['label', 'start', 'end'] }),
            { maxLength: 3 },
          ),
        ),
        label: mostly(fc.oneof(fc.array(fc.tuple(offsets, offsets, mostly(fc.oneof(fc.string(), fc.integer())))), fc.array(fc.string()))),
        entities: fc.array(fc.record({ start_offset: offsets, end_offset: offsets, label, text: spanText }, { requiredKeys: [] }), { maxLength: 3 }),
        meta: mostly(fc.record({ title: str, spans: fc.array(fc.record({ text: spanText, annotator: str }, { requiredKeys: [] }), { maxLength: 4 }) }, { requiredKeys: [] })),
        data: mostly(fc.record({ text: mostly(texts), title: str }, { requiredKeys: [] })),
        annotations: mostly(
          fc.array(
            fc.record(
              {
                completed_by: fc.oneof(fc.integer(), fc.record({ email: str }), fc.jsonValue()),
                was_cancelled: fc.boolean(),
                result: mostly(
                  fc.array(
                    fc.record(
                      {
                        id: fc.constantFrom('r1', 'r2', 7),
                        parentID: fc.constantFrom('r1', 'r2'),
                        type: fc.constantFrom('labels', 'labels', 'textarea', 'choices', 'hypertextlabels', 9),
                        from_name: fc.constantFrom('label', 'speaker', 'note'),
                        value: mostly(
                          fc.record(
                            { start: offsets, end: offsets, text: fc.oneof(spanText, fc.array(fc.string())), labels: mostly(fc.array(label, { maxLength: 2 })) },
                            { requiredKeys: ['start', 'end', 'labels'] },
                          ),
                        ),
                      },
                      { requiredKeys: ['type', 'value'] },
                    ),
                    { maxLength: 4 },
                  ),
                ),
              },
              { requiredKeys: ['result'] },
            ),
            { maxLength: 3 },
          ),
        ),
      },
      { requiredKeys: ['text'] },
    ),
  },
);

/** Whole files: JSONL of record-like values, a JSON array of them, or arbitrary text. */
export const fileLike = fc.oneof(
  fc.array(recordLike, { maxLength: 5 }).map((records) => records.map((r) => JSON.stringify(r)).join('\n')),
  fc.array(recordLike, { maxLength: 5 }).map((records) => JSON.stringify(records, null, 2)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\n', '\r', 'a', '1', '\\', ' '), maxLength: 60 }),
);
