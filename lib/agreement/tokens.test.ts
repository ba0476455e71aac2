import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleLength, articleTokens, isWhitespaceCodePoint, tokenizeText as tokenize, tokenList } from './tokens';

const tokenizeText = (text: string) => tokenList(tokenize(text));

const FAMILY = '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}'; // 👩‍👩‍👧: 5 code points, 8 UTF-16 units

describe('tokens', () => {
  it('splits on whitespace runs, in code points', () => {
    expect(tokenizeText('Ab cd  ef')).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 5 },
      { start: 7, end: 9 },
    ]);
    expect(tokenizeText('  lead\ttab\nline  ')).toEqual([
      { start: 2, end: 6 },
      { start: 7, end: 10 },
      { start: 11, end: 15 },
    ]);
  });

  it('counts astral characters and emoji sequences as code points', () => {
    // I ❤️ 👩‍👩‍👧 ok: ❤ + VS16 are 2 code points, the family 5, so "ok" starts at 11.
    const text = `I \u2764\uFE0F ${FAMILY} ok`;
    expect(text.length).toBe(16);
    expect(tokenizeText(text)).toEqual([
      { start: 0, end: 1 },
      { start: 2, end: 4 },
      { start: 5, end: 10 },
      { start: 11, end: 13 },
    ]);
    expect(articleLength({ length: 0, text })).toBe(13);
  });

  it('counts a lone surrogate as one code point', () => {
    expect(tokenizeText('a\uD800 b')).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 4 },
    ]);
  });

  it('treats no-break and ideographic spaces as whitespace, like JavaScript \\s', () => {
    expect(tokenizeText('a\u00A0b\u3000c')).toHaveLength(3);
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (isWhitespaceCodePoint(cp) !== /\s/u.test(String.fromCodePoint(cp))) throw new Error(`mismatch at ${cp}`);
    }
    expect(isWhitespaceCodePoint(0x1f600)).toBe(false);
  });

  it('agrees with splitting the code points on JavaScript \\s, whatever the text', () => {
    const piece = fc.oneof(
      fc.constantFrom(' ', '\u00a0', '\u3000', '\n', '\t', '\u2028', '\ufeff', '\u1680', '\ud800', '\udc00', '😀', 'a', 'é'),
      fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const expected: { start: number; end: number }[] = [];
        let index = 0;
        for (const ch of text) {
          if (!/^\s$/.test(ch)) {
            const last = expected.at(-1);
            if (last && last.end === index) last.end++;
            else expected.push({ start: index, end: index + 1 });
          }
          index++;
        }
        expect(tokenizeText(text)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('has no tokens for empty or blank text', () => {
    expect(tokenizeText('')).toEqual([]);
    expect(tokenizeText(' \n ')).toEqual([]);
  });

  it('uses one unit per code point when no text is given', () => {
    expect(tokenList(articleTokens({ length: 3 }))).toEqual([
      { start: 0, end: 1 },
      { start: 1, end: 2 },
      { start: 2, end: 3 },
    ]);
    expect(articleTokens({ length: 0 }).count).toBe(0);
    expect(articleLength({ length: 7 })).toBe(7);
    // The text decides when both are given.
    expect(articleTokens({ length: 99, text: 'a b' }).count).toBe(2);
  });
});
