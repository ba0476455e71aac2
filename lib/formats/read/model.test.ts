import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect';
import { IMPORT_FORMATS, readDataset } from './model';
import { expectConsistent, fileLike, jsonl } from './test-support';

const encode = (s: string) => new TextEncoder().encode(s);

const slant = jsonl({ type: 'manifest', formatVersion: '1.0' }, { type: 'article', text: 'Hello world.', spans: [{ label: 'claim', start: 0, end: 5, text: 'Hello' }] }, { type: 'summary' });
const doccano = jsonl({ text: 'Hello world.', label: [[0, 5, 'CLAIM']] });
const labelStudio = JSON.stringify([{ data: { text: 'Hello world.' }, annotations: [{ completed_by: 1, result: [{ id: 'a', type: 'labels', value: { start: 0, end: 5, text: 'Hello', labels: ['Claim'] } }] }] }]);
const csv = 'title,text\nGreeting,Hello world.\n';

describe('detectFormat', () => {
  it('tells the formats apart by content, whatever the extension', () => {
    expect(detectFormat('export.jsonl', slant)).toBe('slant-jsonl');
    expect(detectFormat('data.jsonl', doccano)).toBe('doccano');
    expect(detectFormat('data.json', doccano)).toBe('doccano');
    expect(detectFormat('project.json', labelStudio)).toBe('label-studio');
    expect(detectFormat('tasks.jsonl', jsonl({ data: { text: 'x' } }))).toBe('label-studio');
    expect(detectFormat('articles.csv', csv)).toBe('csv');
    expect(detectFormat('articles.txt', csv)).toBe('csv');
    expect(detectFormat('export', jsonl({ text: 'x', spans: [] }))).toBe('slant-jsonl');
    expect(detectFormat('old.json', JSON.stringify([{ text: 'x', annotations: [{ start_offset: 0, end_offset: 1, label: 1 }] }]))).toBe('doccano');
    expect(detectFormat('min.json', JSON.stringify([{ text: 'x', label: [{ start: 0, end: 1, labels: ['A'] }] }]))).toBe('label-studio');
  });

  it('falls back on the extension when the records do not tell', () => {
    expect(detectFormat('plain.jsonl', jsonl({ text: 'x' }))).toBe('doccano');
    expect(detectFormat('plain.json', JSON.stringify([{ text: 'x' }]))).toBe('label-studio');
    expect(detectFormat('anything.csv', '{"text": "x"}')).toBe('csv');
  });
});

describe('readDataset', () => {
  it('reads each format, detected or named', () => {
    const cases = [
      ['export.jsonl', slant, 'slant-jsonl', 'claim'],
      ['doccano.jsonl', doccano, 'doccano', 'CLAIM'],
      ['project.json', labelStudio, 'label-studio', 'Claim'],
      ['articles.csv', csv, 'csv', undefined],
    ] as const;
    for (const [fileName, content, format, label] of cases) {
      for (const result of [readDataset({ fileName, content }), readDataset({ fileName: 'upload', content: encode(content), format })]) {
        expect(result.problems).toEqual([]);
        expect(result.articles.map((a) => a.text)).toEqual(['Hello world.']);
        expect(result.labels).toEqual(label ? [label] : []);
        if (label) expect(result.articles[0]!.spans).toMatchObject([{ label, start: 0, end: 5 }]);
      }
    }
  });

  it('reports bytes that are not UTF-8 as one problem', () => {
    const result = readDataset({ fileName: 'latin1.csv', content: new Uint8Array([0x74, 0x65, 0x78, 0x74, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]) });
    expect(result).toEqual({ articles: [], labels: [], problems: [{ file: 'latin1.csv', message: 'latin1.csv: the file is not readable UTF-8 text' }] });
    const utf16 = readDataset({ fileName: 'u16.csv', content: new Uint8Array([0xff, 0xfe, 0x74, 0x00, 0xd8, 0x00]) });
    expect(utf16.problems.map((p) => p.message)).toEqual(['u16.csv: the file is not readable UTF-8 text (it looks like UTF-16; save it as UTF-8)']);
    // Without a byte order mark, UTF-16 of plain letters is valid UTF-8 with a NUL beside each: named the same.
    const unmarked = readDataset({ fileName: 'u16.jsonl', content: new Uint8Array([...'{"text":"x"}'].flatMap((c) => [c.charCodeAt(0), 0])) });
    expect(unmarked.problems.map((p) => p.message)).toEqual(['u16.jsonl: the file is not readable UTF-8 text (it looks like UTF-16; save it as UTF-8)']);
  });

  it('strips a UTF-8 BOM from bytes and from strings', () => {
    expect(readDataset({ fileName: 'a.jsonl', content: encode('\ufeff' + doccano) }).articles).toHaveLength(1);
    expect(readDataset({ fileName: 'a.jsonl', content: '\ufeff' + doccano }).articles).toHaveLength(1);
    expect(readDataset({ fileName: 'a.csv', content: encode('\ufeff' + csv) }).articles).toHaveLength(1);
  });

  it('reports an empty JSON file', () => {
    expect(readDataset({ fileName: 'empty.jsonl', content: '  \n' }).problems.map((p) => p.message)).toEqual(['empty.jsonl: the file is empty']);
  });

  it('never throws on random bytes, strings or record-like files, in any format', () => {
    const format = fc.option(fc.constantFrom(...IMPORT_FORMATS), { nil: undefined });
    const name = fc.constantFrom('f.jsonl', 'f.json', 'f.csv', 'f', 'f.txt');
    fc.assert(
      fc.property(name, format, fc.oneof(fc.uint8Array({ maxLength: 200 }), fileLike, fileLike.map(encode)), (fileName, fmt, content) => {
        const result = readDataset({ fileName, content, format: fmt });
        expectConsistent(result);
        for (const p of result.problems) expect(p.file).toBe(fileName);
      }),
      { numRuns: 500 },
    );
  });
});
