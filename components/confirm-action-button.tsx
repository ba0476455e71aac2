'use client';

import { useEffect, useRef, useState, useTransition } from 'react';
import { BusyButton } from './busy-button';

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
  // The question replaces the button: the focus goes to Cancel (the safe answer; a second Enter
  // must not confirm), and back to the button when the question goes, answered or not.
  const button = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) cancel.current?.focus();
    else if (wasAsking.current) button.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  const className = `button small${tone === 'danger' ? ' danger' : ''}`;
  if (asking) {
    return (
      <span
        className="row"
        role="group"
        aria-label={`Confirm: ${label} ${name}`}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.stopPropagation();
          setAsking(false);
        }}
      >
        <span>{question}</span>
        <button type="button" className={className} disabled={pending} onClick={() => { setAsking(false); run(); }}>
          Yes, {label.toLowerCase()}
        </button>
        <button ref={cancel} type="button" className="button small" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </span>
    );
  }
  return (
    <>
      <BusyButton ref={button} className={className} busy={pending} aria-label={`${label} ${name}`} onClick={() => (question ? setAsking(true) : run())}>
        {label}
      </BusyButton>
      {error && (
        <span className="error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </>
  );
}
