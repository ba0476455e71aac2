import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodePointIndex, codePointLength, sliceCodePoints } from './code-points';
import { isBlank, snapToWords } from './snap';

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';

/** Finds `needle` in `text` and returns its code point range, failing loudly if absent. */
function cpRangeOf(text: string, needle: string, from = 0): { start: number; end: number } {
  const u = text.indexOf(needle, from);
  if (u < 0) throw new Error(`fixture error: ${needle} not in ${text}`);
  const start = codePointLength(text.slice(0, u));
  return { start, end: start + codePointLength(needle) };
}

/** Snaps and returns the selected text (or null), which reads better in assertions. */
function snapText(text: string, start: number, end: number): string | null {
  const r = snapToWords(text, { start, end });
  return r ? sliceCodePoints(text, r.start, r.end) : null;
}

describe('snapToWords', () => {
  const text = 'The quick brown fox jumps.';

  it('expands a start or end inside a word to the whole word', () => {
    expect(snapText(text, 5, 12)).toBe('quick brown'); // "uick br"
    expect(snapText(text, 6, 7)).toBe('quick');
  });

  it('leaves exact word selections unchanged', () => {
    expect(snapToWords(text, { start: 4, end: 9 })).toEqual({ start: 4, end: 9 });
  });

  it('drops surrounding whitespace', () => {
    expect(snapText(text, 3, 10)).toBe('quick');
    expect(snapText('a \n\t b', 1, 5)).toBeNull();
  });

  it('drops NBSP and other Unicode spaces at the edges', () => {
    const s = 'x\u00a0\u2003hello\u202f\u3000y';
    expect(snapText(s, 1, 9)).toBe('hello');
  });

  it('returns null for empty or whitespace-only selections', () => {
    expect(snapToWords(text, { start: 5, end: 5 })).toBeNull();
    expect(snapToWords(text, { start: 3, end: 4 })).toBeNull();
    expect(snapToWords('\u00a0\u2009\n', { start: 0, end: 3 })).toBeNull();
  });

  it('keeps punctuation only when it was selected', () => {
    const s = 'He said "Hello world." and left.';
    const quoted = cpRangeOf(s, '"Hello world."');
    expect(snapText(s, quoted.start, quoted.end)).toBe('"Hello world."');
    // Selecting from inside the words does not grab the quotes or the period.
    expect(snapText(s, quoted.start + 2, quoted.end - 3)).toBe('Hello world');
  });

  it('treats apostrophes and hyphens between letters as part of the word', () => {
    const s = "I don't think it's well-known at all.";
    const dont = cpRangeOf(s, "don't");
    expect(snapText(s, dont.start + 1, dont.start + 2)).toBe("don't");
    const wk = cpRangeOf(s, 'known');
    expect(snapText(s, wk.start, wk.start + 2)).toBe('well-known');
    const curly = 'we don\u2019t';
    expect(snapText(curly, 4, 5)).toBe('don\u2019t');
  });

  it('does not join words across a dash surrounded by spaces or a trailing apostrophe', () => {
    expect(snapText('alpha - beta', 1, 3)).toBe('alpha');
    expect(snapText("the students' union", 5, 7)).toBe('students');
  });

  it('keeps combining accents with their letter (un-normalised text)', () => {
    const s = 'cafe\u0301 society';
    // End right after "e", before the combining acute: must include the accent.
    expect(snapText(s, 0, 4)).toBe('cafe\u0301');
    // Start on the combining mark itself.
    expect(snapText(s, 4, 5)).toBe('cafe\u0301');
  });

  it('treats emoji as word characters and never splits a ZWJ sequence', () => {
    const s = `hi ${FAMILY} there 😀!`;
    const fam = cpRangeOf(s, FAMILY);
    // Start at the second person, end before the last one.
    expect(snapText(s, fam.start + 2, fam.start + 3)).toBe(FAMILY);
    expect(snapText(s, fam.start + 1, fam.start + 2)).toBe(FAMILY);
    const smile = cpRangeOf(s, '😀');
    expect(snapToWords(s, smile)).toEqual(smile);
    expect(snapText(s, smile.start, smile.end + 1)).toBe('😀!');
  });

  it('keeps an emoji skin-tone modifier and variation selector attached', () => {
    const wave = '\u{1F44B}\u{1F3FD}';
    const heart = '\u2764\uFE0F';
    const s = `say ${wave} and ${heart} now`;
    const w = cpRangeOf(s, wave);
    expect(snapText(s, w.start, w.start + 1)).toBe(wave);
    const h = cpRangeOf(s, heart);
    expect(snapText(s, h.start, h.start + 1)).toBe(heart);
  });

  it('does not swallow a whole run of ideographs', () => {
    const s = '中华人民共和国成立';
    expect(snapText(s, 2, 4)).toBe('人民');
  });

  it('does not swallow a whole run of Thai, Lao, Khmer or Myanmar text, and keeps marks with their letter', () => {
    const thai = 'รัฐบาลประกาศว่าภาษีจะลดลง ในปีหน้า';
    // Code points 6–11 ("ประกาศ", "announce"): kept as chosen, not grown to the whole run before the space.
    expect(snapText(thai, 6, 12)).toBe('ประกาศ');
    // An end just before a combining vowel takes the vowel with it ("รั", not a bare "ร").
    expect(snapText(thai, 0, 1)).toBe('รั');
    expect(snapText('ພາສາລາວ', 0, 4)).toBe('ພາສາ');
    expect(snapText('ភាសាខ្មែរ', 0, 2)).toBe('ភា');
    expect(snapText('မြန်မာစာ', 6, 8)).toBe('စာ');
  });

  it('accepts reversed ranges and clamps out-of-range offsets', () => {
    expect(snapText(text, 12, 5)).toBe('quick brown');
    const r = snapToWords(text, { start: -4, end: 1000 });
    expect(r).toEqual({ start: 0, end: codePointLength(text) });
  });

  it('reports offsets in code points after astral characters', () => {
    const s = '😀😀 word 😀';
    // "word" starts at code point 3 but UTF-16 index 5.
    expect(snapToWords(s, { start: 4, end: 5 })).toEqual({ start: 3, end: 7 });
  });

  it('accepts a shared index and rejects one built for another text', () => {
    const idx = new CodePointIndex(text);
    expect(snapToWords(text, { start: 5, end: 6 }, idx)).toEqual({ start: 4, end: 9 });
    expect(() => snapToWords(text, { start: 0, end: 1 }, new CodePointIndex('other'))).toThrow();
  });
});

