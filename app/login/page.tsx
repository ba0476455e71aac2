import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login-form';
import { enabledOAuthProviders } from '@/lib/auth/options';
import { currentUser } from '@/lib/auth/session';

export const metadata = { title: 'Sign in' };

function safeCallback(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  // Only same-site paths: an absolute URL here would make the login page an open redirect.
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/projects';
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  return (
    <section className="login">
      <h1>Sign in to Slant</h1>
      <p className="muted">Annotate claims, opinions and sourced quotes in news articles.</p>
      <LoginForm callbackUrl={callbackUrl} providers={enabledOAuthProviders()} />
    </section>
  );
}
