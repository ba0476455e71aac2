import { describe, expect, it, vi } from 'vitest';
import { excerpt, graphemeHead, quotedExcerpt } from './excerpt';

describe('excerpt', () => {
  it('keeps a passage that fits, and cuts a longer one to the limit with an ellipsis', () => {
    expect(excerpt('The mayor said', 14)).toBe('The mayor said');
    expect(excerpt('The mayor said the bridge', 14)).toBe('The mayor s…');
    expect(excerpt('x'.repeat(200), 120)).toHaveLength(118);
  });

  it('counts what a reader sees as one character, and never cuts one in half', () => {
    const family = '👩\u200d👩\u200d👧';
    // Four characters as a reader counts them, though eleven UTF-16 units: it fits.
    expect(excerpt(`${family}abc`, 4)).toBe(`${family}abc`);
    const cut = excerpt(`${'a'.repeat(56)}😀😀😀😀😀😀`, 60);
    expect(cut).toBe(`${'a'.repeat(56)}😀…`);
    expect(excerpt('Le cafe\u0301 est fermé', 10)).toBe('Le cafe\u0301…');
  });

  it('falls back to whole code points where the browser has no Intl.Segmenter, still never halving an emoji', async () => {
    vi.resetModules();
    const intl = Intl as { Segmenter?: unknown };
    const saved = intl.Segmenter;
    intl.Segmenter = undefined;
    try {
      const { excerpt: withoutSegmenter } = await import('./excerpt');
      expect(withoutSegmenter(`${'a'.repeat(56)}😀😀😀😀😀😀`, 60)).toBe(`${'a'.repeat(56)}😀…`);
      expect(withoutSegmenter('The mayor said', 14)).toBe('The mayor said');
    } finally {
      intl.Segmenter = saved;
    }
  });

  it('graphemeHead keeps the first characters as a reader counts them, whole', () => {
    const family = '👩\u200d👩\u200d👧';
    expect(graphemeHead(`ab${family}cd`, 3)).toBe(`ab${family}`);
    expect(graphemeHead('short', 80)).toBe('short');
  });
});

describe('quotedExcerpt', () => {
  it('puts a passage in quotation marks, unless it opens with its own', () => {
    expect(quotedExcerpt('The mayor', 60)).toBe('“The mayor”');
    expect(quotedExcerpt('“We will open in May,” said the mayor', 60)).toBe('“We will open in May,” said the mayor');
    expect(quotedExcerpt('"Straight quotes," too', 60)).toBe('"Straight quotes," too');
    expect(quotedExcerpt('A long passage that goes on past the limit', 20)).toBe('“A long passage th…”');
  });
});
