import type { Db } from '../database/client';

/**
 * Sign-in limits, counted in the database (table SignInAttempt) so that they hold across every
 * app instance that shares it: a client cannot get ten more guesses by reaching another
 * instance behind the load balancer, and a restart forgets nothing.
 *
 * An attempt is reserved before the password is checked, inside one transaction (transactions
 * run one at a time on both engines: BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL),
 * so a burst of parallel guesses cannot all pass the count before any of them is recorded. A
 * successful sign-in gives its reservations back and clears the account's failures.
 */
export type SignInLimit = { key: string; limit: number };

export type Reservation = { allowed: true; ids: string[] } | { allowed: false; retryAfterMs: number };

export async function reserveSignInAttempt(
  db: Db,
  limits: SignInLimit[],
  options: { windowMs: number; now?: Date },
): Promise<Reservation> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.windowMs);
  return db.$transaction(async (tx) => {
    // Attempts that left the window, for every key: the table only ever holds one window.
    await tx.signInAttempt.deleteMany({ where: { createdAt: { lte: cutoff } } });
    for (const { key, limit } of limits) {
      const recent = await tx.signInAttempt.findMany({
        where: { key, createdAt: { gt: cutoff } },
        orderBy: { createdAt: 'asc' },
        select: { createdAt: true },
        take: limit,
      });
      if (recent.length >= limit) return { allowed: false, retryAfterMs: recent[0].createdAt.getTime() + options.windowMs - now.getTime() };
    }
    const ids: string[] = [];
    for (const { key } of limits) ids.push((await tx.signInAttempt.create({ data: { key, createdAt: now }, select: { id: true } })).id);
    return { allowed: true, ids };
  });
}

/** After a successful sign-in: the reservations do not count, and the account starts afresh. */
export async function signInSucceeded(db: Db, reservation: { ids: string[] }, accountKey: string): Promise<void> {
  await db.signInAttempt.deleteMany({ where: { OR: [{ id: { in: reservation.ids } }, { key: accountKey }] } });
}

/** The key an account's failed sign-ins are counted under. */
export const accountLimitKey = (email: string) => `account:${email}`;

/** The key a signed-in user's wrong current passwords (changing their own) are counted under. */
export const passwordChangeLimitKey = (userId: string) => `password-change:${userId}`;

// Failed sign-ins allowed per account and per client address in 15 minutes.
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_LIMIT = 10;
export const ADDRESS_LIMIT = 100;

/**
 * The client address a sign-in counts against. Next sets X-Forwarded-For to the socket's address
 * when the request has none; a reverse proxy appends the address it saw. The rightmost entry is
 * therefore the one written by the nearest hop, never an entry a client made up to its left.
 * Without a proxy a client can still send its own header and pick its address, so the
 * per-account limit is the one that always holds (docs/security.md).
 */
export function clientAddress(headers: Record<string, unknown> | undefined): string {
  const hops = String(headers?.['x-forwarded-for'] ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  return hops.at(-1) || String(headers?.['x-real-ip'] ?? '') || 'unknown';
}
