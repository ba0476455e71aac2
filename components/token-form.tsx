'use client';

import { createTokenAction, type TokenState } from '@/app/settings/tokens/actions';
import { useKeptActionForm } from './action-form';
import { BusyButton } from './busy-button';

/** Creates an API token and shows it once; a refused name stays in the field to be corrected. */
export function TokenForm() {
  const { state, pending, errorId, formProps } = useKeptActionForm<TokenState>(createTokenAction, (s) => Boolean(s.token));
  return (
    <form {...formProps} className="card form narrow">
      <label>
        Token name
        <input name="name" required maxLength={100} placeholder="e.g. training pipeline" />
      </label>
      <BusyButton type="submit" className="button primary" busy={pending}>
        Create token
      </BusyButton>
      {state.error && (
        <p role="alert" className="error" id={errorId}>
          {state.error}
        </p>
      )}
      {state.token && (
        <div className="banner info" role="status">
          <p>
            New token “{state.name}”. Copy it now; it will not be shown again:
          </p>
          <code data-testid="new-token" style={{ wordBreak: 'break-all' }}>
            {state.token}
          </code>
        </div>
      )}
    </form>
  );
}
