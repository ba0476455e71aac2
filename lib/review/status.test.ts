import { describe, expect, it } from 'vitest';
import { projectProgress, reviewState } from './status';

describe('review state', () => {
  it('waits for the required number of submissions', () => {
    expect(reviewState({ stored: 'open', submissions: 1, required: 2 })).toBe('waiting');
    expect(reviewState({ stored: 'open', submissions: 2, required: 2 })).toBe('ready');
    expect(reviewState({ stored: 'open', submissions: 3, required: 2 })).toBe('ready');
    expect(reviewState({ stored: 'open', submissions: 0, required: 0 })).toBe('waiting');
  });

  it('keeps the stored states', () => {
    expect(reviewState({ stored: 'in_review', submissions: 2, required: 2 })).toBe('in_review');
    expect(reviewState({ stored: 'adjudicated', submissions: 1, required: 2 })).toBe('adjudicated');
  });

  it('counts project progress', () => {
    const articles = [
      { state: 'waiting', submissions: 1 },
      { state: 'ready', submissions: 2 },
      { state: 'in_review', submissions: 2 },
      { state: 'adjudicated', submissions: 3 },
      { state: 'adjudicated', submissions: 2 },
    ] as const;
    expect(projectProgress({ articles: [...articles], required: 2 })).toEqual({
      total: 5,
      annotated: 4,
      reviewed: 3,
      adjudicated: 2,
    });
  });

  it('counts as annotated the articles with enough submissions, and the closed ones (no more can come)', () => {
    // A reviewer can start (or close) a review before every submission is in.
    const articles = [
      { state: 'in_review', submissions: 1 },
      { state: 'adjudicated', submissions: 1 },
      { state: 'adjudicated', submissions: 0 },
      { state: 'ready', submissions: 2 },
    ] as const;
    expect(projectProgress({ articles: [...articles], required: 2 })).toEqual({ total: 4, annotated: 3, reviewed: 3, adjudicated: 2 });
    // As for the state: at least one submission, even where the project asks for none.
    expect(projectProgress({ articles: [{ state: 'waiting', submissions: 0 }, { state: 'ready', submissions: 1 }], required: 0 }).annotated).toBe(1);
  });
});
