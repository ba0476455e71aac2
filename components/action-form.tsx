'use client';

import { Fragment, startTransition, useActionState, useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { BusyButton } from './busy-button';

type State = { error?: string; ok?: string; fields?: string[] };

/**
 * A form bound to a server action that shows the action's error or confirmation beside it.
 * What the user typed stays after a refusal (React would reset the fields); the fields are
 * re-created from the server's record when `recordVersion` changes, so after a 409 the form
 * shows the current state instead of the stale one. Forms that create something (no
 * `recordVersion`) are cleared after a success. A refusal that names fields marks them invalid,
 * ties the message to them (aria-describedby) and puts the focus on the first.
 */
export function ActionForm({
  action,
  children,
  submitLabel,
  className = 'form',
  recordVersion,
}: {
  action: (state: State, form: FormData) => Promise<State>;
  children: ReactNode;
  submitLabel: string;
  className?: string;
  recordVersion?: number;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const form = useRef<HTMLFormElement>(null);
  const errorId = useId();
  useEffect(() => {
    if (state.ok && recordVersion === undefined) form.current?.reset();
  }, [state, recordVersion]);
  useEffect(() => {
    if (form.current) markFields(form.current, state.error ? (state.fields ?? []) : [], errorId);
  }, [state, errorId]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <form ref={form} action={formAction} onSubmit={submit} className={className}>
      <Fragment key={recordVersion}>{children}</Fragment>
      <div className="row">
        <BusyButton type="submit" className="button primary" busy={pending}>
          {pending ? 'Saving…' : submitLabel}
        </BusyButton>
        {state.error && (
          <span role="alert" className="error" id={errorId}>
            {state.error}
          </span>
        )}
        {state.ok && (
          <span role="status" className="ok">
            {state.ok}
          </span>
        )}
      </div>
    </form>
  );
}

/** Marks the named fields invalid, described by the error message, and focuses the first; unmarks the rest. */
function markFields(form: HTMLFormElement, names: string[], errorId: string) {
  let first: HTMLElement | null = null;
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement)) continue;
    if (names.includes(element.name)) {
      element.setAttribute('aria-invalid', 'true');
      element.setAttribute('aria-describedby', errorId);
      first ??= element;
    } else if (element.getAttribute('aria-describedby') === errorId) {
      element.removeAttribute('aria-invalid');
      element.removeAttribute('aria-describedby');
    }
  }
  first?.focus();
}
