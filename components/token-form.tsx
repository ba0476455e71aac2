'use client';

import { useActionState } from 'react';
import { createTokenAction, type TokenState } from '@/app/settings/tokens/actions';
import { BusyButton } from './busy-button';

export function TokenForm() {
  const [state, action, pending] = useActionState<TokenState, FormData>(createTokenAction, {});
  return (
    <form action={action} className="card form narrow">
      <label>
        Token name
        <input name="name" required maxLength={100} placeholder="e.g. training pipeline" />
      </label>
      <BusyButton type="submit" className="button primary" busy={pending}>
        Create token
      </BusyButton>
      {state.error && (
        <p role="alert" className="error">
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
