// The server the browser tests run against: a fresh SQLite file with the demo seed, the
// production build, its own port. Playwright starts and stops it (playwright.config.ts).
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ensureBuild, prepareDatabase, ROOT, serve } from './lib/setup';

const port = Number(process.env.E2E_PORT ?? 3100);
const file = path.join(ROOT, 'data', 'e2e.db');
for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
const databaseUrl = `file:${file}`;

await prepareDatabase({ databaseUrl, seed: true, demoPassword: 'demo-password' });
ensureBuild();
process.exit(
  await serve({
    port,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: databaseUrl,
      DEMO_PASSWORD: 'demo-password',
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: 'e2e-only-secret-not-for-production',
    },
  }),
);
