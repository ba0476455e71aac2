import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CodePointIndex,
  codePointLength,
  codePointToUtf16,
  sliceCodePoints,
  utf16ToCodePoint,
} from './code-points';

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // 👨‍👩‍👧: 5 code points, 8 UTF-16 units

/** Mixed-width text: ASCII, combining accent, NBSP, astral emoji, ZWJ sequence. */
const unitArb = fc.constantFrom('a', 'Z', ' ', '\n', '\u00a0', 'e\u0301', '😀', FAMILY, '𝔘', 'é', '中');
const textArb = fc.array(unitArb, { maxLength: 40 }).map((units) => units.join(''));

/** Any code point, plus lone surrogates, which JavaScript strings can also hold. */
const rawUnitArb = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
  fc.constantFrom('a', '😀'),
);
const rawTextArb = fc.array(rawUnitArb, { maxLength: 30 }).map((units) => units.join(''));

describe('free conversion functions', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('')).toBe(0);
    expect(codePointLength('abc')).toBe(3);
    expect(codePointLength('😀')).toBe(1);
    expect('😀'.length).toBe(2);
    expect(codePointLength(FAMILY)).toBe(5);
    expect(codePointLength('e\u0301')).toBe(2);
    expect(codePointLength('a\u00a0b')).toBe(3);
  });

  it('counts a lone surrogate as one code point', () => {
    expect(codePointLength('a\ud800b')).toBe(3);
    expect(codePointLength('\udc00\ud800')).toBe(2);
  });

  it('converts UTF-16 offsets to code points', () => {
    const s = 'a😀b';
    expect(utf16ToCodePoint(s, 0)).toBe(0);
    expect(utf16ToCodePoint(s, 1)).toBe(1);
    expect(utf16ToCodePoint(s, 3)).toBe(2);
    expect(utf16ToCodePoint(s, 4)).toBe(3);
  });

  it('rounds an index inside a surrogate pair down to the pair start', () => {
    expect(utf16ToCodePoint('a😀b', 2)).toBe(1);
    expect(utf16ToCodePoint('😀😀', 3)).toBe(1);
  });

  it('clamps out-of-range UTF-16 indices', () => {
    expect(utf16ToCodePoint('a😀', -5)).toBe(0);
    expect(utf16ToCodePoint('a😀', 99)).toBe(2);
  });

  it('converts code points to UTF-16 and clamps to the length', () => {
    const s = 'a😀b';
    expect(codePointToUtf16(s, 0)).toBe(0);
    expect(codePointToUtf16(s, 1)).toBe(1);
    expect(codePointToUtf16(s, 2)).toBe(3);
    expect(codePointToUtf16(s, 3)).toBe(4);
    expect(codePointToUtf16(s, 10)).toBe(4);
    expect(codePointToUtf16(s, -1)).toBe(0);
  });

  it('slices by code points like Python would', () => {
    const s = 'x😀y' + FAMILY + 'z';
    expect(sliceCodePoints(s, 1, 2)).toBe('😀');
    expect(sliceCodePoints(s, 0, 3)).toBe('x😀y');
    expect(sliceCodePoints(s, 3, 8)).toBe(FAMILY);
    expect(sliceCodePoints(s, 4, 5)).toBe('\u200D');
    expect(sliceCodePoints(s, 8, 100)).toBe('z');
    expect(sliceCodePoints(s, 5, 2)).toBe('');
  });

  it('agrees with Array.from for arbitrary strings, including lone surrogates', () => {
    fc.assert(
      fc.property(rawTextArb, fc.nat(35), fc.nat(35), (s, a, b) => {
        const cps = Array.from(s);
        expect(codePointLength(s)).toBe(cps.length);
        expect(sliceCodePoints(s, a, b)).toBe(cps.slice(a, b).join(''));
      }),
    );
  });

  it('round-trips code point -> UTF-16 -> code point', () => {
    fc.assert(
      fc.property(textArb, fc.nat(60), (s, cp) => {
        const clamped = Math.min(cp, codePointLength(s));
        expect(utf16ToCodePoint(s, codePointToUtf16(s, cp))).toBe(clamped);
      }),
    );
  });
});

describe('CodePointIndex', () => {
  it('exposes the code point length and BMP fast-path flag', () => {
    expect(new CodePointIndex('abc').length).toBe(3);
    expect(new CodePointIndex('abc').isBmpOnly).toBe(true);
    const idx = new CodePointIndex('a😀b' + FAMILY);
    expect(idx.length).toBe(8);
    expect(idx.isBmpOnly).toBe(false);
  });

  it('converts both ways and slices', () => {
    const idx = new CodePointIndex('😀a😀b');
    expect(idx.toUtf16(0)).toBe(0);
    expect(idx.toUtf16(1)).toBe(2);
    expect(idx.toUtf16(2)).toBe(3);
    expect(idx.toUtf16(3)).toBe(5);
    expect(idx.toUtf16(4)).toBe(6);
    expect(idx.toUtf16(9)).toBe(6);
    expect(idx.toCodePoint(1)).toBe(0);
    expect(idx.toCodePoint(4)).toBe(2);
    expect(idx.toCodePoint(5)).toBe(3);
    expect(idx.toCodePoint(-3)).toBe(0);
    expect(idx.slice(1, 3)).toBe('a😀');
  });

  it('matches the free functions on every index of random text', () => {
    fc.assert(
      fc.property(rawTextArb, (s) => {
        const idx = new CodePointIndex(s);
        expect(idx.length).toBe(codePointLength(s));
        for (let u = -1; u <= s.length + 1; u++) expect(idx.toCodePoint(u)).toBe(utf16ToCodePoint(s, u));
        for (let c = -1; c <= idx.length + 1; c++) expect(idx.toUtf16(c)).toBe(codePointToUtf16(s, c));
      }),
    );
  });

  it('converts correctly across a 400 KB article with thousands of conversions', () => {
    const chunk = 'Some words, an emoji 😀 and e\u0301 accents.\n';
    const text = chunk.repeat(Math.ceil(400_000 / chunk.length));
    const idx = new CodePointIndex(text);
    let checksum = 0;
    for (let i = 0; i < 20_000; i++) {
      const cp = (i * 7919) % idx.length;
      checksum += idx.toCodePoint(idx.toUtf16(cp)) === cp ? 1 : 0;
    }
    expect(checksum).toBe(20_000);
    const lastEmoji = text.lastIndexOf('😀');
    expect(idx.slice(idx.toCodePoint(lastEmoji), idx.toCodePoint(lastEmoji) + 1)).toBe('😀');
  });
});
