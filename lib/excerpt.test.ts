import { describe, expect, it } from 'vitest';
import { excerpt } from './excerpt';

describe('excerpt', () => {
  it('keeps a passage that fits, and cuts a longer one to the limit with an ellipsis', () => {
    expect(excerpt('The mayor said', 14)).toBe('The mayor said');
    expect(excerpt('The mayor said the bridge', 14)).toBe('The mayor s…');
    expect(excerpt('x'.repeat(200), 120)).toHaveLength(118);
  });
});
