import { signInAgainHref } from '../api-error';
import type { SaveFailure } from './save-failure';

/** A failed save or status change on the annotate page: why, a way back in when signed out, and Dismiss. */
export function FailureBanner({ failure, page, onDismiss }: { failure: SaveFailure; /** This page's path, to come back to after signing in. */ page: string; onDismiss: () => void }) {
  return (
    <div className="banner error" role="alert">
      {failure.message}{' '}
      {failure.signedOut && (
        <>
          <a href={signInAgainHref(page)}>Sign in again</a>{' '}
        </>
      )}
      <button type="button" className="button small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
