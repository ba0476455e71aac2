import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOTH_ENGINES, POSTGRES_ONLY, SQLITE_ONLY } from './database-tests';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function testFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return testFiles(rel);
    return entry.name.endsWith('.test.ts') ? [rel] : [];
  });
}

describe('database test list', () => {
  it('names every test file that opens a test database, on both engines, SQLite only or PostgreSQL only', () => {
    const opening = testFiles('lib').filter(
      (file) => !POSTGRES_ONLY.includes(file) && /createTestDb\(|createFuzzDb\(/.test(readFileSync(path.join(ROOT, file), 'utf8')),
    );
    const listed = new Set([...BOTH_ENGINES, ...Object.keys(SQLITE_ONLY)]);
    expect(POSTGRES_ONLY.every((file) => file.endsWith('.postgres.test.ts') && testFiles('lib').includes(file))).toBe(true);
    expect(opening.filter((file) => !listed.has(file))).toEqual([]);
    expect([...listed].filter((file) => !opening.includes(file))).toEqual([]);
  });
});
