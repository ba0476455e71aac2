import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { ENGINE_FILES, engineOf, SCHEMA_SOURCE, schemaFor, type Engine } from './engine';
import { resolveDatabaseUrl, sqliteFile } from './location';
import { openSchemaEngine } from './schema-engine';

const NO_FILTERS = { externalTables: [], externalEnums: [] };

export type MigrateOptions = { databaseUrl: string; projectRoot: string };

async function listMigrations(migrationsDir: string) {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    dirs.map(async (dir) => ({
      path: dir,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(path.join(migrationsDir, dir, 'migration.sql'), 'utf8') },
      },
    })),
  );
}

/** The schema of `engine`, derived from the one source (never read from the derived copy). */
async function readSchema(projectRoot: string, engine: Engine = 'sqlite') {
  const source = await readFile(path.join(projectRoot, SCHEMA_SOURCE), 'utf8');
  return { path: path.join(projectRoot, ENGINE_FILES[engine].schema), content: schemaFor(engine, source) };
}

/** Finished, not rolled-back migration names from `_prisma_migrations` rows. */
function pendingOf(rows: { name: string; finished: unknown; rolledBack: unknown }[], names: string[]): string[] {
  // A failed or rolled-back attempt is the engine's business: report it as pending.
  const done = new Set(rows.filter((r) => r.finished !== null && r.rolledBack === null).map((r) => r.name));
  return names.filter((n) => !done.has(n));
}

const MIGRATION_ROWS = 'SELECT migration_name AS name, finished_at AS finished, rolled_back_at AS "rolledBack" FROM _prisma_migrations';

/**
 * Any fixed number: every Slant instance takes this PostgreSQL advisory lock around its start-up
 * migration, so when N instances start at once one migrates and the others wait, then find
 * nothing pending.
 */
export const MIGRATION_LOCK_KEY = 7_305_726_001;

async function withPostgresMigrationLock<T>(databaseUrl: string, work: (pending: (names: string[]) => Promise<string[] | null>) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const pending = async (names: string[]) => {
      const table = await client.query("SELECT to_regclass('_prisma_migrations') AS t");
      if (table.rows[0].t === null) return null;
      return pendingOf((await client.query(MIGRATION_ROWS)).rows, names);
    };
    return await work(pending);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/**
 * The migration folders a SQLite database has not applied yet, read without a lock (a WAL reader
 * never waits for writers). Null when the database or its migration table does not exist yet.
 */
export function pendingSqliteMigrations(file: string, names: string[]): string[] | null {
  if (!existsSync(file)) return null;
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return null;
    return pendingOf(sqlite.prepare(MIGRATION_ROWS).all() as { name: string; finished: unknown; rolledBack: unknown }[], names);
  } finally {
    sqlite.close();
  }
}

/**
 * Applies the engine's migrations (prisma/migrations/* for SQLite, prisma/postgresql/migrations/*
 * for PostgreSQL), recording them in `_prisma_migrations`. Idempotent; returns the names applied.
 */
export async function applyMigrations({ databaseUrl, projectRoot }: MigrateOptions): Promise<string[]> {
  const engine = engineOf(databaseUrl);
  const migrationsDir = path.join(projectRoot, ENGINE_FILES[engine].migrations);
  const migrations = await listMigrations(migrationsDir);
  const names = migrations.map((m) => m.path);
  if (engine === 'postgresql') {
    return withPostgresMigrationLock(databaseUrl, async (pending) => {
      if ((await pending(names))?.length === 0) return [];
      return runSchemaEngine(databaseUrl, projectRoot, engine, migrationsDir, migrations);
    });
  }
  const file = sqliteFile(databaseUrl, projectRoot);
  await mkdir(path.dirname(file), { recursive: true });
  // Up to date (every start and every command after the first): no schema engine, which would
  // wait for the write lock of a busy server with SQLite's own, short, blocking busy handler.
  if (pendingSqliteMigrations(file, names)?.length === 0) return [];
  // The engine's driver would resolve a relative path against the working directory: give it the file checked above.
  return runSchemaEngine(resolveDatabaseUrl(databaseUrl, projectRoot), projectRoot, engine, migrationsDir, migrations);
}

/**
 * The migrations the database has not applied (its engine's folders), for a start that does not
 * migrate itself; null when it has no migration table at all.
 */
export async function pendingMigrations({ databaseUrl, projectRoot }: MigrateOptions): Promise<string[] | null> {
  const engine = engineOf(databaseUrl);
  const names = (await listMigrations(path.join(projectRoot, ENGINE_FILES[engine].migrations))).map((m) => m.path);
  if (engine === 'postgresql') return withPostgresMigrationLock(databaseUrl, (pending) => pending(names));
  return pendingSqliteMigrations(sqliteFile(databaseUrl, projectRoot), names);
}

async function runSchemaEngine(
  databaseUrl: string,
  projectRoot: string,
  engineName: Engine,
  migrationsDir: string,
  migrations: Awaited<ReturnType<typeof listMigrations>>,
): Promise<string[]> {
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const { engine, close } = await openSchemaEngine({ databaseUrl, schema: await readSchema(projectRoot, engineName) });
  try {
    const result = await engine.applyMigrations({
      migrationsList: {
        baseDir: migrationsDir,
        lockfile: { path: 'migration_lock.toml', content: await readFile(lockPath, 'utf8').catch(() => null) },
        shadowDbInitScript: '',
        migrationDirectories: migrations,
      },
      filters: NO_FILTERS,
    });
    return result.appliedMigrationNames;
  } finally {
    await close();
  }
}

/** Each migration folder keeps the schema it was made from, so the next diff needs no database. */
export const SCHEMA_SNAPSHOT = 'schema.prisma.snapshot';

/**
 * The SQL that turns the schema of the newest migration into prisma/schema.prisma, computed from
 * the two schema texts alone (the WASM engine cannot replay migrations into a shadow database
 * through the driver adapter). Empty when the migrations are up to date.
 */
/**
 * `serverUrl`: for PostgreSQL, a server the engine can connect to (it asks for its version when it
 * starts, though the diff itself reads nothing); SQLite diffs run in memory.
 */
export async function diffSchemaAgainstMigrations(projectRoot: string, engineName: Engine = 'sqlite', serverUrl?: string): Promise<string> {
  const schema = await readSchema(projectRoot, engineName);
  const migrationsDir = path.join(projectRoot, ENGINE_FILES[engineName].migrations);
  const dirs = (await listMigrations(migrationsDir).catch(() => [])).map((m) => m.path);
  const last = dirs.at(-1);
  // Snapshots keep the source schema as it was; the engine's variant is derived from it again.
  const snapshot = last ? await readFile(path.join(migrationsDir, last, SCHEMA_SNAPSHOT), 'utf8') : null;
  const previous = snapshot === null ? null : schemaFor(engineName, snapshot);
  if (engineName === 'postgresql' && !serverUrl) throw new Error('A PostgreSQL schema diff needs a server to connect to.');
  const databaseUrl = engineName === 'sqlite' ? 'file::memory:' : serverUrl!;
  const { engine, close } = await openSchemaEngine({ databaseUrl, schema });
  try {
    const result = await engine.diff({
      from: previous === null ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path: SCHEMA_SNAPSHOT, content: previous }] },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? '';
  } finally {
    await close();
  }
}

/** The one schema source, as written (what a migration folder's snapshot keeps). */
export async function readSchemaText(projectRoot: string): Promise<string> {
  return readFile(path.join(projectRoot, SCHEMA_SOURCE), 'utf8');
}

export async function fileExists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
