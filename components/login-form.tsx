'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { signInFailure } from '@/lib/auth/sign-in-failure';
import { BusyButton } from './busy-button';

export function LoginForm({ callbackUrl, providers }: { callbackUrl: string; providers: { id: string; name: string }[] }) {
  const router = useRouter();
  const [error, setError] = useState<{ message: string; credentials: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    let result: Awaited<ReturnType<typeof signIn>>;
    try {
      result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
      });
    } catch {
      result = { error: 'NO_ANSWER', ok: false, status: 0, url: null };
    } finally {
      setBusy(false);
    }
    if (!result || result.error) {
      setError(signInFailure(result?.error));
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  // A wrong e-mail or password cannot say which of the two it was: both fields carry the message.
  const invalid = error?.credentials ? { 'aria-invalid': true, 'aria-describedby': 'login-error' } : {};
  return (
    <form className="card form" onSubmit={onSubmit}>
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required autoFocus {...invalid} />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required {...invalid} />
      </label>
      {error && (
        <p role="alert" className="error" id="login-error">
          {error.message}
        </p>
      )}
      <BusyButton type="submit" className="button primary" busy={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </BusyButton>
      {providers.map((p) => (
        <button key={p.id} type="button" className="button" onClick={() => signIn(p.id, { callbackUrl })}>
          Sign in with {p.name}
        </button>
      ))}
    </form>
  );
}
