import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayElementLines, jsonRecords } from './json-records';

describe('arrayElementLines', () => {
  it('finds the line each top-level element starts on, ignoring brackets and escapes inside strings', () => {
    const text = '[\n  {"a": "[x, \\"y\\"], {"},\r\n  [1,\n 2],\r  "s",\n\n  3\n]';
    expect(arrayElementLines(text)).toEqual([2, 3, 5, 7]);
  });

  it('agrees with the element count of any JSON array printed with indentation', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1, maxLength: 6 }), (values) => {
        const text = JSON.stringify(values, null, 2);
        const lines = arrayElementLines(text);
        expect(lines).toHaveLength(values.length);
        const rows = text.split('\n');
        // Each element starts on its own line, right after the indentation.
        lines.forEach((line, i) => expect(rows[line - 1]!.trimStart().startsWith(JSON.stringify(values[i], null, 2).split('\n')[0]!)).toBe(true));
      }),
    );
  });
});

describe('jsonRecords', () => {
  it('reads JSONL with its line numbers, one JSON object, or a JSON array', () => {
    expect(jsonRecords('a.jsonl', '{"a":1}\r\n\r\n{"a":2}\n').records.map((r) => r.place)).toEqual([
      { kind: 'line', line: 1 },
      { kind: 'line', line: 3 },
    ]);
    expect(jsonRecords('b.json', '\n\n{\n "a": 1\n}').records.map((r) => r.place)).toEqual([{ kind: 'line', line: 3 }]);
    expect(jsonRecords('c.json', '[{"a":1},\n{"a":2}]').records.map((r) => r.place)).toEqual([
      { kind: 'array', record: 1, line: 1 },
      { kind: 'array', record: 2, line: 2 },
    ]);
  });

  it('names the line and column of the usual mistakes in a Label Studio array, without quoting the file', () => {
    const task = (text: string) => `  {\n    "data": {"text": ${text}},\n    "annotations": []\n  }`;
    const trailing = `[\n${task('"One."')},\n${task('"Two."')},\n]`;
    expect(jsonRecords('ls.json', trailing).problems).toEqual([
      { file: 'ls.json', line: 9, message: "ls.json line 9, column 4: not valid JSON (a comma before ']'; JSON allows none after the last element)" },
    ]);
    expect(jsonRecords('ls.json', `[\n${task('"One."')},\n${task("'Two.'")}\n]`).problems.map((p) => p.message)).toEqual([
      'ls.json line 7, column 22: not valid JSON (single quotes; JSON strings use double quotes)',
    ]);
    const nan = `[\n  {\n    "data": {"text": "One."},\n    "annotations": [{"result": [{"value": {"start": NaN}}]}]\n  }\n]`;
    expect(jsonRecords('ls.json', nan).problems.map((p) => p.message)).toEqual(['ls.json line 4, column 53: not valid JSON (NaN is not a JSON value; write null or a number)']);
    // A JSONL line says where in the line, and quotes nothing either.
    expect(jsonRecords('d.jsonl', '{"text":"x"}\n{"text":"y",}\n').problems.map((p) => p.message)).toEqual([
      "d.jsonl line 2: not valid JSON (column 12: a comma before '}'; JSON allows none after the last field)",
    ]);
  });

  it('reports a broken pretty-printed document once, and broken JSONL lines one by one', () => {
    expect(jsonRecords('d.json', '{\n  "a": ,\n}').problems).toHaveLength(1);
    expect(jsonRecords('e.jsonl', '{"a":1}\n{"a":\n{"a":2}\nxx').problems.map((p) => p.line)).toEqual([2, 4]);
  });
});
