import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv, toCsv } from './csv';

describe('csv', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    const text = toCsv(['a', 'b', 'c'], [['x,y', 'say "hi"', 'two\nlines'], ['plain', 1.5, null]]);
    expect(text).toBe('a,b,c\r\n"x,y","say ""hi""","two\nlines"\r\nplain,1.5,\r\n');
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x,y', 'say "hi"', 'two\nlines'],
      ['plain', '1.5', ''],
    ]);
  });

  it('reads a quote inside an unquoted field literally, and counts lines inside quoted fields for its errors', () => {
    expect(parseCsv('a,b\nsaid "no",x\n')).toEqual([
      ['a', 'b'],
      ['said "no"', 'x'],
    ]);
    expect(parseCsv('"",""')).toEqual([['', '']]);
    expect(() => parseCsv('a\n"two\nlines"x\n')).toThrow(new CsvSyntaxError('line 3: text after the closing quote of a field; a quote inside a quoted field is written twice ("")', 3));
    expect(() => parseCsv('a\r\nb\r\n"never closed\r\nc\r\n')).toThrow(/^line 3: a quoted field starts here and is never closed/);
  });

  it('writes non-finite numbers as empty cells', () => {
    expect(toCsv(['v'], [[Number.NaN], [Infinity]])).toBe('v\r\n\r\n\r\n');
  });

  it('round-trips arbitrary rows', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '\u{1F600}'), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 10 }), (rows) => {
        const parsed = parseCsv(toCsv(['x', 'y', 'z'], rows));
        expect(parsed).toHaveLength(rows.length + 1);
        expect(parsed.slice(1)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});
