'use client';

import { useActionState, type ReactNode } from 'react';

type State = { error?: string; ok?: string };

/** A form bound to a server action that shows the action's error or confirmation beside it. */
export function ActionForm({
  action,
  children,
  submitLabel,
  className = 'form',
}: {
  action: (state: State, form: FormData) => Promise<State>;
  children: ReactNode;
  submitLabel: string;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className={className}>
      {children}
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
