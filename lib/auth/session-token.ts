import { decode } from 'next-auth/jwt';

// Reading next-auth's session cookie without next-auth's whole session endpoint.
//
// `getServerSession` runs the `/api/auth/session` action for every call: it decrypts the JWT
// (deriving the key with HKDF each time), runs the callbacks and then encrypts a refreshed token
// that a route handler or a server component cannot even send back. That is about a millisecond
// of CPU per request. Here the token is decrypted by next-auth's own `decode`, and what it yields
// (the user id and the expiry) is remembered per token string: a token is immutable, so the same
// string always decrypts to the same claims. The expiry is checked again on every use, exactly as
// `decode` checks it (jose's 15-second clock tolerance), and so is the end of the sign-in the
// token comes from (`SESSION_MAX_AGE_S`): next-auth refreshes `exp`, never the sign-in time.
// Nothing else is cached: the caller still reloads the user from the database on every request,
// so a deleted or demoted user is refused at once (docs/decisions/003-sessions.md).

export const sessionCookieName = (secure: boolean) => (secure ? '__Secure-next-auth.session-token' : 'next-auth.session-token');

/** next-auth's clock tolerance when it decodes a session token (seconds). */
const CLOCK_TOLERANCE_S = 15;

/**
 * How long a session lasts from its sign-in (seconds), however often it is refreshed. next-auth
 * issues a token with a new expiry whenever `/api/auth/session` is asked, so `exp` alone would let
 * a copied cookie be kept alive for ever; the sign-in time it carries does not move.
 */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;

type Cookie = { name: string; value: string };

/**
 * The session token from the request's cookies, put back together from its chunks (`name.0`,
 * `name.1`, ... for a token longer than one cookie) the way next-auth's SessionStore does.
 */
export function sessionTokenFrom(cookies: Cookie[], cookieName: string): string | null {
  const chunks = cookies.filter((c) => c.name.startsWith(cookieName));
  if (!chunks.length) return null;
  const index = (name: string) => parseInt(name.split('.').pop() || '0');
  return chunks
    .sort((a, b) => index(a.name) - index(b.name))
    .map((c) => c.value)
    .join('');
}

/**
 * What Slant reads from a session: whose it is, and the user's session epoch when it began (read
 * with the password it was checked against; 0 in tokens from before epochs were recorded).
 */
export type SessionClaims = { uid: string; epoch: number };
/** The claims and the last second the session counts, the earlier of its expiry and its sign-in's end. */
type Claims = SessionClaims & { until: number };

/**
 * The last second a session counts: `SESSION_MAX_AGE_S` after its sign-in, and never after the
 * token's own expiry. A token without a sign-in time (issued before it was recorded) has none: its
 * holder signs in again.
 */
export function sessionEnd(payload: Record<string, unknown>): number | null {
  const signedInAt = payload.signedInAt;
  if (typeof signedInAt !== 'number' || !Number.isFinite(signedInAt)) return null;
  const end = signedInAt + SESSION_MAX_AGE_S;
  return typeof payload.exp === 'number' ? Math.min(end, payload.exp) : end;
}

/** Whether a session that counts until `until` (seconds) still counts, with next-auth's clock tolerance. */
export const sessionOver = (until: number, nowMs = Date.now()) => until <= Math.floor(nowMs / 1000) - CLOCK_TOLERANCE_S;

/**
 * Whether a session still counts for its user: every password change and deactivation counts the
 * user's epoch up, so a session begun before it (even one whose sign-in was checked against the
 * old password while the change was being saved) carries an older epoch and has ended.
 */
export function sessionStillValid(userEpoch: number, claims: SessionClaims): boolean {
  return claims.epoch === userEpoch;
}
type Decode = typeof decode;

/** `read(token)` answers the claims of a valid, unexpired session token, or null. `decodeToken` is for tests. */
export function createSessionReader(options: { secret: string; maxEntries?: number; decodeToken?: Decode }) {
  const maxEntries = options.maxEntries ?? 10_000;
  const decodeToken = options.decodeToken ?? decode;
  const known = new Map<string, Claims>();

  const answer = (claims: Claims): SessionClaims => ({ uid: claims.uid, epoch: claims.epoch });
  return async function read(token: string | null): Promise<SessionClaims | null> {
    if (!token) return null;
    const claims = known.get(token);
    if (claims) {
      if (!sessionOver(claims.until)) return answer(claims);
      known.delete(token);
      return null;
    }
    let payload: Awaited<ReturnType<Decode>>;
    try {
      payload = await decodeToken({ token, secret: options.secret });
    } catch {
      // Tampered, foreign, malformed or expired: no session, as with getServerSession.
      return null;
    }
    // A token without a user id is no session, nor one without a sign-in time or past its end.
    if (!payload || typeof payload.uid !== 'string') return null;
    const until = sessionEnd(payload);
    if (until === null || sessionOver(until)) return null;
    const found: SessionClaims = { uid: payload.uid, epoch: typeof payload.epoch === 'number' ? payload.epoch : 0 };
    if (known.size >= maxEntries) known.delete(known.keys().next().value!);
    known.set(token, { ...found, until });
    return found;
  };
}
