import { describe, expect, it } from 'vitest';
import { distinctSpans } from './import';

const mapping = new Map([
  ['QUOTE', 'sourced_quote'],
  ['CLAIM', 'claim'],
  ['NOISE', 'skip'],
] as const);

describe('the distinct spans of an imported record', () => {
  it('takes a quote once per person quoted, however the name is typed, as gold does', () => {
    const { spans, repeats } = distinctSpans(
      [
        { label: 'QUOTE', start: 0, end: 10, speaker: 'Marta Reyes' },
        { label: 'QUOTE', start: 0, end: 10, speaker: ' marta  reyes ', note: 'the mayor’s deputy' },
        { label: 'QUOTE', start: 0, end: 10, speaker: 'Daniel Hughes' },
      ],
      mapping,
    );
    expect(spans.map((s) => [s.speaker, s.note])).toEqual([
      ['Marta Reyes', 'the mayor’s deputy'],
      ['Daniel Hughes', ''],
    ]);
    expect(repeats).toBe(1);
  });

  it('counts the spans of skipped labels and over blank text apart', () => {
    const result = distinctSpans(
      [
        { label: 'CLAIM', start: 0, end: 4 },
        { label: 'CLAIM', start: 0, end: 4 },
        { label: 'NOISE', start: 5, end: 9 },
        { label: 'CLAIM', start: 10, end: 12, blank: true },
      ],
      mapping,
    );
    expect([result.spans.length, result.repeats, result.skipped, result.blank]).toEqual([1, 1, 1, 1]);
  });
});
