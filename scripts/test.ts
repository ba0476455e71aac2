// `npm test`: typecheck, unit tests, browser tests. Browser tests never skip silently: without
// a Chromium the run installs Debian's (when root on Debian) or stops with a clear message.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromiumPath } from './lib/chromium';
import { ensureBuild, ROOT } from './lib/setup';

const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function step(title: string, command: string, args: string[]): void {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`\n${title} failed.`);
    process.exit(result.status ?? 1);
  }
}

function ensureChromium(): void {
  if (chromiumPath()) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log('\n=== Installing Debian\'s chromium for the browser tests ===');
    const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (install().status !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'inherit' });
      install();
    }
  }
  if (!chromiumPath()) {
    console.error(
      '\nThe browser tests need Chromium and none was found.\n' +
        'Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary, then run `npm test` again.',
    );
    process.exit(1);
  }
}

// The build comes first: it generates the route types the typecheck reads.
console.log('=== Build ===');
ensureBuild();
step('Typecheck', bin('tsc'), ['--noEmit']);
step('Unit tests', bin('vitest'), ['run']);
// The benchmark's browser scenarios need Chromium too.
ensureChromium();
step('Benchmark smoke run', bin('tsx'), ['bench/run.ts', '--smoke']);
step('Browser tests', bin('playwright'), ['test']);
console.log('\nAll checks passed.');
