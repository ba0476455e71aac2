import 'server-only';
import { getServerSession } from 'next-auth';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { forbidden, redirect } from 'next/navigation';
import { db } from '../db';
import { DomainError } from '../errors';
import { authOptions } from './options';
import type { Actor } from './permissions';
import { roleSchema, type Role } from './roles';
import { createSessionReader, sessionCookieName, sessionStillValid, sessionTokenFrom, type SessionClaims } from './session-token';
import { userForToken } from './tokens';

export type SessionUser = Actor & { email: string; name: string };

const secret = authOptions.secret;
const readSession = secret ? createSessionReader({ secret }) : null;
const cookieName = sessionCookieName(authOptions.useSecureCookies ?? false);

async function sessionClaims(): Promise<SessionClaims | null> {
  // Without a configured secret next-auth derives one itself (development): leave it to next-auth.
  if (!readSession) {
    const session = (await getServerSession(authOptions)) as { uid?: string; epoch?: number } | null;
    return session?.uid ? { uid: session.uid, epoch: session.epoch ?? 0 } : null;
  }
  // The same token and claims getServerSession(authOptions) would read (its session callback
  // only copies `uid` and `epoch` from the token), without its per-call key derivation and re-encryption.
  return readSession(sessionTokenFrom((await cookies()).getAll(), cookieName));
}

/**
 * The signed-in user, reloaded from the database so role changes and deletions apply at once.
 * Read once per page render, though the layout, the page and its metadata all ask: React's cache
 * never outlives the request it was filled in.
 */
export const currentUser = cache(async function currentUser(): Promise<SessionUser | null> {
  const claims = await sessionClaims();
  if (!claims) return null;
  const user = await db.user.findFirst({ where: { id: claims.uid, deletedAt: null } });
  // A session from before a password change or a deactivation has ended, even once the account is back.
  if (!user || !sessionStillValid(user.sessionEpoch, claims)) return null;
  const role = roleSchema.safeParse(user.role);
  if (!role.success) return null;
  return { id: user.id, email: user.email, name: user.name, role: role.data };
});

/** For pages: sends anonymous visitors to /login, and answers the wrong role with the 403 page. */
export async function requirePageUser(options: { roles?: Role[]; next?: string } = {}): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(options.next ? `/login?callbackUrl=${encodeURIComponent(options.next)}` : '/login');
  if (options.roles && !options.roles.includes(user.role)) forbidden();
  return user;
}

/** The user of an `Authorization: Bearer <token>` header; a present but bad token is a 401. */
async function bearerUser(): Promise<SessionUser | null | 'invalid'> {
  const header = (await headers()).get('authorization');
  // Only the Bearer scheme is Slant's. Another (Basic, from a proxy's password prompt in front of
  // the app, say) is not meant for it, and leaves the session cookie to speak.
  if (!header || !/^Bearer(\s|$)/i.test(header)) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const user = match ? await userForToken(db, match[1]) : null;
  if (!user) return 'invalid';
  const role = roleSchema.safeParse(user.role);
  return role.success ? { id: user.id, email: user.email, name: user.name, role: role.data } : 'invalid';
}

/** For route handlers: throws 401 without a session or token, 403 for the wrong role. */
export async function requireApiUser(options: { roles?: Role[] } = {}): Promise<SessionUser> {
  const bearer = await bearerUser();
  if (bearer === 'invalid') throw new DomainError(401, 'The API token is unknown or revoked.');
  const user = bearer ?? (await currentUser());
  if (!user) throw new DomainError(401, 'Sign in first, or send an API token as "Authorization: Bearer <token>".');
  if (options.roles && !options.roles.includes(user.role)) throw new DomainError(403, 'Your role does not allow this.');
  return user;
}

/** An action's answer when the session has ended. The page stays (see revalidateUnlessSignedOut), and forms keep what was typed. */
export const SIGNED_OUT_ACTION_MESSAGE = 'You are signed out: your session has ended. Sign in again in another tab, then try once more.';

/**
 * For server actions: the signed-in user of the session cookie. API tokens are for the HTTP API
 * only; a token cannot reach the actions behind the pages (so a leaked token cannot, for
 * example, create a new token that outlives revoking it).
 */
export async function requireActionUser(options: { roles?: Role[] } = {}): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new DomainError(401, SIGNED_OUT_ACTION_MESSAGE);
  if (options.roles && !options.roles.includes(user.role)) throw new DomainError(403, 'Your role does not allow this.');
  return user;
}
