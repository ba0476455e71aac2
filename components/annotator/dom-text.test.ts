import { describe, expect, it } from 'vitest';
import { spansAt, spansUnderCaret } from './dom-text';

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

  it('counts both ends: a point on the right half of a span\'s last character is still on it', () => {
    expect(spansAt(spans, 20).map((s) => s.id)).toEqual(['inner', 'outer']);
    expect(spansAt(spans, 40).map((s) => s.id)).toEqual(['after', 'outer']);
  });

  it('leaves the list it was given as it was', () => {
    const copy = spans.map((s) => ({ ...s }));
    spansAt(spans, 15);
    expect(spans).toEqual(copy);
  });
});

describe('spansUnderCaret', () => {
  const spans = [
    { id: 'outer', start: 0, end: 40 },
    { id: 'inner', start: 10, end: 20 },
    { id: 'after', start: 40, end: 50 },
  ];

  it('a caret after a span\'s last character has left it; one before its first is in it', () => {
    expect(spansUnderCaret(spans, 20).map((s) => s.id)).toEqual(['outer']);
    expect(spansUnderCaret(spans, 40).map((s) => s.id)).toEqual(['after']);
    expect(spansUnderCaret(spans, 10).map((s) => s.id)).toEqual(['inner', 'outer']);
    expect(spansUnderCaret(spans, 50)).toEqual([]);
  });
});
