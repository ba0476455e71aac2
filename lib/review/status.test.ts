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
    expect(projectProgress(['waiting', 'ready', 'in_review', 'adjudicated', 'adjudicated'])).toEqual({
      total: 5,
      annotated: 4,
      reviewed: 3,
      adjudicated: 2,
    });
  });
});
