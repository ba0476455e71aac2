import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { knownMigrations } from '../database/backup';
import { applyMigrations } from '../database/migrate';
import { prepareInstanceDatabase } from './instance-database';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'slant-instance-'));
  dirs.push(dir);
  return dir;
};
const journalMode = (file: string) => {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite.pragma('journal_mode', { simple: true });
  } finally {
    sqlite.close();
  }
};

describe('an instance prepares its database before it serves', () => {
  it('migrates a new SQLite database and turns on WAL', async () => {
    const file = path.join(await tempDir(), 'new.db');
    const { applied } = await prepareInstanceDatabase({ databaseUrl: `file:${file}`, projectRoot: ROOT, migrate: true });
    expect(applied).toEqual(knownMigrations(ROOT));
    expect(journalMode(file)).toBe('wal');
  });

  it('turns on WAL for a database in rollback-journal mode also when it is not to migrate', async () => {
    const file = path.join(await tempDir(), 'journal.db');
    await applyMigrations({ databaseUrl: `file:${file}`, projectRoot: ROOT });
    expect(journalMode(file)).toBe('delete');
    const { applied } = await prepareInstanceDatabase({ databaseUrl: `file:${file}`, projectRoot: ROOT, migrate: false });
    expect(applied).toEqual([]);
    expect(journalMode(file)).toBe('wal');
  });

  it('stops on a missing SQLite file when it is not to migrate, and creates none', async () => {
    const file = path.join(await tempDir(), 'missing.db');
    await expect(prepareInstanceDatabase({ databaseUrl: `file:${file}`, projectRoot: ROOT, migrate: false })).rejects.toThrow(
      `there is no database at ${file}. Nothing creates it with SLANT_MIGRATE_ON_START=false: run npm run slant -- migrate first.`,
    );
    expect(existsSync(file)).toBe(false);
  });

  it('stops on a database older than the build when it is not to migrate, naming what it lacks', async () => {
    const file = path.join(await tempDir(), 'older.db');
    await applyMigrations({ databaseUrl: `file:${file}`, projectRoot: ROOT });
    const latest = knownMigrations(ROOT).at(-1)!;
    // As if the newest migration had not been applied (a backup from before it, say).
    const sqlite = new Database(file);
    sqlite.prepare('DELETE FROM _prisma_migrations WHERE migration_name = ?').run(latest);
    sqlite.close();
    await expect(prepareInstanceDatabase({ databaseUrl: `file:${file}`, projectRoot: ROOT, migrate: false })).rejects.toThrow(
      `the database lacks a migration this build needs (${latest}). Run npm run slant -- migrate first.`,
    );
    const empty = path.join(await tempDir(), 'empty.db');
    new Database(empty).close();
    await expect(prepareInstanceDatabase({ databaseUrl: `file:${empty}`, projectRoot: ROOT, migrate: false })).rejects.toThrow(
      'the database has no migration table: it was never migrated. Run npm run slant -- migrate first.',
    );
  });

  it('stops when PostgreSQL does not answer, also when it is not to migrate', async () => {
    // Nothing listens on port 1: the connection is refused at once.
    const databaseUrl = 'postgresql://slant@127.0.0.1:1/slant';
    await expect(prepareInstanceDatabase({ databaseUrl, projectRoot: ROOT, migrate: false })).rejects.toThrow("the database cannot be reached: Can't reach database server at 127.0.0.1:1");
    await expect(prepareInstanceDatabase({ databaseUrl, projectRoot: ROOT, migrate: true })).rejects.toThrow('the database could not be migrated: connect ECONNREFUSED 127.0.0.1:1');
  });

  it('gives up on a database that does not answer in time', async () => {
    // A listener that accepts the connection and never answers, like a host behind a dropped route.
    const { createServer } = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      await expect(
        prepareInstanceDatabase({ databaseUrl: `postgresql://slant@127.0.0.1:${port}/slant`, projectRoot: ROOT, migrate: false, timeoutMs: 500 }),
      ).rejects.toThrow('the database cannot be reached: no answer within 0.5 s');
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