describe('snapToWords properties', () => {
  const unit = fc.constantFrom(
    'a', 'b', 'Z', 'é', 'e\u0301', '7', ' ', ' ', '\n', '\u00a0', '\u2003', '.', ',', '"', "'", '-', '(', '😀', FAMILY, '中',
  );
  const textArb = fc.array(unit, { minLength: 1, maxLength: 30 }).map((u) => u.join(''));
  const caseArb = textArb.chain((text) => {
    const n = codePointLength(text);
    return fc.tuple(fc.constant(text), fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n }));
  });
  const WS = /^[\p{White_Space}\u200B\u2060\uFEFF]$/u;
  const LETTER = /^\p{L}$/u;

  it('returns an in-bounds, non-empty range without edge whitespace', () => {
    fc.assert(
      fc.property(caseArb, ([text, a, b]) => {
        const r = snapToWords(text, { start: a, end: b });
        if (!r) return;
        const cps = Array.from(text);
        expect(r.start).toBeGreaterThanOrEqual(0);
        expect(r.end).toBeLessThanOrEqual(cps.length);
        expect(r.start).toBeLessThan(r.end);
        expect(WS.test(cps[r.start]!)).toBe(false);
        expect(WS.test(cps[r.end - 1]!)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(caseArb, ([text, a, b]) => {
        const r = snapToWords(text, { start: a, end: b });
        if (r) expect(snapToWords(text, r)).toEqual(r);
      }),
      { numRuns: 300 },
    );
  });

  it('covers the non-whitespace part of the selection, and is null only when there is none', () => {
    fc.assert(
      fc.property(caseArb, ([text, a, b]) => {
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        const cps = Array.from(text);
        const solid = cps.map((c, i) => (i >= lo && i < hi && !WS.test(c) ? i : -1)).filter((i) => i >= 0);
        const r = snapToWords(text, { start: a, end: b });
        if (solid.length === 0) {
          expect(r).toBeNull();
          return;
        }
        expect(r).not.toBeNull();
        expect(r!.start).toBeLessThanOrEqual(solid[0]!);
        expect(r!.end).toBeGreaterThan(solid[solid.length - 1]!);
      }),
      { numRuns: 300 },
    );
  });

  it('never cuts between two letters, nor before a combining mark', () => {
    fc.assert(
      fc.property(caseArb, ([text, a, b]) => {
        const r = snapToWords(text, { start: a, end: b });
        if (!r) return;
        const cps = Array.from(text);
        for (const edge of [r.start, r.end]) {
          if (edge === 0 || edge === cps.length) continue;
          const before = cps[edge - 1]!;
          const after = cps[edge]!;
          // Ideographs are deliberately split one by one.
          if (before === '中' || after === '中') continue;
          expect(LETTER.test(before) && LETTER.test(after)).toBe(false);
          expect(/^\p{M}$/u.test(after)).toBe(false);
          expect(after === '\u200D' || before === '\u200D').toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('only adds word characters beyond the original selection', () => {
    fc.assert(
      fc.property(caseArb, ([text, a, b]) => {
        const r = snapToWords(text, { start: a, end: b });
        if (!r) return;
        const cps = Array.from(text);
        const added = [...cps.slice(r.start, Math.min(a, b)), ...cps.slice(Math.max(a, b), r.end)];
        for (const c of added) expect(/^[\p{L}\p{M}\p{N}\p{Extended_Pictographic}\u200D'-]$/u.test(c)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('isBlank', () => {
  it('is true for spaces, line breaks and invisible separators only', () => {
    expect(isBlank(' \t\n\r\u00a0\u2028\u200b\u2060\ufeff')).toBe(true);
    expect(isBlank('')).toBe(true);
    expect(isBlank(' . ')).toBe(false);
    expect(isBlank('\n😀\n')).toBe(false);
  });

  it('agrees with snapping: a blank text is exactly one whose whole selection snaps to nothing', () => {
    const piece = fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u200b', '\ufeff', 'a', '.', '😀', '\u0301', '-', "'");
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(isBlank(text)).toBe(snapToWords(text, { start: 0, end: codePointLength(text) }) === null);
      }),
    );
  });
});
