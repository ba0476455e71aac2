import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { applyMigrations, diffSchemaAgainstMigrations, pendingSqliteMigrations } from './migrate';
import { openSchemaEngine } from './schema-engine';

// The real engine, counted: the busy-database test checks it is not started at all.
vi.mock('./schema-engine', async (importOriginal) => {
  const real = await importOriginal<typeof import('./schema-engine')>();
  return { ...real, openSchemaEngine: vi.fn(real.openSchemaEngine) };
});

const root = path.resolve(__dirname, '../..');
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('offline migrations', () => {
  it('creates every table on an empty database and is idempotent', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'slant-migrate-'));
    dirs.push(dir);
    const url = `file:${path.join(dir, 'nested', 'test.db')}`;
    const first = await applyMigrations({ databaseUrl: url, projectRoot: root });
    expect(first.length).toBeGreaterThan(0);
    const second = await applyMigrations({ databaseUrl: url, projectRoot: root });
    expect(second).toEqual([]);
    const sqlite = new Database(path.join(dir, 'nested', 'test.db'), { readonly: true });
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    const recorded = sqlite.prepare('SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL').get() as { n: number };
    sqlite.close();
    expect(tables).toEqual(expect.arrayContaining(['User', 'Project', 'Membership', 'Article', 'Span', 'AuditEvent', '_prisma_migrations']));
    expect(recorded.n).toBe(first.length);
  });

  it('has a migration for every change in prisma/schema.prisma', async () => {
    const sql = await diffSchemaAgainstMigrations(root);
    expect(sql.trim()).toBe('-- This is an empty migration.');
  });
});

describe('migrations against a busy database', () => {
  it('skips the schema engine when nothing is pending, even while another connection holds the write lock', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'slant-migrate-busy-'));
    dirs.push(dir);
    const file = path.join(dir, 'busy.db');
    const url = `file:${file}`;
    await applyMigrations({ databaseUrl: url, projectRoot: root });
    expect(pendingSqliteMigrations(file, ['20261127184007_init', 'not-applied-yet'])).toEqual(['not-applied-yet']);
    expect(pendingSqliteMigrations(path.join(dir, 'missing.db'), ['x'])).toBeNull();

    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.exec('BEGIN IMMEDIATE');
    writer.prepare('UPDATE _prisma_migrations SET logs = logs').run();
    try {
      vi.mocked(openSchemaEngine).mockClear();
      expect(await applyMigrations({ databaseUrl: url, projectRoot: root })).toEqual([]);
      // Read without a lock; the schema engine, which would queue for the write lock, never started.
      expect(openSchemaEngine).not.toHaveBeenCalled();
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });
});

describe('migration scripts', () => {
  it("keep semicolons out of comments: Prisma's schema engine cuts a script into statements at every one", async () => {
    const { readdirSync, readFileSync, existsSync } = await import('node:fs');
    const root = path.resolve(import.meta.dirname, '..', '..', 'prisma');
    const scripts = ['migrations', 'postgresql/migrations'].flatMap((dir) =>
      readdirSync(path.join(root, dir))
        .map((name) => path.join(root, dir, name, 'migration.sql'))
        .filter((file) => existsSync(file)),
    );
    expect(scripts.length).toBeGreaterThan(5);
    for (const file of scripts) {
      const comments = readFileSync(file, 'utf8').split('\n').filter((line) => line.trimStart().startsWith('--'));
      expect(comments.filter((line) => line.includes(';')), path.relative(root, file)).toEqual([]);
    }
  });
});
