import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../anchoring/code-points';
import { editedRangeProblem } from './edited-range';

describe('editedRangeProblem', () => {
  const text = new CodePointIndex('Rain 🌧 today.\n\nSun tomorrow.');

  it('passes a range inside the text that marks something, counted in code points', () => {
    expect(editedRangeProblem(0, 4, text)).toBeNull();
    // The emoji is one position: "🌧" is 5–6.
    expect(editedRangeProblem(5, 6, text)).toBeNull();
    expect(editedRangeProblem(0, text.length, text)).toBeNull();
  });

  it('names what is wrong, as the server would refuse it', () => {
    expect(editedRangeProblem(-1, 4, text)).toBe('Start cannot be below 0.');
    expect(editedRangeProblem(0, text.length + 1, text)).toBe(`End cannot be past the text's end, ${text.length}.`);
    expect(editedRangeProblem(4, 4, text)).toBe('End must be after Start.');
    expect(editedRangeProblem(6, 2, text)).toBe('End must be after Start.');
    expect(editedRangeProblem(1.5, 4, text)).toBe('Start and End are whole numbers (character positions).');
    expect(editedRangeProblem(Number.NaN, 4, text)).toBe('Start and End are whole numbers (character positions).');
    expect(editedRangeProblem(13, 15, text)).toBe('That range covers only spaces or line breaks; a span must mark some text.');
  });
});
