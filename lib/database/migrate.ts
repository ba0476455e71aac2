import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { openSchemaEngine, sqlitePathFromUrl } from './schema-engine';

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

async function readSchema(projectRoot: string) {
  const schemaPath = path.join(projectRoot, 'prisma', 'schema.prisma');
  return { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
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
    const rows = sqlite.prepare('SELECT migration_name AS name, finished_at AS finished, rolled_back_at AS rolledBack FROM _prisma_migrations').all() as {
      name: string;
      finished: unknown;
      rolledBack: unknown;
    }[];
    // A failed or rolled-back attempt is the engine's business: report it as pending.
    const done = new Set(rows.filter((r) => r.finished !== null && r.rolledBack === null).map((r) => r.name));
    return names.filter((n) => !done.has(n));
  } finally {
    sqlite.close();
  }
}

/** Applies prisma/migrations/* to the database, recording them in `_prisma_migrations`. Idempotent. */
export async function applyMigrations({ databaseUrl, projectRoot }: MigrateOptions): Promise<string[]> {
  const migrationsDir = path.join(projectRoot, 'prisma', 'migrations');
  if (databaseUrl.startsWith('file:')) {
    const file = path.resolve(projectRoot, sqlitePathFromUrl(databaseUrl));
    await mkdir(path.dirname(file), { recursive: true });
    // Up to date (every start and every command after the first): no schema engine, which would
    // wait for the write lock of a busy server with SQLite's own, short, blocking busy handler.
    const names = (await listMigrations(migrationsDir)).map((m) => m.path);
    if (pendingSqliteMigrations(file, names)?.length === 0) return [];
  }
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const { engine, close } = await openSchemaEngine({ databaseUrl, schema: await readSchema(projectRoot) });
  try {
    const result = await engine.applyMigrations({
      migrationsList: {
        baseDir: migrationsDir,
        lockfile: { path: 'migration_lock.toml', content: await readFile(lockPath, 'utf8').catch(() => null) },
        shadowDbInitScript: '',
        migrationDirectories: await listMigrations(migrationsDir),
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
export async function diffSchemaAgainstMigrations(projectRoot: string): Promise<string> {
  const schema = await readSchema(projectRoot);
  const migrationsDir = path.join(projectRoot, 'prisma', 'migrations');
  const dirs = (await listMigrations(migrationsDir).catch(() => [])).map((m) => m.path);
  const last = dirs.at(-1);
  const previous = last ? await readFile(path.join(migrationsDir, last, SCHEMA_SNAPSHOT), 'utf8') : null;
  const { engine, close } = await openSchemaEngine({ databaseUrl: ':memory:', schema });
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

export async function readSchemaText(projectRoot: string): Promise<string> {
  return (await readSchema(projectRoot)).content;
}

export async function fileExists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
