import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_FIXTURES, SHARED_FIXTURES } from './fixtures';

describe('fixtures', () => {
  it('keeps the repo copies identical to ../shared/fixtures', () => {
    const names = readdirSync(REPO_FIXTURES).filter((n) => !n.endsWith('.md'));
    expect(names).toContain('scraped-opinion-article.txt');
    if (!existsSync(SHARED_FIXTURES)) return; // a clone without ../shared: the copies are all there is
    for (const name of names) {
      const shared = path.join(SHARED_FIXTURES, name);
      if (existsSync(shared)) expect(readFileSync(path.join(REPO_FIXTURES, name)).equals(readFileSync(shared))).toBe(true);
    }
  });
});
