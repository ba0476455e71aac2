import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodePointIndex, codePointLength, sliceCodePoints } from './code-points';
import { CONTEXT_LENGTH, makeSelector, verifySelector } from './selector';

const body =
  'Moscow and Beijing pledged closer ties on Wednesday, officials said. ' +
  'Analysts were sceptical 😀 that the pact would change much in practice.';

describe('makeSelector', () => {
  it('captures quote and 32 code points of context on each side', () => {
    const start = body.indexOf('officials');
    const sel = makeSelector(body, { start, end: start + 'officials said'.length });
    expect(CONTEXT_LENGTH).toBe(32);
    expect(sel.quote).toBe('officials said');
    expect(sel.prefix).toBe(body.slice(start - 32, start));
    expect(codePointLength(sel.prefix)).toBe(32);
    expect(codePointLength(sel.suffix)).toBe(32);
    expect(sel.suffix.startsWith('. Analysts')).toBe(true);
    expect(sel.start).toBe(start);
  });

  it('uses shorter context at the edges of the text', () => {
    const atStart = makeSelector(body, { start: 0, end: 6 });
    expect(atStart.quote).toBe('Moscow');
    expect(atStart.prefix).toBe('');
    const n = codePointLength(body);
    const atEnd = makeSelector(body, { start: n - 9, end: n });
    expect(atEnd.suffix).toBe('');
    expect(atEnd.quote).toBe('practice.');
    expect(atEnd.prefix.endsWith('much in ')).toBe(true);
  });

  it('counts context in code points, so astral characters never get split', () => {
    const s = '😀'.repeat(40) + 'QUOTE' + '😀'.repeat(40);
    const sel = makeSelector(s, { start: 40, end: 45 });
    expect(sel.quote).toBe('QUOTE');
    expect(sel.prefix).toBe('😀'.repeat(32));
    expect(sel.suffix).toBe('😀'.repeat(32));
  });

  it('rejects empty, reversed, fractional and out-of-range spans', () => {
    expect(() => makeSelector(body, { start: 3, end: 3 })).toThrow(RangeError);
    expect(() => makeSelector(body, { start: 5, end: 3 })).toThrow(RangeError);
    expect(() => makeSelector(body, { start: -1, end: 3 })).toThrow(RangeError);
    expect(() => makeSelector(body, { start: 0, end: 1.5 })).toThrow(RangeError);
    expect(() => makeSelector(body, { start: 0, end: codePointLength(body) + 1 })).toThrow(RangeError);
  });

  it('rejects an index built for another text', () => {
    expect(() => makeSelector(body, { start: 0, end: 1 }, new CodePointIndex('x'))).toThrow();
  });

  it('always yields prefix + quote + suffix as a contiguous slice of the text', () => {
    const unit = fc.constantFrom('a', ' ', '😀', 'e\u0301', '\n', '\u00a0', 'Ж');
    const arb = fc
      .array(unit, { minLength: 1, maxLength: 120 })
      .map((u) => u.join(''))
      .chain((text) => {
        const n = codePointLength(text);
        return fc
          .tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: n }))
          .filter(([a, b]) => a < b)
          .map(([a, b]) => [text, a, b] as const);
      });
    fc.assert(
      fc.property(arb, ([text, start, end]) => {
        const sel = makeSelector(text, { start, end });
        const pl = codePointLength(sel.prefix);
        const sl = codePointLength(sel.suffix);
        expect(pl).toBe(Math.min(CONTEXT_LENGTH, start));
        expect(sl).toBe(Math.min(CONTEXT_LENGTH, codePointLength(text) - end));
        expect(sliceCodePoints(text, start - pl, end + sl)).toBe(sel.prefix + sel.quote + sel.suffix);
        expect(verifySelector(text, sel)).toBe(true);
      }),
    );
  });
});

describe('verifySelector', () => {
  const sel = makeSelector(body, { start: 0, end: 6 });

  it('accepts offsets that still hold the quote', () => {
    expect(verifySelector(body, sel)).toBe(true);
    expect(verifySelector(body, sel, new CodePointIndex(body))).toBe(true);
  });

  it('rejects changed text, shifted offsets and impossible ranges', () => {
    expect(verifySelector('X' + body, sel)).toBe(false);
    expect(verifySelector(body, { ...sel, start: 1, end: 7 })).toBe(false);
    expect(verifySelector(body, { ...sel, end: 100_000 })).toBe(false);
    expect(verifySelector(body, { ...sel, start: 6, end: 6, quote: '' })).toBe(false);
    expect(verifySelector(body, { ...sel, start: Number.NaN })).toBe(false);
  });

  it('compares in code points, not UTF-16 units', () => {
    const s = '😀😀 Hello';
    expect(verifySelector(s, { start: 3, end: 8, quote: 'Hello' })).toBe(true);
    expect(verifySelector(s, { start: 5, end: 10, quote: 'Hello' })).toBe(false);
  });
});
