import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login-form';
import { safeCallbackPath } from '@/lib/auth/callback';
import { enabledOAuthProviders, RATE_LIMITED } from '@/lib/auth/options';
import { signInFailure } from '@/lib/auth/sign-in-failure';
import { currentUser } from '@/lib/auth/session';

export const metadata = { title: 'Sign in' };

/** What next-auth's `error` parameter means, for someone sent back here by a failed sign-in. */
function signInProblem(error: unknown): string | null {
  if (typeof error !== 'string' || !error) return null;
  // A password sign-in sent here without the page's script (no JavaScript): the form's own words.
  if (error === 'CredentialsSignin' || error === RATE_LIMITED) return signInFailure(error).message;
  if (error === 'AccessDenied') return 'That account has no access to Slant. Ask an admin to create a user with its e-mail address.';
  return 'Signing in through that service did not work. Try again, or sign in with your e-mail and password.';
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Only a path on this site: anything else would make the sign-in page an open redirect.
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  return (
    <section className="login">
      <h1>Sign in to Slant</h1>
      <p className="muted">Annotate claims, opinions and sourced quotes in news articles.</p>
      {params.notice === 'password-changed' && (
        <p className="banner info" role="status">
          Your password was changed and every session of yours has ended. Sign in with the new password.
        </p>
      )}
      {signInProblem(params.error) && (
        <p className="banner error" role="alert">
          {signInProblem(params.error)}
        </p>
      )}
      <LoginForm callbackUrl={callbackUrl} providers={enabledOAuthProviders()} />
    </section>
  );
}
