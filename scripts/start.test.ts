import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm start', () => {
  it('refuses a placeholder NEXTAUTH_SECRET before touching the database or the build', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/start.ts'], {
      cwd: root,
      env: { ...process.env, NEXTAUTH_SECRET: 'changeme', DATABASE_URL: 'file:./data/never-created.db' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('NEXTAUTH_SECRET is the well-known placeholder "changeme"');
  });
});
