'use client';

import { useState, useTransition } from 'react';
import { AskFirst, useAskFirst } from './ask-first';
import { BusyButton } from './busy-button';
import { announceOnPage, focusKeeper } from './page-status';

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
  action: () => Promise<{ error?: string; ok?: string }>;
  name: string;
  label?: string;
  question?: string;
  tone?: 'danger' | 'plain';
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const { asking, ask, stop, button } = useAskFirst();
  const run = (from: Element) => {
    // Taken before the refresh that may remove this row, and this button with it.
    const keepFocus = focusKeeper(from);
    start(async () => {
      const result = await action();
      setError(result.error ?? null);
      if (result.error) return;
      // Done: said aloud from the page (the row's own region may be gone), and the focus handed on.
      if (result.ok) announceOnPage(result.ok);
      keepFocus();
    });
  };
  const className = `button small${tone === 'danger' ? ' danger' : ''}`;
  if (asking) {
    return (
      <AskFirst
        name={`${label} ${name}`}
        question={question}
        yes={`Yes, ${label.toLowerCase()}`}
        yesClassName={className}
        onYes={(yes) => {
          stop();
          if (!pending) run(yes);
        }}
        onCancel={stop}
      />
    );
  }
  return (
    <>
      <BusyButton ref={button} className={className} busy={pending} aria-label={`${label} ${name}`} onClick={(e) => (question ? ask() : run(e.currentTarget))}>
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
