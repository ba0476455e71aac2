import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login-form';
import { safeCallbackPath } from '@/lib/auth/callback';
import { enabledOAuthProviders } from '@/lib/auth/options';
import { currentUser } from '@/lib/auth/session';

export const metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Only a path on this site: anything else would make the sign-in page an open redirect.
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  return (
    <section className="login">
      <h1>Sign in to Slant</h1>
      <p className="muted">Annotate claims, opinions and sourced quotes in news articles.</p>
      <LoginForm callbackUrl={callbackUrl} providers={enabledOAuthProviders()} />
    </section>
  );
}
