import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'slant-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

describe('npm start', () => {
  it('refuses a placeholder NEXTAUTH_SECRET before touching the database or the build', () => {
    const result = start({ NEXTAUTH_SECRET: 'changeme', DATABASE_URL: 'file:./data/never-created.db' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('NEXTAUTH_SECRET is the well-known placeholder "changeme"');
  });

  it('refuses an empty DEMO_PASSWORD, which the app would refuse at every request, before seeding anything', () => {
    const file = path.join(dir, 'never-seeded.db');
    const result = start({ NEXTAUTH_SECRET: 'k'.repeat(40), DEMO_PASSWORD: '', DATABASE_URL: `file:${file}` });
    expect(result.stderr).toBe('Slant will not start: DEMO_PASSWORD must be at least 8 characters: the demo users sign in with it.\n');
    expect(result.status).toBe(2);
    expect(existsSync(file)).toBe(false);
  });
});
