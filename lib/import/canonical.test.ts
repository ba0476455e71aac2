import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalText, hashText, oneLine, trimLayoutWhitespace } from './canonical';

describe('canonicalText', () => {
  it('turns CRLF and lone CR into LF', () => {
    expect(canonicalText('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });

  it('strips one leading BOM only', () => {
    expect(canonicalText('\uFEFFhello')).toBe('hello');
    expect(canonicalText('a\uFEFFb')).toBe('a\uFEFFb');
  });

  it('composes to NFC', () => {
    expect(canonicalText('e\u0301')).toBe('é');
    expect(canonicalText('e\u0301')).toBe('\u00e9');
  });

  it('keeps non-breaking spaces, tabs and surrounding whitespace', () => {
    const raw = '  x\u00a0\n\ty  \n';
    expect(canonicalText(raw)).toBe(raw);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = canonicalText(s);
        expect(canonicalText(once)).toBe(once);
        expect(once.includes('\r')).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('hashText', () => {
  it('is the SHA-256 hex of the UTF-8 bytes', () => {
    expect(hashText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashText('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes UTF-8, not UTF-16 code units', () => {
    // SHA-256 of the two bytes C3 A9.
    expect(hashText('\u00e9')).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
    expect(hashText('\u00e9')).not.toBe(hashText('e\u0301'));
  });
});

describe('oneLine and trimLayoutWhitespace', () => {
  it('flattens metadata to one trimmed line', () => {
    expect(oneLine('  Jane\n\u00a0Doe\t ')).toBe('Jane Doe');
  });

  it('trims only LF, space and tab at the ends, never NBSP', () => {
    expect(trimLayoutWhitespace('\n \tA\u00a0\n\n')).toBe('A\u00a0');
    expect(trimLayoutWhitespace('\u00a0A ')).toBe('\u00a0A');
  });
});
