'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Asking before an action, inline: the question replaces the button, the focus goes to Cancel (the
 * safe answer; a second Enter must not confirm), and back to the button when the question goes,
 * answered or not. Escape cancels.
 */
export function useAskFirst() {
  const [asking, setAsking] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (!asking && wasAsking.current) button.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  return { asking, ask: () => setAsking(true), stop: () => setAsking(false), button };
}

export function AskFirst({
  name,
  question,
  yes,
  yesClassName,
  onYes,
  onCancel,
}: {
  /** Names the group for screen readers: "Confirm: …". */
  name: string;
  question: ReactNode;
  yes: string;
  yesClassName: string;
  /** Given the Yes button, which is still in the page then. */
  onYes: (yes: HTMLButtonElement) => void;
  onCancel: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <span
      className="row"
      role="group"
      aria-label={`Confirm: ${name}`}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onCancel();
      }}
    >
      <span>{question}</span>
      <button type="button" className={yesClassName} onClick={(e) => onYes(e.currentTarget)}>
        {yes}
      </button>
      <button ref={cancel} type="button" className="button small" onClick={onCancel}>
        Cancel
      </button>
    </span>
  );
}
