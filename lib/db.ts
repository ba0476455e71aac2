import 'server-only';
import { createPrismaClient, type Db } from './database/client';
import { env } from './env';

// One client per server process; Next's dev server re-evaluates modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { slantDb?: Db };

export const db: Db = globalForDb.slantDb ?? createPrismaClient(env().DATABASE_URL);
globalForDb.slantDb = db;
