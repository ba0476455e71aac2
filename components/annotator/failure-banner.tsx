import { signInAgainHref } from '../api-error';
import type { SaveFailure } from './save-failure';

/** A failed save or status change on the annotate page: why, a way back in when signed out, and Dismiss. */
export function FailureBanner({ failure, page, onDismiss }: { failure: SaveFailure; /** This page's path, to come back to after signing in. */ page: string; onDismiss: () => void }) {
  return (
    <div className="banner error" role="alert">
      {failure.message}{' '}
      {failure.signedOut && (
        <>
          {/* A press does not take the focus from a field whose text the page kept: leaving it would
              send the text again, to be refused again and put back to what is saved. */}
          <a href={signInAgainHref(page)} onMouseDown={(e) => e.preventDefault()}>
            Sign in again
          </a>{' '}
        </>
      )}
      <button type="button" className="button small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
