import { describe, expect, it } from 'vitest';
import { spansAt } from './dom-text';

describe('spansAt', () => {
  const spans = [
    { id: 'outer', start: 0, end: 40 },
    { id: 'inner', start: 10, end: 20 },
    { id: 'after', start: 40, end: 50 },
  ];

  it('lists the spans under an offset, innermost first', () => {
    expect(spansAt(spans, 15).map((s) => s.id)).toEqual(['inner', 'outer']);
    expect(spansAt(spans, 5).map((s) => s.id)).toEqual(['outer']);
    expect(spansAt(spans, 60)).toEqual([]);
  });

  it('counts both ends: a caret just after a span\'s last character is still on it', () => {
    expect(spansAt(spans, 20).map((s) => s.id)).toEqual(['inner', 'outer']);
    expect(spansAt(spans, 40).map((s) => s.id)).toEqual(['after', 'outer']);
  });

  it('leaves the list it was given as it was', () => {
    const copy = spans.map((s) => ({ ...s }));
    spansAt(spans, 15);
    expect(spans).toEqual(copy);
  });
});
