'use client';

import { Fragment, startTransition, useActionState, useEffect, useRef, type FormEvent, type ReactNode } from 'react';

type State = { error?: string; ok?: string };

/**
 * A form bound to a server action that shows the action's error or confirmation beside it.
 * What the user typed stays after a refusal (React would reset the fields); the fields are
 * re-created from the server's record when `recordVersion` changes, so after a 409 the form
 * shows the current state instead of the stale one. Forms that create something (no
 * `recordVersion`) are cleared after a success.
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
  useEffect(() => {
    if (state.ok && recordVersion === undefined) form.current?.reset();
  }, [state, recordVersion]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <form ref={form} action={formAction} onSubmit={submit} className={className}>
      <Fragment key={recordVersion}>{children}</Fragment>
      <div className="row">
        <button type="submit" className="button primary" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
        {state.error && (
          <span role="alert" className="error">
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
