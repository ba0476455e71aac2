import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalText } from '../../import/canonical';
import { labelStudioTask } from '../label-studio';
import { sampleArticles } from '../sample-export';
import { readLabelStudio } from './label-studio';
import { at, at16, cpSlice, expectConsistent, fileLike, jsonl } from './test-support';

const text = 'Ana 😀 said: "Taxes will fall." Critics call it naive.';
const quoteU16 = at16(text, '"Taxes will fall."');
const naiveU16 = at16(text, 'call it naive');

function task(annotations: unknown[], extra: Record<string, unknown> = {}) {
  return { id: 41, data: { text, title: 'Budget', outlet: 'Example Times' }, annotations, predictions: [{ result: [{ type: 'labels', value: { start: 0, end: 1, labels: ['Ignored'] } }] }], ...extra };
}

describe('readLabelStudio', () => {
  it('reads tasks: labels regions as spans, completed_by as annotator, per-region speaker and note', () => {
    const tasks = [
      task([
        {
          completed_by: 3,
          result: [
            { id: 'r1', from_name: 'label', to_name: 'text', type: 'labels', value: { ...quoteU16, text: '"Taxes will fall."', labels: ['Sourced quote'] } },
            { id: 'r1', from_name: 'speaker', to_name: 'text', type: 'textarea', value: { ...quoteU16, text: ['Ana'] } },
            { id: 'n1', parentID: 'r1', from_name: 'note', to_name: 'text', type: 'textarea', value: { text: ['a promise', 'second line'] } },
            { id: 'c1', from_name: 'verdict', to_name: 'text', type: 'choices', value: { ...quoteU16, choices: ['accepted'] } },
            { id: 'r2', from_name: 'label', to_name: 'text', type: 'labels', value: { ...naiveU16, text: 'call it naive', labels: ['Opinion', 'Claim'] } },
          ],
        },
        { completed_by: { id: 5, email: 'ben@example.org' }, result: [{ id: 'x', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 3, text: 'Ana', labels: ['Claim'] } }] },
        { completed_by: 9, was_cancelled: true, result: [] },
      ]),
    ];
    const result = readLabelStudio('project.json', JSON.stringify(tasks, null, 2));
    expect(result.problems).toEqual([]);
    expect(result.articles).toHaveLength(1);
    const a = result.articles[0]!;
    expect(a).toMatchObject({ title: 'Budget', outlet: 'Example Times', externalId: '41', sourceLine: 2, text });
    // The file counts UTF-16 units (the emoji is two); Slant counts code points.
    expect(a.spans).toEqual([
      { label: 'Sourced quote', ...at(text, '"Taxes will fall."'), text: '"Taxes will fall."', speaker: 'Ana', note: 'a promise\nsecond line', annotator: '3' },
      { label: 'Opinion', ...at(text, 'call it naive'), text: 'call it naive', annotator: '3' },
      { label: 'Claim', ...at(text, 'call it naive'), text: 'call it naive', annotator: '3' },
      { label: 'Claim', start: 0, end: 3, text: 'Ana', annotator: 'ben@example.org' },
    ]);
    expect(result.labels).toEqual(['Claim', 'Opinion', 'Sourced quote']);
  });

  it("reads Slant's Label Studio export: display-name labels, e-mails, gold, speaker and note", () => {
    const articles = sampleArticles();
    const result = readLabelStudio('slant-ls.json', JSON.stringify(articles.map((a, i) => labelStudioTask(a, i + 1))));
    expect(result.problems).toEqual([]);
    expect(result.labels).toEqual(['Claim', 'Opinion', 'Sourced quote']);
    result.articles.forEach((read, i) => {
      const written = articles[i]!;
      expect(read.text).toBe(canonicalText(written.text));
      expect(read.externalId).toBe(written.id);
      const key = (s: { text?: string; annotator?: string; speaker?: string; note?: string }) => [s.text, s.annotator, s.speaker ?? '', s.note ?? ''].join('|');
      expect(read.spans.map(key).sort()).toEqual(written.spans.map((s) => key({ ...s, text: canonicalText(s.text) })).sort());
    });
    expect(result.articles.flatMap((a) => a.spans).filter((s) => s.annotator === 'gold')).toHaveLength(3);
    expectConsistent(result);
  });

  it('reads one task object, and JSONL of tasks', () => {
    const one = readLabelStudio('one.json', JSON.stringify(task([])));
    expect(one.articles).toHaveLength(1);
    const lines = readLabelStudio('tasks.jsonl', jsonl(task([]), task([]), 'oops'));
    expect(lines.articles.map((a) => a.sourceLine)).toEqual([1, 2]);
    expect(lines.problems.map((p) => p.line)).toEqual([3]);
  });

  it('reads the JSON-MIN export', () => {
    const min = [{ id: 7, text, annotator: 'ann@example.org', label: [{ ...naiveU16, text: 'call it naive', labels: ['Opinion'] }], title: 'Min' }];
    const result = readLabelStudio('min.json', JSON.stringify(min));
    expect(result.problems).toEqual([]);
    expect(result.articles[0]).toMatchObject({ title: 'Min', externalId: '7', spans: [{ label: 'Opinion', ...at(text, 'call it naive'), annotator: 'ann@example.org' }] });
  });

  it('reports mismatching text with the task number and line, and span kinds it cannot import', () => {
    const tasks = [
      task([]),
      task([{ completed_by: 1, result: [{ id: 'a', type: 'labels', from_name: 'label', to_name: 'text', value: { start: 0, end: 3, text: 'Bob', labels: ['Claim'] } }] }]),
      task([{ completed_by: 1, result: [{ id: 'b', type: 'hypertextlabels', value: { start: '/p[1]', end: '/p[1]', labels: ['Claim'] } }] }]),
      task([{ completed_by: 1, result: [{ id: 'c', type: 'labels', value: { start: 0, end: 3, labels: [] } }] }]),
      { id: 5, data: { title: 'no text' }, annotations: [] },
      { id: 6, data: 'text' },
    ];
    const result = readLabelStudio('p.json', JSON.stringify(tasks));
    expect(result.articles).toHaveLength(1);
    expect(result.problems.map((p) => p.message)).toEqual([
      'p.json record 2 (line 1): annotations[0].result[0]: the span text "Bob" does not match the text at 0–3, "Ana"',
      'p.json record 3 (line 1): annotations[0].result[0]: "hypertextlabels" results are not text spans Slant can import (only "labels" results over plain text are)',
      'p.json record 4 (line 1): annotations[0].result[0]: value.labels must be a non-empty list of labels (it is empty)',
      'p.json record 5 (line 1): data.text: is missing; every record needs the article text',
      'p.json record 6 (line 1): data: must be an object holding the task\'s text (it is a string ("text"))',
    ]);
    expect(result.problems.map((p) => p.record)).toEqual([2, 3, 4, 5, 6]);
  });

  it('remaps offsets over CRLF and decomposed accents, also when they count UTF-16 units', () => {
    const raw = 'Cafe\u0301 😀\r\nThe owners said prices rose.';
    const u16 = at16(raw, 'prices rose');
    const result = readLabelStudio('crlf.json', JSON.stringify([{ data: { text: raw }, annotations: [{ result: [{ id: 'a', type: 'labels', value: { ...u16, text: 'prices rose', labels: ['Claim'] } }] }] }]));
    expect(result.problems).toEqual([]);
    const a = result.articles[0]!;
    expect(a.text).toBe('Caf\u00e9 😀\nThe owners said prices rose.');
    expect(cpSlice(a.text, a.spans[0]!.start, a.spans[0]!.end)).toBe('prices rose');
  });

  it('reads regions without their text as code points, as Label Studio counts them since 1.6, and so Slant\'s own export', () => {
    const cp = at(text, 'call it naive');
    const bare = { id: 'r', type: 'labels', value: { ...cp, labels: ['Opinion'] } };
    const genuine = readLabelStudio('bare.json', JSON.stringify([task([{ completed_by: 1, result: [bare] }])]));
    expect(genuine.problems).toEqual([]);
    expect(cpSlice(text, genuine.articles[0]!.spans[0]!.start, genuine.articles[0]!.spans[0]!.end)).toBe('call it naive');
    const own = { id: 41, data: { text, slant_id: 'art-1' }, annotations: [{ slant_annotator: 'gold', result: [{ id: 'r', type: 'labels', value: { ...cp, labels: ['Opinion'] } }] }] };
    const fromSlant = readLabelStudio('own.json', JSON.stringify([own]));
    expect(fromSlant.articles[0]!.spans[0]).toMatchObject(cp);
  });

  it('reads an older Label Studio\'s UTF-16 regions where their text shows it, and Slant\'s own export in the unit it declares', () => {
    // An older Label Studio counted UTF-16 units: "two" at UTF-16 11–14 is code points 8–11
    // (code points 11–14 read " thr", which is not the region's text).
    const words = '😂😂😂 one two three';
    const older = { id: 'r', type: 'labels', value: { start: 11, end: 14, text: 'two', labels: ['Claim'] } };
    expect(readLabelStudio('old.json', JSON.stringify([{ data: { text: words }, annotations: [{ result: [older] }] }])).articles[0]!.spans[0]).toMatchObject({ start: 8, end: 11 });
    // Where both units find the region's text, Label Studio's own unit wins: code points.
    const laughs = '😂😂😂 ha ha ha';
    const region = { id: 'r', type: 'labels', value: { start: 10, end: 12, text: 'ha', labels: ['Claim'] } };
    expect(readLabelStudio('ha.json', JSON.stringify([{ data: { text: laughs }, annotations: [{ result: [region] }] }])).articles[0]!.spans[0]).toMatchObject({ start: 10, end: 12 });
    // Slant's own export says which unit it wrote: a UTF-16 export is read as such, though it has a slant_id.
    const own = { data: { text: laughs, slant_id: 'a1', slant_offsets: 'utf-16-code-units' }, annotations: [{ slant_annotator: 'gold', result: [region] }] };
    expect(readLabelStudio('own.json', JSON.stringify([own])).articles[0]!.spans[0]).toMatchObject({ start: 7, end: 9 });
    const codePoints = { data: { ...own.data, slant_offsets: 'unicode-code-points' }, annotations: [{ slant_annotator: 'gold', result: [region] }] };
    expect(readLabelStudio('own.json', JSON.stringify([codePoints])).articles[0]!.spans[0]).toMatchObject({ start: 10, end: 12 });
    // A region added in Label Studio to a task Slant exported in UTF-16 is Label Studio's: code points.
    const added = { data: own.data, annotations: [...own.annotations, { completed_by: 7, result: [{ ...region, id: 'new' }] }] };
    expect(readLabelStudio('own.json', JSON.stringify([added])).articles[0]!.spans.map((s) => [s.start, s.end, s.annotator])).toEqual([
      [7, 9, 'gold'],
      [10, 12, '7'],
    ]);
  });

  it('reports a file that is not JSON once, not once per line', () => {
    const result = readLabelStudio('broken.json', '[\n  {"data": {"text": "x"}},\n  {oops}\n]');
    expect(result.problems).toHaveLength(1);
    // Pretty-printed, as Label Studio exports it: the problem names the line and column.
    expect(result.problems[0]).toMatchObject({ line: 3, message: expect.stringMatching(/^broken\.json line 3, column 4: not valid JSON \(.+\)$/) });
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(fileLike, (file) => {
        expectConsistent(readLabelStudio('fuzz.json', file));
      }),
      { numRuns: 300 },
    );
  });
});
