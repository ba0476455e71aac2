import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPrismaClient, type Db } from '../database/client';
import type { Engine } from '../database/engine';
import { applyMigrations } from '../database/migrate';
import { seedDemo } from '../database/seed';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * The PostgreSQL server the database tests run against, when they do: `npm test` starts a
 * throwaway cluster and runs the database tests a second time with this set (scripts/test.ts).
 */
export const TEST_POSTGRES_ENV = 'SLANT_TEST_POSTGRES_URL';

export function testEngine(): Engine {
  return process.env[TEST_POSTGRES_ENV] ? 'postgresql' : 'sqlite';
}

type TestDb = { db: Db; databaseUrl: string; engine: Engine; cleanup: () => Promise<void> };

/**
 * A migrated, demo-seeded database, one per test file: a SQLite file in a temporary folder, or,
 * when SLANT_TEST_POSTGRES_URL names a server, a new PostgreSQL database on it (dropped after).
 */
export async function createTestDb(): Promise<TestDb> {
  const server = process.env[TEST_POSTGRES_ENV];
  const created = server ? await createPostgresDatabase(server) : await createSqliteFile();
  await applyMigrations({ databaseUrl: created.databaseUrl, projectRoot: ROOT });
  const db = createPrismaClient(created.databaseUrl);
  await seedDemo(db, { password: 'demo-password' });
  return {
    db,
    databaseUrl: created.databaseUrl,
    engine: server ? 'postgresql' : 'sqlite',
    cleanup: async () => {
      await db.$disconnect();
      await created.remove();
    },
  };
}

async function createSqliteFile() {
  const dir = await mkdtemp(path.join(tmpdir(), 'slant-test-'));
  return { databaseUrl: `file:${path.join(dir, 'test.db')}`, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** One statement on a PostgreSQL server (creating or dropping a test database). */
export async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function createPostgresDatabase(serverUrl: string) {
  const name = `slant_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { databaseUrl: url.toString(), remove: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
