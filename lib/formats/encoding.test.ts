import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeLine, oneLine, toJson, unescapeLine } from './encoding';

describe('encoding helpers', () => {
  it('escapeLine keeps values on one tab-free line and unescapeLine restores them exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\\', 'n', '\n', '\r', '\t', '\u2028', '\u0085', '\u000b', 'u', '0', '😀') }), (s) => {
        const escaped = escapeLine(s);
        expect(escaped.split(/\r\n|[\n\r\t\v\f\u001c-\u001e\u0085\u2028\u2029]/)).toHaveLength(1);
        expect(unescapeLine(escaped)).toBe(s);
      }),
    );
  });

  it('oneLine folds runs of line breaks into one space', () => {
    expect(oneLine('a\n\nb\u2028c')).toBe('a b c');
  });

  it('toJson escapes the separators Python splitlines() breaks at and still parses back', () => {
    const value = { s: 'a\u2028b\u2029c\u0085d' };
    const json = toJson(value);
    expect(json).toBe('{"s":"a\\u2028b\\u2029c\\u0085d"}');
    expect(JSON.parse(json)).toEqual(value);
  });
});
