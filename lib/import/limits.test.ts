import { describe, expect, it } from 'vitest';
import {
  MAX_SAVE_BYTES,
  saveTooLargeMessage,
  articleTooLongMessage,
  countCodePoints,
  fileTooLargeMessage,
  formatCount,
  MAX_ARTICLE_CHARS,
  MAX_UPLOAD_BYTES,
  utf8ByteLength,
} from './limits';

describe('limits', () => {
  it('has the agreed values', () => {
    expect(MAX_ARTICLE_CHARS).toBe(1_000_000);
    expect(MAX_UPLOAD_BYTES).toBe(10_485_760);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(countCodePoints('a😀b')).toBe(3);
    expect(countCodePoints('\ud800x')).toBe(2);
  });

  it('measures UTF-8 length like TextEncoder does', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'a\ud800b', 'mixed é € 😀 text']) {
      expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
    }
  });

  it('formats messages with thousands separators', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(999)).toBe('999');
    expect(articleTooLongMessage(1_000_001)).toBe('the article is 1,000,001 characters long; the limit is 1,000,000');
    expect(fileTooLargeMessage(11_000_000)).toContain('the limit is 10 MB');
  });
});

describe('one save of many articles', () => {
  it('takes five maximum-size articles, and says how much the ticked ones come to when they are more', () => {
    expect(MAX_SAVE_BYTES).toBe(20 * 1024 * 1024);
    expect(MAX_SAVE_BYTES).toBeGreaterThanOrEqual(MAX_ARTICLE_CHARS * 4 * 5);
    expect(saveTooLargeMessage(480, 21_640_000)).toBe(
      'Nothing was saved: the 480 articles come to 20.6 MB together, more than the 20 MB one save takes. Untick some, save the others, then import the rest again.',
    );
    expect(saveTooLargeMessage(1, MAX_SAVE_BYTES + 1)).toMatch(/^Nothing was saved: the article comes to 20 MB, more than/);
  });
});

describe('the server action body limit', () => {
  it('lets the edit form carry the longest article in the widest UTF-8, so the text limit is the one a user meets', async () => {
    const { default: config } = await import('../../next.config');
    const limit = String(config.experimental?.serverActions?.bodySizeLimit ?? '1mb');
    const match = /^(\d+)mb$/i.exec(limit);
    expect(match).not.toBeNull();
    expect(Number(match![1]) * 1024 * 1024).toBeGreaterThan(4 * MAX_ARTICLE_CHARS + 64 * 1024);
  });
});
