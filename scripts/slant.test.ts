import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT, runSlantWith } from '../lib/testing/cli';

const ROOT = path.resolve(import.meta.dirname, '..');
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'slant-cli-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('npm run slant -- seed', () => {
  it('refuses a DEMO_PASSWORD shorter than the app accepts, and creates no database', () => {
    const file = path.join(tempDir(), 'never-seeded.db');
    const result = runSlantWith({ databaseUrl: `file:${file}`, env: { DEMO_PASSWORD: 'short' } }, 'seed');
    expect(result.stderr).toBe('DEMO_PASSWORD must be at least 8 characters: the demo users sign in with it. Nothing was seeded.\n');
    expect(result.status).toBe(2);
    expect(existsSync(file)).toBe(false);
  }, CLI_TEST_TIMEOUT);
});

describe('npm run slant: DATABASE_URL', () => {
  it('takes a relative file: path from the project folder, whatever folder the command runs in', () => {
    const dir = tempDir();
    const elsewhere = path.join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const file = path.join(dir, 'relative.db');
    const options = { databaseUrl: `file:${path.relative(ROOT, file)}`, cwd: elsewhere };

    const seeded = runSlantWith(options, 'seed');
    expect(seeded.stderr).toBe('');
    expect(seeded.status).toBe(0);
    const listed = runSlantWith(options, 'user', 'list');
    expect(listed.stderr).toBe('');
    expect(listed.status).toBe(0);
    // The migrations, the WAL switch and the client all used the one file beside `elsewhere`.
    expect(listed.stdout).toContain('admin@demo.test');
    const sqlite = new Database(file, { readonly: true });
    try {
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(sqlite.prepare('SELECT COUNT(*) AS n FROM User').get()).toEqual({ n: 4 });
    } finally {
      sqlite.close();
    }
    expect(readdirSync(elsewhere)).toEqual([]);
  }, CLI_TEST_TIMEOUT);
});
