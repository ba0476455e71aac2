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

describe('npm run slant: help', () => {
  it('prints the usage and exits 0 for --help, -h and help', () => {
    const databaseUrl = `file:${path.join(tempDir(), 'never-created.db')}`;
    for (const flag of ['--help', '-h', 'help']) {
      const result = runSlantWith({ databaseUrl }, flag);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: npm run slant -- <command>/);
      for (const command of ['migrate', 'seed', 'user add', 'export', 'import', 'backup FILE', 'restore FILE']) expect(result.stdout).toContain(`\n  ${command} `);
    }
    expect(existsSync(databaseUrl.slice('file:'.length))).toBe(false);
  }, CLI_TEST_TIMEOUT);

  it('prints one command’s usage for <command> --help or -h, wherever it stands, and does nothing else', () => {
    const dir = tempDir();
    const databaseUrl = `file:${path.join(dir, 'never-created.db')}`;
    const exportHelp = runSlantWith({ databaseUrl }, 'export', '--project', 'demo-project', '--help');
    expect(exportHelp.stderr).toBe('');
    expect(exportHelp.status).toBe(0);
    expect(exportHelp.stdout).toMatch(/^Usage: npm run slant -- export \.\.\.\n\n {2}export --project P .*--out FILE \[--force\]/s);
    expect(exportHelp.stdout).not.toContain('restore FILE');
    // Once, `backup --help` made a backup file named --help in the folder it ran in.
    const backupHelp = runSlantWith({ databaseUrl, cwd: dir }, 'backup', '-h');
    expect(backupHelp.stderr).toBe('');
    expect(backupHelp.status).toBe(0);
    expect(backupHelp.stdout).toContain('  backup FILE ');
    expect(readdirSync(dir)).toEqual([]);
  }, CLI_TEST_TIMEOUT);

  it('refuses a FILE that starts with -, saying how to name such a file, and an unknown command', () => {
    const dir = tempDir();
    const databaseUrl = `file:${path.join(dir, 'slant.db')}`;
    const backup = runSlantWith({ databaseUrl, cwd: dir }, 'backup', '-v');
    expect(backup.stderr).toBe('backup FILE "-v" starts with "-", so it looks like an option, not a file. To name such a file, write ./-v.\n');
    expect(backup.status).toBe(2);
    const exported = runSlantWith({ databaseUrl, cwd: dir }, 'export', '--project', 'demo-project', '--out=-v');
    expect(exported.stderr).toBe('--out "-v" starts with "-", so it looks like an option, not a file. To name such a file, write ./-v.\n');
    expect(exported.status).toBe(2);
    const unknown = runSlantWith({ databaseUrl, cwd: dir }, 'bakcup', 'x.db');
    expect(unknown.stderr).toMatch(/^There is no command "bakcup"\.\n\nUsage: npm run slant -- <command>/);
    expect(unknown.status).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  }, CLI_TEST_TIMEOUT);
});

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
