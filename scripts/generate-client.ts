// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma, then generates both database
// clients (SQLite and PostgreSQL) without letting the Prisma CLI download its schema-engine
// binary: `generate` itself only uses WebAssembly; the CLI merely checks that an engine file
// exists, so any existing file satisfies it (docs/decisions/001-offline-migrations.md, 006).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ENGINE_FILES, postgresSchemaFrom, SCHEMA_SOURCE } from '../lib/database/engine';

const root = path.resolve(import.meta.dirname, '..');
const postgresSchema = path.join(root, ENGINE_FILES.postgresql.schema);
mkdirSync(path.dirname(postgresSchema), { recursive: true });
const derived = postgresSchemaFrom(readFileSync(path.join(root, SCHEMA_SOURCE), 'utf8'));
let current = '';
try {
  current = readFileSync(postgresSchema, 'utf8');
} catch {}
if (current !== derived) writeFileSync(postgresSchema, derived);

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const prismaCli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
if (process.argv.includes('--schemas-only')) process.exit(0);
for (const schema of [ENGINE_FILES.sqlite.schema, ENGINE_FILES.postgresql.schema]) {
  const result = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', schema], { stdio: 'inherit', env, cwd: root });
  if (result.status !== 0) {
    console.error(`prisma generate failed for ${schema}; the database client could not be created.`);
    process.exit(result.status ?? 1);
  }
}
