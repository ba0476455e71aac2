import type { ApiError } from '../api-error';

// What the annotate page says when a queued write fails. The writes behind the failed one were
// made on top of it, so they are not sent; the page then shows what the server has, reloaded, or,
// when even that fails, the spans as the server last confirmed them.

/** `conflict`: the server refused the change for the state of things (409), which the page may show stale. */
export type SaveFailure = { message: string; signedOut: boolean; conflict?: boolean };

export function saveFailure(error: ApiError, outcome: { notSent: number; reloaded: boolean }): SaveFailure {
  const reason = error.signedOut
    ? 'You are signed out (your session has ended): your change was not saved.'
    : error.unreachable
      ? 'The server could not be reached: your change was not saved.'
      : error.message;
  const notSent = outcome.notSent === 0 ? '' : outcome.notSent === 1 ? ' Nor was the change made after it.' : ` Nor were the ${outcome.notSent} changes made after it.`;
  // A server's reason may already say the page shows the current state; once is enough.
  const shown = outcome.reloaded
    ? /the page now shows/i.test(reason)
      ? ''
      : ' The page now shows what is saved.'
    : error.signedOut
      ? ' The page shows what was saved before it. Sign in again to go on.'
      : ' The page shows what was saved before it; reload the page before you go on.';
  return { message: `${reason}${notSent}${shown}`, signedOut: error.signedOut, ...(error.status === 409 ? { conflict: true } : {}) };
}

/** What the page says when Submit or Reopen fails. */
export function statusFailure(error: ApiError, action: 'submit' | 'reopen'): SaveFailure {
  const done = action === 'submit' ? 'submitted' : 'reopened';
  if (error.signedOut) return { message: `You are signed out (your session has ended): the article was not ${done}. Sign in again to go on.`, signedOut: true };
  if (error.unreachable) return { message: `The server could not be reached: the article was not ${done}. Try again.`, signedOut: false };
  // Refused for the state of things (a reviewer closed the review, judged a span): the page reloads to show it.
  return { message: error.message, signedOut: false, ...(error.status === 409 ? { conflict: true } : {}) };
}
