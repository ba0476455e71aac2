import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPrismaClient, type Db } from '../database/client';
import { applyMigrations } from '../database/migrate';
import { seedDemo } from '../database/seed';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A migrated, demo-seeded SQLite database in a temporary folder, one per test file. */
export async function createTestDb(): Promise<{ db: Db; databaseUrl: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'slant-test-'));
  const databaseUrl = `file:${path.join(dir, 'test.db')}`;
  await applyMigrations({ databaseUrl, projectRoot: ROOT });
  const db = createPrismaClient(databaseUrl);
  await seedDemo(db, { password: 'demo-password' });
  return {
    db,
    databaseUrl,
    cleanup: async () => {
      await db.$disconnect();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
