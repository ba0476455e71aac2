import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signInAs } from './helpers';

/** The shell blocks of docs/api.md, minus the export lines that set the variables. */
function documentedCommands(): string[] {
  const doc = readFileSync(path.resolve(import.meta.dirname, '..', 'docs', 'api.md'), 'utf8');
  return [...doc.matchAll(/```sh\n([\s\S]*?)```/g)]
    .flatMap((m) => m[1].split('\n'))
    .filter((line) => line.trim() && !line.startsWith('export '));
}

test('every curl example in docs/api.md works against the running server', async ({ page, baseURL }) => {
  await signInAs(page, 'reviewer@demo.test');
  await page.goto('/settings/tokens');
  await page.getByLabel('Token name').fill('docs');
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())!.trim();

  const commands = documentedCommands();
  expect(commands.filter((c) => c.startsWith('curl')).length).toBeGreaterThanOrEqual(7);
  const cwd = mkdtempSync(path.join(tmpdir(), 'slant-api-docs-'));
  for (const command of commands) {
    const result = spawnSync('bash', ['-euo', 'pipefail', '-c', command], {
      cwd,
      env: { ...process.env, SLANT_URL: baseURL!, SLANT_TOKEN: token },
      encoding: 'utf8',
    });
    expect(result.status, `${command}\n${result.stderr}`).toBe(0);
    if (command.startsWith('curl') && !command.includes(' -o ')) {
      expect(() => JSON.parse(result.stdout), `${command} printed JSON`).not.toThrow();
    }
  }
  expect(readFileSync(path.join(cwd, 'all.jsonl'), 'utf8').split('\n')[0]).toContain('"manifest"');
});
