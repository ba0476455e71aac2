import type { Db } from './client';

export type Health = { status: 'ok' } | { status: 'unavailable'; problem: string };

/** Whether the database answers a trivial query within `timeoutMs`. */
export async function databaseHealth(db: Db, timeoutMs = 3_000): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db.$queryRaw`SELECT 1`, timeout]);
    return { status: 'ok' };
  } catch (error) {
    // The cause goes to the server log; the answer only says which dependency failed.
    console.error('Health check: the database did not answer:', error instanceof Error ? error.message : error);
    return { status: 'unavailable', problem: 'The database does not answer.' };
  } finally {
    clearTimeout(timer);
  }
}
