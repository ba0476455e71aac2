// `npm test`: typecheck, unit tests, browser tests. Browser tests never skip silently: without
// a Chromium the run installs Debian's (when root on Debian) or stops with a clear message.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BOTH_ENGINES, POSTGRES_ONLY } from '../lib/testing/database-tests';
import { TEST_POSTGRES_ENV } from '../lib/testing/test-db';
import { chromiumPath } from './lib/chromium';
import { postgresBin, startThrowawayPostgres } from './lib/postgres';
import { ensureBuild, ROOT } from './lib/setup';

const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function step(title: string, command: string, args: string[]): void {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`\n${title} failed.`);
    process.exit(result.status ?? 1);
  }
}

/**
 * A tool the tests need: found, or installed from Debian's archive when this runs as root on
 * Debian (as CI does), or else a clear stop naming how to get it. Never a silent skip.
 */
function ensureTool(options: { found: () => unknown; aptPackage: string; purpose: string; otherwise: string }): void {
  if (options.found()) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log(`\n=== Installing Debian's ${options.aptPackage} for ${options.purpose} ===`);
    const install = () =>
      spawnSync('apt-get', ['install', '-y', '--no-install-recommends', options.aptPackage], { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (install().status !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'inherit' });
      install();
    }
  }
  if (!options.found()) {
    console.error(
      `\n${options.purpose[0].toUpperCase()}${options.purpose.slice(1)} need ${options.aptPackage} and none was found.\n` +
        `Install it with \`sudo apt-get install -y ${options.aptPackage}\` (Debian/Ubuntu), ${options.otherwise}, then run \`npm test\` again.`,
    );
    process.exit(1);
  }
}

const ensureChromium = () =>
  ensureTool({ found: chromiumPath, aptPackage: 'chromium', purpose: 'the browser tests', otherwise: 'or set CHROMIUM_PATH to a Chromium or Chrome binary' });
const ensurePostgres = () =>
  ensureTool({
    found: postgresBin,
    aptPackage: 'postgresql',
    purpose: 'the database tests on PostgreSQL',
    otherwise: 'or set PG_BIN to the folder holding initdb and pg_ctl',
  });

// The build comes first: it generates the route types the typecheck reads.
console.log('=== Build ===');
ensureBuild();
step('Typecheck', bin('tsc'), ['--noEmit']);
step('Unit tests (database tests on SQLite)', bin('vitest'), ['run']);
// The same database tests again on a throwaway PostgreSQL cluster, which the browser tests'
// multi-instance spec uses too; it is removed when this script ends, however it ends.
ensurePostgres();
console.log('\n=== PostgreSQL: starting a throwaway cluster ===');
const postgres = await startThrowawayPostgres();
process.on('exit', () => postgres.stop());
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
console.log(`PostgreSQL is listening on port ${postgres.port}.`);
env[TEST_POSTGRES_ENV] = postgres.url;
step('Database tests on PostgreSQL', bin('vitest'), ['run', ...BOTH_ENGINES, ...POSTGRES_ONLY]);
// The benchmark's browser scenarios need Chromium too.
ensureChromium();
step('Benchmark smoke run', bin('tsx'), ['bench/run.ts', '--smoke']);
step('Browser tests', bin('playwright'), ['test']);
console.log('\nAll checks passed.');
