'use client';

import { useState, useTransition } from 'react';

/**
 * A button that runs a server action and shows its refusal beside it. With `question`, the first
 * click asks for confirmation inline before anything happens.
 */
export function ConfirmActionButton({
  action,
  name,
  label = 'Remove',
  question,
  tone = 'danger',
}: {
  action: () => Promise<{ error?: string }>;
  name: string;
  label?: string;
  question?: string;
  tone?: 'danger' | 'plain';
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const run = () => start(async () => setError((await action()).error ?? null));
  const className = `button small${tone === 'danger' ? ' danger' : ''}`;
  if (asking) {
    return (
      <span className="row" role="group" aria-label={`Confirm: ${label} ${name}`}>
        <span>{question}</span>
        <button type="button" className={className} disabled={pending} onClick={() => { setAsking(false); run(); }}>
          Yes, {label.toLowerCase()}
        </button>
        <button type="button" className="button small" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </span>
    );
  }
  return (
    <>
      <button type="button" className={className} disabled={pending} aria-label={`${label} ${name}`} onClick={() => (question ? setAsking(true) : run())}>
        {label}
      </button>
      {error && (
        <span className="error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </>
  );
}
