import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, jsonErrorReason } from './json-syntax';

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('findJsonSyntaxError', () => {
  it('names the usual mistakes where they are', () => {
    const cases: [string, number, string][] = [
      ['[{"a": 1},\n {"b": 2},\n]', 20, "a comma before ']'; JSON allows none after the last element"],
      ['{"a": 1, }', 7, "a comma before '}'; JSON allows none after the last field"],
      ["[{'text': 'x'}]", 2, 'single quotes; JSON names fields in double quotes'],
      ['[{"text": \'x\'}]', 10, 'single quotes; JSON strings use double quotes'],
      ['[{"n": NaN}]', 7, 'NaN is not a JSON value; write null or a number'],
      ['[-Infinity]', 1, 'Infinity is not a JSON value; write null or a number'],
      ['[{"a": 1}\n {"b": 2}]', 11, "'{' where ',' or ']' should be (a missing comma?)"],
      ['{text: "x"}', 1, 'a field name without quotes; JSON names fields in double quotes'],
      ['[1, // one\n2]', 4, 'comments are not allowed in JSON'],
      ['["a\nb"]', 3, 'a line break inside a string; write it as \\n'],
      ['["a\\qb"]', 3, '\\q is not a JSON escape; write a backslash as \\\\'],
      ['[01]', 1, 'not a valid JSON number'],
      ['[{"a": 1}', 9, 'the text ends before every array and object is closed (was the file cut off?)'],
      ['["open', 1, 'a string that is never closed (no ending ")'],
      ['{"a" 1}', 5, "'1' where ':' should be, after the field name"],
      ['[1] x', 4, "'x' after the end of the JSON value"],
    ];
    for (const [text, at, reason] of cases) {
      expect(parses(text)).toBe(false);
      expect(findJsonSyntaxError(text)).toEqual({ at, reason });
    }
  });

  it('finds no error in valid JSON, nested deeper than the call stack too', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, indent) => {
        expect(findJsonSyntaxError(JSON.stringify(value, null, indent))).toBeUndefined();
      }),
    );
    expect(findJsonSyntaxError('['.repeat(100_000) + ']'.repeat(100_000))).toBeUndefined();
  });

  it('agrees with JSON.parse on whether random text is JSON', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', '"', "'", ',', ':', ' ', '\n', 'a', '1', '0', '-', '.', 'e', '\\', 'u', 'true', 'null', 'NaN', '"x"', '//', '/*', '\t', '\u0001', '+', 'E5', '\r', 'é');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const text = pieces.join('');
        const found = findJsonSyntaxError(text);
        expect(found === undefined).toBe(parses(text));
        if (found) expect(found.at).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('jsonErrorReason', () => {
  it("falls back to JSON.parse's own reason, without the piece of the file it quotes", () => {
    // Text the scanner finds no fault in stands for a disagreement.
    expect(jsonErrorReason('[1]', new SyntaxError('Unexpected token \']\', ..."b":2},\n]" is not valid JSON'))).toEqual({ reason: "unexpected token ']'" });
    expect(jsonErrorReason('[1]', new SyntaxError("Expected ',' or ']' after array element in JSON at position 12"))).toEqual({ at: 12, reason: "Expected ',' or ']' after array element" });
  });
});
