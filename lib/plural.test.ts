import { describe, expect, it } from 'vitest';
import { listOf, plural } from './plural';

describe('plural', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(plural(1, 'article')).toBe('1 article');
    expect(plural(0, 'article')).toBe('0 articles');
    expect(plural(2, 'span')).toBe('2 spans');
  });
  it('takes an irregular plural and groups thousands', () => {
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
    expect(plural(12000, 'span')).toBe('12,000 spans');
  });
});

describe('listOf', () => {
  it('joins names as a sentence does', () => {
    expect(listOf([])).toBe('');
    expect(listOf(['Ana'])).toBe('Ana');
    expect(listOf(['Ana', 'Ben'])).toBe('Ana and Ben');
    expect(listOf(['Ana', 'Ben', 'Rui'])).toBe('Ana, Ben and Rui');
  });
});
