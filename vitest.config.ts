import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('.', import.meta.url)),
      // `server-only` throws outside React Server Components; unit tests import server modules directly.
      'server-only': fileURLToPath(new URL('./lib/testing/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'components/**/*.test.tsx', 'scripts/**/*.test.ts'],
    // PostgreSQL-only files run in the PostgreSQL pass of `npm test`, which names them explicitly.
    exclude: ['**/node_modules/**', ...(process.env.SLANT_TEST_POSTGRES_URL ? [] : ['**/*.postgres.test.ts'])],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    // Database and command-line tests spawn processes and run migrations; on two busy cores they need more than the default 5 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
