'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

export function LoginForm({ callbackUrl, providers }: { callbackUrl: string; providers: { id: string; name: string }[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    setBusy(false);
    if (!result || result.error) {
      setError(
        result?.error === 'RATE_LIMITED'
          ? 'Too many sign-in attempts. Wait 15 minutes and try again.'
          : 'The e-mail or password is not right.',
      );
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form className="card form" onSubmit={onSubmit}>
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {providers.map((p) => (
        <button key={p.id} type="button" className="button" onClick={() => signIn(p.id, { callbackUrl })}>
          Sign in with {p.name}
        </button>
      ))}
    </form>
  );
}
