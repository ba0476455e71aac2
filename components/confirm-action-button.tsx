'use client';

import { useState, useTransition } from 'react';

export function ConfirmActionButton({ action, name, label = 'Remove' }: { action: () => Promise<{ error?: string }>; name: string; label?: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button small danger"
        disabled={pending}
        aria-label={`${label} ${name}`}
        onClick={() => start(async () => setError((await action()).error ?? null))}
      >
        {label}
      </button>
      {error && <span className="error"> {error}</span>}
    </>
  );
}
