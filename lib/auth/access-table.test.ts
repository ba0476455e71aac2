import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessDocument } from './access-doc';
import { ACCESS_TABLE, rowKey, VISITORS } from './access-table';

describe('access table', () => {
  it('has one row per entry point and an outcome for every visitor', () => {
    const keys = ACCESS_TABLE.map(rowKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const row of ACCESS_TABLE) expect(Object.keys(row.access)).toEqual([...VISITORS]);
  });

  it('never lets an anonymous visitor succeed except on public entry points', () => {
    const publicRows = ACCESS_TABLE.filter((r) => r.access.anonymous === 200).map((r) => r.target);
    expect(publicRows.sort()).toEqual(['/api/auth/[...nextauth]', '/api/health', '/icon.svg', '/login']);
    expect(ACCESS_TABLE.filter((r) => r.access.anonymous === 201)).toEqual([]);
  });

  it('is what docs/access-control.md shows (run `npm run docs:access` after changing it)', () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'docs', 'access-control.md'), 'utf8');
    expect(doc).toBe(accessDocument());
  });
});
