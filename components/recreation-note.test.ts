import { afterEach, describe, expect, it, vi } from 'vitest';
import { recreationNotes } from './recreation-note';

describe('recreationNotes', () => {
  afterEach(() => vi.useRealTimers());

  it('hands a note to the next version of the page: peek leaves it, take removes it', () => {
    const notes = recreationNotes<string>();
    notes.leave('article-1', 'focus the button');
    expect(notes.peek('article-1')).toBe('focus the button');
    expect(notes.take('article-1')).toBe('focus the button');
    expect(notes.take('article-1')).toBeUndefined();
    expect(notes.peek('article-2')).toBeUndefined();
  });

  it('drops a note whose page never came back, so a later visit is not steered by it', () => {
    vi.useFakeTimers();
    const notes = recreationNotes<string>();
    notes.leave('article-1', 'focus the button');
    vi.advanceTimersByTime(14_000);
    expect(notes.peek('article-1')).toBe('focus the button');
    vi.advanceTimersByTime(2_000);
    expect(notes.take('article-1')).toBeUndefined();
    notes.leave('article-1', 'again');
    notes.drop('article-1');
    expect(notes.peek('article-1')).toBeUndefined();
  });
});
