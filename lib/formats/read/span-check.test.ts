import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlank } from '../../anchoring/snap';
import { canonicalText } from '../../import/canonical';
import { readDoccano } from './doccano';
import { readLabelStudio } from './label-studio';
import type { ReadResult } from './model';
import { readSlantJsonl } from './slant-jsonl';
import { cpSlice, expectConsistent } from './test-support';

type Span = { label: string; start: number; end: number; text?: string };

/** One record holding `text` and `spans`, in each reader's format. */
const formats: [string, (text: string, spans: Span[]) => ReadResult][] = [
  ['slant-jsonl', (text, spans) => readSlantJsonl('f.jsonl', JSON.stringify({ type: 'article', text, spans }))],
  ['doccano', (text, spans) => readDoccano('f.jsonl', JSON.stringify({ text, label: spans.map((s) => [s.start, s.end, s.label]), meta: { spans: spans.map((s) => ({ text: s.text })) } }))],
  [
    'label-studio',
    (text, spans) =>
      readLabelStudio('f.json', JSON.stringify([{ data: { text }, annotations: [{ completed_by: 1, result: spans.map((s, i) => ({ id: `r${i}`, type: 'labels', value: { start: s.start, end: s.end, text: s.text, labels: [s.label] } })) }] }])),
  ],
];

// Raw texts as other tools hand them over: CRLF, decomposed accents, emoji, lone surrogates, BOM.
const rawChar = fc.constantFrom('a', 'b', ' ', '\r\n', '\r', '\n', 'e', '\u0301', '\u00e9', '😀', '👩‍👧', '\u1100', '\u1161', '\ud800', '\ufeff', '中');
const rawText = fc.array(rawChar, { minLength: 1, maxLength: 30 }).map((c) => c.join(''));

describe.each(formats)('span checks (%s)', (_name, read) => {
  it('accepts any span whose text is the code point slice of the raw text, and keeps every accepted span consistent', () => {
    fc.assert(
      fc.property(rawText, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 }), (text, pairs) => {
        const n = Array.from(text).length;
        const spans = pairs.map(([a, b]) => {
          const start = a % n;
          const end = start + 1 + (b % (n - start));
          return { label: 'L', start, end, text: cpSlice(text, start, end) };
        });
        const result = read(text, spans);
        expectConsistent(result);
        if (canonicalText(text).trim() === '') return;
        // Only a span made of nothing but the BOM disappears under canonicalisation.
        const holdsOnlyBom = spans.some((s) => s.text === '\ufeff' && s.start === 0);
        if (!holdsOnlyBom) {
          expect(result.problems).toEqual([]);
          expect(result.articles[0]!.spans).toHaveLength(spans.length);
          // A span over blank text is kept, flagged for the import to leave out.
          const canonical = Array.from(result.articles[0]!.text);
          for (const s of result.articles[0]!.spans) expect(s.blank ?? false).toBe(isBlank(canonical.slice(s.start, s.end).join('')));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('recovers UTF-16 offsets over canonical text, finding the same text', () => {
    const canonicalChar = fc.constantFrom('a', 'b', ' ', '\n', '\u00e9', '😀', '𝒳', '中');
    fc.assert(
      fc.property(fc.array(canonicalChar, { minLength: 1, maxLength: 30 }).map((c) => c.join('')), fc.nat(), fc.nat(), (text, a, b) => {
        fc.pre(text.trim() !== '');
        const start = a % text.length;
        const end = start + 1 + (b % (text.length - start));
        const spanText = text.slice(start, end);
        fc.pre(!/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(spanText));
        const result = read(text, [{ label: 'L', start, end, text: spanText }]);
        expect(result.problems).toEqual([]);
        const span = result.articles[0]!.spans[0]!;
        expect(span.text).toBe(spanText);
        expect(cpSlice(text, span.start, span.end)).toBe(spanText);
      }),
      { numRuns: 300 },
    );
  });

  it('never accepts a span whose text is nowhere near its offsets', () => {
    const result = read('abc 😀 def', [{ label: 'L', start: 0, end: 3, text: 'xyz' }]);
    expect(result.articles).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.message).toContain('the span text "xyz" does not match the text at 0–3, "abc"');
  });

  it('flags a span over nothing but spaces and line breaks, for the import to leave out, and keeps the record', () => {
    const text = 'First line. \n\nSecond line.';
    const result = read(text, [{ label: 'L', start: 0, end: 10, text: 'First line' }, { label: 'L', start: 11, end: 14, text: ' \n\n' }]);
    expect(result.problems).toEqual([]);
    expect(result.articles[0]!.spans.map((s) => [s.start, s.end, s.blank ?? false])).toEqual([
      [0, 10, false],
      [11, 14, true],
    ]);
  });
});

describe('span checks', () => {
  it('truncates long texts in mismatch messages', () => {
    const text = 'word '.repeat(40);
    const result = readSlantJsonl('long.jsonl', JSON.stringify({ text, spans: [{ label: 'L', start: 0, end: 100, text: 'z'.repeat(100) }] }));
    expect(result.problems[0]!.message).toBe(`long.jsonl line 1: spans[0]: the span text "${'z'.repeat(39)}…" does not match the text at 0–100, "${'word '.repeat(8).slice(0, 39)}…"`);
  });

  it('holds notes and speakers to the limits of a span saved in the app, naming the field', () => {
    const text = 'Ana said it.';
    const span = (extra: Record<string, unknown>) => JSON.stringify({ text, spans: [{ label: 'L', start: 0, end: 3, text: 'Ana', ...extra }] });
    const long = readSlantJsonl('long.jsonl', span({ note: 'n'.repeat(5_001), speaker: 's'.repeat(201) }));
    expect(long.articles).toEqual([]);
    expect(long.problems.map((p) => p.message)).toEqual([
      'long.jsonl line 1: spans[0]: the speaker is 201 characters long; the limit is 200',
      'long.jsonl line 1: spans[0]: the note is 5,001 characters long; the limit is 5,000',
    ]);
    expect(readSlantJsonl('ok.jsonl', span({ note: 'n'.repeat(5_000), speaker: 's'.repeat(200) })).problems).toEqual([]);
  });

  it('writes a no-break space or an invisible character as an escape in a mismatch, so the two texts do not look the same', () => {
    const result = readSlantJsonl('nbsp.jsonl', JSON.stringify({ text: 'a\u00a0b and more', spans: [{ label: 'L', start: 0, end: 3, text: 'a b' }] }));
    expect(result.problems[0]!.message).toBe('nbsp.jsonl line 1: spans[0]: the span text "a b" does not match the text at 0–3, "a\\u00a0b"');
  });
});
