// Runs `prisma generate` without letting the Prisma CLI download its schema-engine binary.
// `generate` itself only uses WebAssembly; the CLI merely checks that an engine file exists,
// so any existing file satisfies it (see docs/decisions/001-offline-migrations.md).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const prismaCli = fileURLToPath(new URL('../node_modules/prisma/build/index.js', import.meta.url));
const result = spawnSync(process.execPath, [prismaCli, 'generate'], { stdio: 'inherit', env });
if (result.status !== 0) {
  console.error('prisma generate failed; the database client could not be created.');
  process.exit(result.status ?? 1);
}
