import { describe, expect, it } from 'vitest';
import { caretHighlightChange, neighbourSpan } from './navigation';

// In text order: a and b start together (the longer first), c nests in b, d comes later.
const spans = [
  { id: 'a', start: 10, end: 40 },
  { id: 'b', start: 10, end: 20 },
  { id: 'c', start: 12, end: 15 },
  { id: 'd', start: 50, end: 60 },
];

describe('neighbourSpan', () => {
  it('goes from the open span to the one after or before it in text order, even where they start together', () => {
    expect(neighbourSpan(spans, { activeId: 'a', caret: 10 }, 'next')).toEqual({ span: spans[1], position: 2 });
    expect(neighbourSpan(spans, { activeId: 'b', caret: 10 }, 'previous')).toEqual({ span: spans[0], position: 1 });
    expect(neighbourSpan(spans, { activeId: 'c', caret: 0 }, 'next')).toEqual({ span: spans[3], position: 4 });
  });

  it('stops at the ends rather than wrapping round', () => {
    expect(neighbourSpan(spans, { activeId: 'd', caret: null }, 'next')).toBeNull();
    expect(neighbourSpan(spans, { activeId: 'a', caret: null }, 'previous')).toBeNull();
  });

  it('without an open span, starts from the caret: a span starting at the caret is the next one', () => {
    expect(neighbourSpan(spans, { activeId: null, caret: 10 }, 'next')?.span.id).toBe('a');
    expect(neighbourSpan(spans, { activeId: null, caret: 11 }, 'next')?.span.id).toBe('c');
    expect(neighbourSpan(spans, { activeId: null, caret: 11 }, 'previous')?.span.id).toBe('b');
    expect(neighbourSpan(spans, { activeId: null, caret: 10 }, 'previous')).toBeNull();
    expect(neighbourSpan(spans, { activeId: null, caret: 61 }, 'next')).toBeNull();
  });

  it('without a caret or an open span, starts at the first or the last', () => {
    expect(neighbourSpan(spans, { activeId: null, caret: null }, 'next')).toEqual({ span: spans[0], position: 1 });
    expect(neighbourSpan(spans, { activeId: null, caret: null }, 'previous')).toEqual({ span: spans[3], position: 4 });
    expect(neighbourSpan([], { activeId: null, caret: null }, 'next')).toBeNull();
  });

  it('treats an open span that is no longer listed (just deleted) as none, and uses the caret', () => {
    expect(neighbourSpan(spans, { activeId: 'gone', caret: 45 }, 'next')?.span.id).toBe('d');
  });
});

describe('caretHighlightChange', () => {
  const claim = { id: '1', label: 'claim' as const };
  const opinion = { id: '2', label: 'opinion' as const };
  it('says which highlights the caret came into, innermost first, and which it left', () => {
    expect(caretHighlightChange([], [claim])).toBe('In claim');
    expect(caretHighlightChange([claim], [opinion, claim])).toBe('In opinion and claim');
    expect(caretHighlightChange([opinion, claim], [claim])).toBe('In claim');
    expect(caretHighlightChange([opinion, claim], [])).toBe('Out of opinion and claim');
  });
  it('words each span as asked: whose it is, on the review board', () => {
    const whose = (s: { id: string }) => (s.id === '1' ? "Ana's claim" : "Ben's opinion");
    expect(caretHighlightChange([], [opinion, claim], whose)).toBe("In Ben's opinion and Ana's claim");
    expect(caretHighlightChange([claim], [], whose)).toBe("Out of Ana's claim");
  });
  it('says nothing while the caret stays within the same highlights', () => {
    expect(caretHighlightChange([claim], [{ ...claim }])).toBeNull();
    expect(caretHighlightChange([], [])).toBeNull();
  });
});
