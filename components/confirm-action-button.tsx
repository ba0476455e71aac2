'use client';

import { useState, useTransition } from 'react';
import { AskFirst, useAskFirst } from './ask-first';
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
  const { asking, ask, stop, button } = useAskFirst();
  const run = () => start(async () => setError((await action()).error ?? null));
  const className = `button small${tone === 'danger' ? ' danger' : ''}`;
  if (asking) {
    return (
      <AskFirst
        name={`${label} ${name}`}
        question={question}
        yes={`Yes, ${label.toLowerCase()}`}
        yesClassName={className}
        onYes={() => {
          stop();
          if (!pending) run();
        }}
        onCancel={stop}
      />
    );
  }
  return (
    <>
      <BusyButton ref={button} className={className} busy={pending} aria-label={`${label} ${name}`} onClick={() => (question ? ask() : run())}>
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
