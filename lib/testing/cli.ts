import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * Runs `npm run slant -- <args>` against `databaseUrl`, as a user would, and returns what it
 * printed and its exit status.
 */
export function runSlant(databaseUrl: string, ...args: string[]): SpawnSyncReturns<string> {
  return runSlantWith({ databaseUrl }, ...args);
}

/**
 * runSlant from the folder `cwd` (default: the project's), with `env` added to the environment (a
 * variable set to undefined is removed from it).
 */
export function runSlantWith(
  options: { databaseUrl: string; cwd?: string; env?: Record<string, string | undefined> },
  ...args: string[]
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'scripts', 'slant.ts'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env, DATABASE_URL: options.databaseUrl },
    encoding: 'utf8',
  });
}

/**
 * The time limit of a test that runs the command line. Each run is a whole process (tsx compiles
 * the script, the database is checked and migrated), which takes 3 s on an idle machine and has
 * taken 10 s on a busy two-core one while the PostgreSQL tests ran beside it: the usual 30 s limit
 * is no measure of anything here. Tests still run two commands at most.
 */
export const CLI_TEST_TIMEOUT = 120_000;
