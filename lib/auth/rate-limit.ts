/**
 * A sliding-window counter of attempts per key, in memory. Sign-in uses two: per account and
 * per address. One process's memory is enough for the single-server default; several app
 * instances would need a shared store (part 6).
 */
export function createRateLimiter(options: { limit: number; windowMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const attempts = new Map<string, number[]>();
  const recent = (key: string) => {
    const cutoff = now() - options.windowMs;
    const list = (attempts.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) attempts.set(key, list);
    else attempts.delete(key);
    return list;
  };
  return {
    /** Whether another attempt is allowed now, and if not, how long until one is. */
    check(key: string): { allowed: boolean; retryAfterMs: number } {
      const list = recent(key);
      if (list.length < options.limit) return { allowed: true, retryAfterMs: 0 };
      return { allowed: false, retryAfterMs: list[0] + options.windowMs - now() };
    },
    record(key: string): void {
      attempts.set(key, [...recent(key), now()]);
    },
    reset(key: string): void {
      attempts.delete(key);
    },
  };
}

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
