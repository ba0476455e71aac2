import { existsSync } from 'node:fs';
import { createPrismaClient } from '../database/client';
import { engineOf } from '../database/engine';
import { sqliteFile } from '../database/location';
import { applyMigrations, pendingMigrations } from '../database/migrate';
import { enableWal } from '../database/sqlite';

/** How long the start-up check waits for the database's answer (a host that drops packets never refuses). */
export const START_CHECK_TIMEOUT_MS = 10_000;

/**
 * The cause in one line. Prisma's errors open with "Invalid `prisma.$queryRaw()` invocation:" and
 * wrap the driver's words as "Raw query failed. Code: `N/A`. Message: `…`": keep those words.
 */
function messageOf(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n').map((l) => l.trim());
  const last = lines.filter((l) => l && !l.startsWith('Invalid `prisma.')).at(-1) ?? 'no reason given';
  return /Message: `(.+)`\.?$/.exec(last)?.[1] ?? last;
}

/**
 * What one production instance (`npm run serve`) does with its database before the server starts,
 * so that a database it cannot use stops it at once, with a non-zero exit its process manager
 * sees, instead of failing every request:
 * 1. applies pending migrations, unless `migrate` is false (a release step runs them);
 * 2. on SQLite, turns on WAL, as `npm start` and the command line do: it keeps saves durable and
 *    readers beside the writer, and `restore` can only see that a server has the file open in WAL
 *    mode;
 * 3. asks the database `SELECT 1` through the same client the app uses (same URL, same pool size);
 * 4. when it did not migrate, checks that no migration this build has is missing from the database.
 * Throws an Error whose message says which step failed and why.
 */
export async function prepareInstanceDatabase(options: {
  databaseUrl: string;
  projectRoot: string;
  migrate: boolean;
  timeoutMs?: number;
}): Promise<{ applied: string[] }> {
  const { databaseUrl, projectRoot } = options;
  let applied: string[] = [];
  if (options.migrate) {
    try {
      applied = await applyMigrations({ databaseUrl, projectRoot });
    } catch (error) {
      throw new Error(`the database could not be migrated: ${messageOf(error)}`);
    }
  }
  if (engineOf(databaseUrl) === 'sqlite') {
    const file = sqliteFile(databaseUrl, projectRoot);
    // Opening a missing file would create an empty database, and the app would fail on its first query.
    if (!existsSync(file)) {
      throw new Error(`there is no database at ${file}. Nothing creates it with SLANT_MIGRATE_ON_START=false: run npm run slant -- migrate first.`);
    }
    try {
      enableWal(databaseUrl, projectRoot);
    } catch (error) {
      throw new Error(`could not turn on WAL mode for ${file}: ${messageOf(error)}`);
    }
  }
  await checkConnection(databaseUrl, options.timeoutMs ?? START_CHECK_TIMEOUT_MS);
  if (!options.migrate) {
    // A build newer than its database (deployed before the release step ran, or a backup of an
    // older one restored) would fail on every request that meets a column it lacks.
    const pending = await pendingMigrations({ databaseUrl, projectRoot });
    if (pending === null) throw new Error('the database has no migration table: it was never migrated. Run npm run slant -- migrate first.');
    if (pending.length) {
      throw new Error(`the database lacks ${pending.length === 1 ? 'a migration' : `${pending.length} migrations`} this build needs (${pending.join(', ')}). Run npm run slant -- migrate first.`);
    }
  }
  return { applied };
}

async function checkConnection(databaseUrl: string, timeoutMs: number): Promise<void> {
  const db = createPrismaClient(databaseUrl);
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          reject(new Error(`no answer within ${timeoutMs / 1000} s`));
        }, timeoutMs);
      }),
    ]);
  } catch (error) {
    throw new Error(`the database cannot be reached: ${messageOf(error)}`);
  } finally {
    clearTimeout(timer);
    // After a timeout the connection attempt may still hang: do not wait for it to close.
    if (timedOut) void db.$disconnect().catch(() => undefined);
    else await db.$disconnect();
  }
}
