import { describe, expect, it } from 'vitest';
import { cleanSourceUrl, hasUnsafeScheme, linkableUrl, looksLikeBareUrl, outletFromUrl } from './urls';

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

describe('linkableUrl', () => {
  it('links http and https addresses as they are', () => {
    expect(linkableUrl('https://riverside-ledger.example/2026/03/harbour-bridge-costs')).toBe('https://riverside-ledger.example/2026/03/harbour-bridge-costs');
    expect(linkableUrl(' http://news.example.org/a?b=1#c ')).toBe('http://news.example.org/a?b=1#c');
  });

  it('adds https:// to a scheme-less address that is clearly one', () => {
    expect(linkableUrl('www.example.com/story')).toBe('https://www.example.com/story');
    expect(linkableUrl('example.com/story')).toBe('https://example.com/story');
  });

  it('refuses other schemes, script-bearing ones included, and text that is not an address', () => {
    for (const url of ['javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.com/file', 'mailto:a@example.com', 'Reuters.com', 'see the print edition', 'https://exa mple.com', '']) {
      expect(linkableUrl(url), url).toBeNull();
    }
  });
});
