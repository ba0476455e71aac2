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

/** Applies prisma/migrations/* to the database, recording them in `_prisma_migrations`. Idempotent. */
export async function applyMigrations({ databaseUrl, projectRoot }: MigrateOptions): Promise<string[]> {
  if (databaseUrl.startsWith('file:')) {
    await mkdir(path.dirname(path.resolve(projectRoot, sqlitePathFromUrl(databaseUrl))), { recursive: true });
  }
  const migrationsDir = path.join(projectRoot, 'prisma', 'migrations');
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
