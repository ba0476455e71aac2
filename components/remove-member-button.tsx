'use client';

import { useState, useTransition } from 'react';

export function RemoveMemberButton({ action, name }: { action: () => Promise<{ error?: string }>; name: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button small danger"
        disabled={pending}
        aria-label={`Remove ${name}`}
        onClick={() => start(async () => setError((await action()).error ?? null))}
      >
        Remove
      </button>
      {error && <span className="error"> {error}</span>}
    </>
  );
}
