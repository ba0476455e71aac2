import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalText } from '../../import/canonical';
import { TextMap } from './text-map';

const cp = (s: string) => Array.from(s);
const cpSlice = (s: string, start: number, end: number) => cp(s).slice(start, end).join('');

describe('TextMap', () => {
  it('is the identity when canonicalisation changes nothing', () => {
    const map = new TextMap('Caf\u00e9 😀 fine');
    expect(map.identity).toBe(true);
    expect(map.canonical).toBe('Caf\u00e9 😀 fine');
    expect(map.toCanonical(6, 'start')).toBe(6);
  });

  it('carries offsets past a decomposed accent over to the composed text', () => {
    const raw = 'Cafe\u0301 owners said';
    const map = new TextMap(raw);
    expect(map.canonical).toBe('Caf\u00e9 owners said');
    // "owners" starts at code point 6 in the raw text and at 5 once é is one character.
    expect(cpSlice(raw, 6, 12)).toBe('owners');
    expect([map.toCanonical(6, 'start'), map.toCanonical(12, 'end')]).toEqual([5, 11]);
    expect(cpSlice(map.canonical, 5, 11)).toBe('owners');
  });

  it('widens a position inside a composed character to the whole character', () => {
    const map = new TextMap('xe\u0301y');
    // Raw position 2 sits between e and its accent.
    expect(map.toCanonical(2, 'start')).toBe(1);
    expect(map.toCanonical(2, 'end')).toBe(2);
    expect(map.toCanonical(3, 'start')).toBe(2);
  });

  it('maps CRLF to one line break, and a position between CR and LF to that break', () => {
    const map = new TextMap('ab\r\ncd\rx');
    expect(map.canonical).toBe('ab\ncd\nx');
    expect([0, 1, 2, 4, 5, 6, 7, 8].map((p) => map.toCanonical(p, 'start'))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(map.toCanonical(3, 'start')).toBe(2);
    expect(map.toCanonical(3, 'end')).toBe(3);
  });

  it('drops a leading BOM without moving what follows off by more than one', () => {
    const map = new TextMap('\ufeffhello');
    expect(map.canonical).toBe('hello');
    expect([map.toCanonical(0, 'start'), map.toCanonical(1, 'start'), map.toCanonical(6, 'end')]).toEqual([0, 0, 5]);
  });

  it('handles Hangul jamo that compose into one syllable, and astral characters', () => {
    const map = new TextMap('😀 \u1100\u1161 😀 ok');
    expect(map.canonical).toBe('😀 \uac00 😀 ok');
    expect(map.toCanonical(5, 'start')).toBe(4);
    expect(cpSlice(map.canonical, map.toCanonical(7, 'start')!, map.toCanonical(9, 'end')!)).toBe('ok');
  });

  it('keeps a segment that splits cleanly exact inside (x + accent with no precomposed form)', () => {
    const map = new TextMap('x\u0301e\u0301');
    expect(map.canonical).toBe('x\u0301\u00e9');
    expect(map.toCanonical(1, 'start')).toBe(1);
    expect(map.toCanonical(2, 'start')).toBe(2);
  });

  // Pieces that each canonicalise on their own; slices between piece boundaries must survive.
  const piece = fc.constantFrom('a', ' ', 'e\u0301', '\u00e9', '\r\n', '\r', '\n', '😀', '\u1100\u1161', '\uac00\u11a8', 'o\u0308\u0304', 'x\u0327\u0301', '\ud800');

  it('maps every piece boundary so that slices of the raw text become the canonical slices', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const raw = pieces.join('');
        const map = new TextMap(raw);
        expect(map.reliable).toBe(true);
        expect(map.canonical).toBe(canonicalText(raw));
        const bounds = [0];
        for (const p of pieces) bounds.push(bounds[bounds.length - 1]! + cp(p).length);
        const i = a % bounds.length;
        const j = b % bounds.length;
        const [from, to] = i <= j ? [bounds[i]!, bounds[j]!] : [bounds[j]!, bounds[i]!];
        // Spans are never empty; an empty range between CR and LF widens to the line break.
        if (from === to) return;
        const start = map.toCanonical(from, 'start')!;
        const end = map.toCanonical(to, 'end')!;
        expect(start).toBeLessThanOrEqual(end);
        expect(cpSlice(map.canonical, start, end)).toBe(canonicalText(cpSlice(raw, from, to)));
      }),
      { numRuns: 1000 },
    );
  });

  it('is monotonic and total over arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (raw) => {
        const map = new TextMap(raw);
        expect(map.reliable).toBe(true);
        let last = 0;
        for (let p = 0; p <= map.rawIndex.length; p++) {
          const s = map.toCanonical(p, 'start')!;
          const e = map.toCanonical(p, 'end')!;
          expect(s).toBeGreaterThanOrEqual(last);
          expect(e).toBeGreaterThanOrEqual(s);
          expect(e).toBeLessThanOrEqual(map.canonicalIndex.length);
          last = s;
        }
        expect(map.toCanonical(map.rawIndex.length, 'end')).toBe(map.canonicalIndex.length);
      }),
      { numRuns: 300 },
    );
  });
});
