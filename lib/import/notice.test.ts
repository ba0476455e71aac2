import { describe, expect, it } from 'vitest';
import { MAX_ARTICLES_PER_SAVE } from './limits';
import { importedNotice } from './notice';

describe('the notice after an import', () => {
  it('says how many articles arrived and where they are', () => {
    expect(importedNotice('1')).toBe('1 article imported: it is at the end of the queue.');
    expect(importedNotice('3')).toBe('3 articles imported: they are at the end of the queue.');
    expect(importedNotice(String(MAX_ARTICLES_PER_SAVE))).toBe(`${MAX_ARTICLES_PER_SAVE} articles imported: they are at the end of the queue.`);
  });

  it('says nothing for what no import sends', () => {
    for (const raw of [undefined, '', '0', '-1', '01', '2.5', 'x', '1e3', String(MAX_ARTICLES_PER_SAVE + 1), ['1', '2']]) expect(importedNotice(raw)).toBeNull();
  });
});
