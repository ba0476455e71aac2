import { describe, expect, it } from 'vitest';
import { cleanSourceUrl, hasUnsafeScheme, looksLikeBareUrl, outletFromUrl } from './urls';

describe('urls', () => {
  it('recognises bare address lines with or without a scheme', () => {
    expect(looksLikeBareUrl('www.universityofreason.com/a/29887/KWADzukm')).toBe(true);
    expect(looksLikeBareUrl('https://example.org/news/1')).toBe(true);
    expect(looksLikeBareUrl('example.org/news/1')).toBe(true);
  });

  it('does not take abbreviations, names or sentences for addresses', () => {
    expect(looksLikeBareUrl('U.S.')).toBe(false);
    expect(looksLikeBareUrl('Reuters.com')).toBe(false);
    expect(looksLikeBareUrl('Sino/Russia Alliance on the World Stage')).toBe(false);
  });

  it('derives the outlet from the host without www.', () => {
    expect(outletFromUrl('www.universityofreason.com/a/29887/KWADzukm')).toBe('universityofreason.com');
    expect(outletFromUrl('https://News.Example.org/x')).toBe('news.example.org');
    expect(outletFromUrl('javascript:alert(1)')).toBe('');
    expect(outletFromUrl('not a url')).toBe('');
  });

  it('never keeps a script-bearing scheme as a source URL', () => {
    expect(hasUnsafeScheme('\u0001javascript:alert(1)')).toBe(true);
    expect(cleanSourceUrl('javascript:alert(1)')).toBe('');
    expect(cleanSourceUrl(' https://example.org/a \n')).toBe('https://example.org/a');
  });
});
