// Shared steps of `npm start`, the test server and the CLI: environment, database, build.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createPrismaClient } from '../../lib/database/client';
import { resolveDatabaseUrl } from '../../lib/database/location';
import { applyMigrations } from '../../lib/database/migrate';
import { demoSignInLines, demoSignIns } from '../../lib/database/demo-sign-ins';
import { isDatabaseEmpty, seedDemo } from '../../lib/database/seed';
import { enableWal } from '../../lib/database/sqlite';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const DEFAULT_DATABASE_URL = 'file:./data/slant.db';

/** DATABASE_URL (or the default), a relative SQLite path made absolute from the project root. */
export function databaseUrlFromEnv(): string {
  return resolveDatabaseUrl(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, ROOT);
}

/** Reads .env (when present) into process.env without overriding variables already set. */
export function loadDotEnv(): void {
  const file = path.join(ROOT, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/** The demo keeps a generated NEXTAUTH_SECRET under data/, so sessions survive restarts. */
export function ensureSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const dir = path.join(ROOT, 'data');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, '.nextauth-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

export async function prepareDatabase(options: { databaseUrl: string; seed: boolean; demoPassword: string }) {
  const databaseUrl = resolveDatabaseUrl(options.databaseUrl, ROOT);
  const applied = await applyMigrations({ databaseUrl, projectRoot: ROOT });
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  enableWal(databaseUrl, ROOT);
  if (!options.seed) return { seeded: false };
  const db = createPrismaClient(databaseUrl);
  try {
    if (!(await isDatabaseEmpty(db))) return { seeded: false };
    await seedDemo(db, { password: options.demoPassword });
    console.log('Seeded the demo projects "Demo: media bias" and "Demo: review practice".');
    return { seeded: true };
  } finally {
    await db.$disconnect();
  }
}

/**
 * The lines `npm start` prints before it serves: the demo users left in the database (all of them
 * when it was just seeded), with DEMO_PASSWORD only for those whose password it still is.
 */
export async function demoSignInText(options: { url: string; databaseUrl: string; password: string }): Promise<string> {
  const db = createPrismaClient(resolveDatabaseUrl(options.databaseUrl, ROOT));
  try {
    const users = await demoSignIns(db, options.password);
    return demoSignInLines({ url: options.url, password: options.password, ...users }).join('\n');
  } finally {
    await db.$disconnect();
  }
}

// The build is stale when any input to it changed: hash the sources instead of trusting mtimes.
const BUILD_INPUTS = ['app', 'components', 'lib', 'public', 'prisma/schema.prisma', 'next.config.ts', 'package-lock.json', 'tsconfig.json', 'proxy.ts'];
const STAMP = path.join(ROOT, '.next', 'slant-build-inputs.sha256');

function hashInputs(): string {
  const hash = createHash('sha256');
  const visit = (rel: string) => {
    const abs = path.join(ROOT, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        if (/\.test\.tsx?$/.test(name)) continue;
        visit(path.join(rel, name));
      }
    } else {
      hash.update(rel).update('\0').update(readFileSync(abs)).update('\0');
    }
  };
  BUILD_INPUTS.forEach(visit);
  return hash.digest('hex');
}

export function ensureBuild(): void {
  const inputs = hashInputs();
  const fresh = existsSync(path.join(ROOT, '.next', 'BUILD_ID')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === inputs;
  if (fresh) return;
  console.log('Building Slant (the build is missing or older than the sources)...');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('next build failed; see the output above.');
  writeFileSync(STAMP, inputs);
}

/** Runs `next start` in the foreground; resolves with its exit code. */
export function serve(options: { port: number; env: NodeJS.ProcessEnv }): Promise<number> {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(options.port)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: options.env,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}
