// `npm run serve`: one production instance (docs/deploy.md runs N of them behind a load
// balancer). It never builds, seeds or writes local files: build once (`npm run build`) and
// give every instance the same environment. It applies pending migrations first unless
// SLANT_MIGRATE_ON_START=false (on PostgreSQL an advisory lock makes that safe when several
// instances start at once), turns on WAL on SQLite, and checks that the database answers.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveDatabaseUrl } from '../lib/database/location';
import { instanceConfig } from '../lib/deploy/instance-config';
import { prepareInstanceDatabase } from '../lib/deploy/instance-database';
import { loadDotEnv, ROOT, serve } from './lib/setup';

loadDotEnv();
const checked = instanceConfig(process.env);
if ('problems' in checked) {
  console.error(`Slant will not start:\n${checked.problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(2);
}
const { config } = checked;
// A relative SQLite path is the same file whatever folder the instance is started from.
const databaseUrl = resolveDatabaseUrl(config.databaseUrl, ROOT);
if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
  console.error('Slant will not start: there is no production build. Run `npm run build` once, then start the instances.');
  process.exit(2);
}
try {
  const { applied } = await prepareInstanceDatabase({ databaseUrl, projectRoot: ROOT, migrate: config.migrate });
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
} catch (error) {
  console.error(`Slant will not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
console.log(`Slant instance listening on port ${config.port} (public address ${config.nextAuthUrl}).`);
process.exit(
  await serve({
    port: config.port,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: databaseUrl, NEXTAUTH_URL: config.nextAuthUrl },
  }),
);
