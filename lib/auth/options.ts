import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import { z } from 'zod';
import { db } from '../db';
import { env } from '../env';
import { verifiedOAuthEmail } from './oauth-email';
import { hashPassword, verifyPassword } from './password';
import { SESSION_MAX_AGE_S, sessionEnd, sessionOver } from './session-token';
import { ACCOUNT_LIMIT, accountLimitKey, ADDRESS_LIMIT, clientAddress, reserveSignInAttempt, SIGN_IN_WINDOW_MS, signInSucceeded } from './rate-limit';

export const RATE_LIMITED = 'RATE_LIMITED';

/** A hash no password matches in practice, made once per process, checked against for addresses without a password. */
let unknownHash: Promise<string> | null = null;
const unknownAccountHash = () => (unknownHash ??= hashPassword(`unknown-account-${Math.random()}-${Date.now()}`));


const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().email(), password: z.string().min(1).max(1024) });

// OAuth providers switch on when both of their variables are set. They only sign in people an
// admin has already created (matched by verified e-mail): an OAuth account never creates a user.
function oauthProviders() {
  const e = env();
  const providers = [];
  if (e.GITHUB_ID && e.GITHUB_SECRET) providers.push(GitHubProvider({ clientId: e.GITHUB_ID, clientSecret: e.GITHUB_SECRET }));
  if (e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET }));
  }
  return providers;
}

export const enabledOAuthProviders = () => oauthProviders().map((p) => ({ id: p.id, name: p.name }));

/** Session cookies are Secure (and `__Secure-` prefixed) whenever the app is served over https. */
export function usesSecureCookies(url: string | undefined): boolean {
  return (url ?? '').startsWith('https://');
}

export const authOptions: NextAuthOptions = {
  useSecureCookies: usesSecureCookies(process.env.NEXTAUTH_URL),
  // JWT sessions: no session table, and every request still reloads the user (lib/auth/session.ts),
  // so a changed role or a deleted user takes effect at once (docs/decisions/003-sessions.md).
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  secret: env().NEXTAUTH_SECRET,
  // next-auth's own error page would show unstyled (its API routes allow no styles): errors come back to the sign-in page.
  pages: { signIn: '/login', error: '/login' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const account = accountLimitKey(parsed.data.email);
        const address = `address:${clientAddress(request?.headers)}`;
        // Reserved before the password is checked, so guessing stops being useful once the limit
        // is hit, on every instance at once. A failure keeps its reservation: that is the count.
        const reservation = await reserveSignInAttempt(
          db,
          [
            { key: account, limit: ACCOUNT_LIMIT },
            { key: address, limit: ADDRESS_LIMIT },
          ],
          { windowMs: SIGN_IN_WINDOW_MS },
        );
        if (!reservation.allowed) throw new Error(RATE_LIMITED);
        const user = await db.user.findFirst({ where: { email: parsed.data.email, deletedAt: null } });
        // A password is checked even for an unknown address, so the time taken does not tell which addresses have accounts.
        const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await unknownAccountHash()));
        if (!ok || !user?.passwordHash) return null;
        await signInSucceeded(db, reservation, account);
        // The epoch read with the password just checked: a change saved meanwhile has counted it up.
        return { id: user.id, email: user.email, name: user.name, epoch: user.sessionEpoch };
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider === 'credentials') return true;
      const email = await verifiedOAuthEmail({ provider: account?.provider ?? '', email: user.email, profile, accessToken: account?.access_token });
      if (!email) return false;
      return (await db.user.count({ where: { email, deletedAt: null } })) === 1;
    },
    async jwt({ token, user, account }) {
      if (user && account) {
        // Store our own user id, whatever id the OAuth provider used.
        const dbUser = await db.user.findFirst({ where: { email: (user.email ?? '').toLowerCase(), deletedAt: null } });
        if (dbUser) token.uid = dbUser.id;
        // The session's epoch: a password change or a deactivation counts the user's up and so ends it.
        // For a password sign-in, the one read with the password checked; for OAuth, the one read just now.
        const checked = (user as { epoch?: unknown }).epoch;
        token.epoch = typeof checked === 'number' ? checked : (dbUser?.sessionEpoch ?? 0);
        // When the sign-in happened. next-auth gives the token a new expiry each time its session
        // endpoint is asked; this does not move, so a session ends 12 hours after its sign-in.
        token.signedInAt = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    async session({ session, token }) {
      // A session past its sign-in's end answers no user (the same rule as lib/auth/session-token.ts).
      const until = sessionEnd(token);
      if (until === null || sessionOver(until)) return { expires: session.expires };
      return { ...session, uid: token.uid, epoch: token.epoch };
    },
  },
};
