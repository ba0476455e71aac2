/**
 * Which database engine a DATABASE_URL names, and where each engine's schema and migrations live.
 *
 * prisma/schema.prisma is the one schema source (written for SQLite, portable by rule). The
 * PostgreSQL schema is derived from it by `postgresSchemaFrom` and never edited by hand, so the
 * two cannot drift (docs/decisions/006-two-engines-one-schema.md).
 */
export type Engine = 'sqlite' | 'postgresql';

export function engineOf(databaseUrl: string): Engine {
  if (databaseUrl.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgresql';
  throw new Error('DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL).');
}

export const SCHEMA_SOURCE = 'prisma/schema.prisma';

/** Schema file and migration folder of each engine, relative to the project root. */
export const ENGINE_FILES: Record<Engine, { schema: string; migrations: string }> = {
  sqlite: { schema: SCHEMA_SOURCE, migrations: 'prisma/migrations' },
  postgresql: { schema: 'prisma/postgresql/schema.prisma', migrations: 'prisma/postgresql/migrations' },
};

const GENERATED_NOTICE =
  '// GENERATED from prisma/schema.prisma by `npm run db:schemas` (also run by postinstall).\n' +
  '// Do not edit: change prisma/schema.prisma instead. A unit test fails when this copy is stale.\n';

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(new RegExp(pattern.source, 'g'));
  if (matches?.length !== 1) throw new Error(`prisma/schema.prisma: expected exactly one ${what}, found ${matches?.length ?? 0}.`);
  return text.replace(pattern, replacement);
}

/** The PostgreSQL schema: the same models, the postgresql provider, its own generated client. */
export function postgresSchemaFrom(source: string): string {
  let schema = replaceOnce(source, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"', 'provider = "sqlite" line');
  schema = replaceOnce(schema, /output\s*=\s*"\.\.\/generated\/prisma"/, 'output   = "../../generated/prisma-postgresql"', 'client output line');
  return GENERATED_NOTICE + schema;
}

/** The schema text an engine's migrations and client are made from. */
export function schemaFor(engine: Engine, source: string): string {
  return engine === 'sqlite' ? source : postgresSchemaFrom(source);
}
