import { defineConfig } from 'prisma/config';

// Only `prisma generate` uses this file here; migrations run through scripts/slant.ts
// (Prisma's schema engine compiled to WebAssembly), see docs/decisions/001-offline-migrations.md.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/slant.db' },
});
