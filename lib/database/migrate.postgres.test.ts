import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_POSTGRES_ENV } from '../testing/test-db';
import { applyMigrations, diffSchemaAgainstMigrations } from './migrate';

// PostgreSQL only: run in the PostgreSQL pass of `npm test` (scripts/test.ts), left out of the
// SQLite pass by vitest.config.ts. The SQLite side of the same promises is in migrate.test.ts.
const root = path.resolve(import.meta.dirname, '../..');
const server = process.env[TEST_POSTGRES_ENV];
if (!server) throw new Error(`${TEST_POSTGRES_ENV} must name a PostgreSQL server for this file.`);

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('migrations on PostgreSQL', () => {
  const name = `slant_migrate_${process.pid}`;
  let url: string;
  beforeAll(async () => {
    await query(server!, `CREATE DATABASE ${name}`);
    const u = new URL(server!);
    u.pathname = `/${name}`;
    url = u.toString();
  });
  afterAll(async () => query(server!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('has a PostgreSQL migration for every change in prisma/schema.prisma', async () => {
    const sql = await diffSchemaAgainstMigrations(root, 'postgresql', server);
    expect(sql.trim()).toBe('-- This is an empty migration.');
  });

  it('migrates once when several instances start at the same time, and is idempotent', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => applyMigrations({ databaseUrl: url, projectRoot: root })));
    const applied = runs.filter((r) => r.length > 0);
    expect(applied).toHaveLength(1);
    expect(await applyMigrations({ databaseUrl: url, projectRoot: root })).toEqual([]);
    const tables = (await query<{ tablename: string }>(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).map((r) => r.tablename);
    expect(tables).toEqual(expect.arrayContaining(['User', 'Project', 'Article', 'Span', 'AuditEvent', 'SignInAttempt', '_prisma_migrations']));
    const [recorded] = await query<{ n: string }>(url, 'SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL');
    expect(Number(recorded.n)).toBe(applied[0].length);
  });
});
