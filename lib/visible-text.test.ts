import { describe, expect, it } from 'vitest';
import { hasVisibleText } from './visible-text';

describe('hasVisibleText', () => {
  it('is false for white space and invisible format characters only', () => {
    for (const text of ['', '  ', '\u200b', '\u200b\u200c\u200d', '\u2060\ufeff \n', '\u00ad']) expect(hasVisibleText(text)).toBe(false);
  });
  it('is true as soon as one character shows, emoji and non-Latin scripts included', () => {
    for (const text of ['a', ' \u200bok', '😀', 'ب', '\u0301x']) expect(hasVisibleText(text)).toBe(true);
  });
});
