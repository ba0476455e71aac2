import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_FILES, engineOf, postgresSchemaFrom, SCHEMA_SOURCE } from './engine';

const root = path.resolve(import.meta.dirname, '../..');

describe('engines', () => {
  it('chooses the engine from DATABASE_URL and names anything else', () => {
    expect(engineOf('file:./data/slant.db')).toBe('sqlite');
    expect(engineOf('postgresql://u@db:5432/slant')).toBe('postgresql');
    expect(engineOf('postgres://u@db/slant')).toBe('postgresql');
    expect(() => engineOf('mysql://u@db/slant')).toThrow(/file: \(SQLite\) or postgresql:\/\//);
  });

  it('keeps prisma/postgresql/schema.prisma exactly what the one schema source gives (run `npm run db:schemas`)', () => {
    const source = readFileSync(path.join(root, SCHEMA_SOURCE), 'utf8');
    expect(readFileSync(path.join(root, ENGINE_FILES.postgresql.schema), 'utf8')).toBe(postgresSchemaFrom(source));
  });

  it('changes only the provider and the client folder', () => {
    const source = readFileSync(path.join(root, SCHEMA_SOURCE), 'utf8');
    const derived = postgresSchemaFrom(source);
    const models = (text: string) => text.slice(text.indexOf('model '));
    expect(models(derived)).toBe(models(source));
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('"../../generated/prisma-postgresql"');
    expect(() => postgresSchemaFrom(source.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/provider = "sqlite"/);
  });

  it('keeps one migration folder per change on each engine, with the same names from the PostgreSQL baseline on', async () => {
    const { readdirSync } = await import('node:fs');
    const names = (dir: string) => readdirSync(path.join(root, dir), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const sqlite = names(ENGINE_FILES.sqlite.migrations);
    const postgres = names(ENGINE_FILES.postgresql.migrations);
    const baseline = postgres[0];
    expect(baseline).toMatch(/_init$/);
    // Every SQLite migration after the PostgreSQL baseline has its PostgreSQL twin.
    expect(sqlite.filter((n) => n > baseline)).toEqual(postgres.slice(1));
  });
});
