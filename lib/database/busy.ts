/**
 * Whether `error` means "the database was too busy to take this change, and nothing was written",
 * the answer to which is 503 and "try again", not a 500:
 * - Prisma could not start the transaction within its wait (P2028: SQLite's write lock or
 *   PostgreSQL's advisory locks stayed taken for the whole busy timeout), or the transaction ran
 *   past its time and was rolled back (also P2028);
 * - Prisma's "write conflict or deadlock, retry" (P2034);
 * - the driver's own codes: SQLITE_BUSY…, and PostgreSQL's lock_not_available (55P03, a lock
 *   timeout), deadlock_detected (40P01) and serialization_failure (40001).
 * Each of these fails the whole transaction, so nothing of it was kept.
 */
export function isBusyError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length) {
    const e = pending.pop();
    if (e === null || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const { code, originalCode, cause, meta } = e as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (code === 'P2028' || code === 'P2034') return true;
    for (const c of [code, originalCode]) {
      if (typeof c === 'string' && (c.startsWith('SQLITE_BUSY') || BUSY_POSTGRES_CODES.has(c))) return true;
    }
    pending.push(cause, meta?.driverAdapterError);
  }
  return false;
}

const BUSY_POSTGRES_CODES = new Set(['55P03', '40P01', '40001']);

export const BUSY_MESSAGE = 'The database is busy with other changes right now, so nothing was saved. Please try again in a moment.';

/** Seconds a client should wait before trying again (the Retry-After header of a 503). */
export const BUSY_RETRY_AFTER_SECONDS = 1;
