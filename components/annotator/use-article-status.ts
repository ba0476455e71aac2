import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { recreationNotes } from '../recreation-note';
import { asApiError } from '../api-error';
import { statusFailure, type SaveFailure } from './save-failure';
import { spanApi } from './span-api';

/** Submit (annotating) and Reopen (submitted): one at a time, and the focus goes from one to the other. */
export const STATUS_BUTTON_ID = 'article-status-button';
/** Where neither button is offered (Reopen is refused, the review is closed): the note that says why takes the focus. */
export const STATUS_NOTE_ID = 'article-status-note';

/** Articles whose status just changed: the page re-creates the workbench, then focuses the new button. */
const statusChanged = recreationNotes<true>();

/**
 * For the parts of the workbench that hold a status button: once mounted after a change, the
 * button there takes the focus, which would otherwise fall to the top of the page; with no button,
 * the note that says why (read out as it takes the focus).
 */
export function useStatusButtonFocus(articleId: string) {
  useEffect(() => {
    const target = document.getElementById(STATUS_BUTTON_ID) ?? document.getElementById(STATUS_NOTE_ID);
    if (target && statusChanged.take(articleId)) target.focus();
  }, [articleId]);
}

/** Submitting or reopening the article: the page reloads its data afterwards. */
export function useArticleStatus(articleId: string) {
  const router = useRouter();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<SaveFailure | null>(null);
  /**
   * A change refused for the state of things (the article was submitted in another tab, a
   * reviewer closed the review, a span was judged): the page reloads its data, so it shows that
   * state and its Reopen button (which takes the focus when the status did change) instead of
   * offering the refused change again, or taking every new span back with the same message.
   */
  const showCurrentState = useCallback(() => {
    statusChanged.leave(articleId, true);
    router.refresh();
  }, [articleId, router]);
  const change = useCallback(async (action: 'submit' | 'reopen') => {
    setSubmitting(true);
    setError(null);
    try {
      await spanApi.setStatus(articleId, action);
      statusChanged.leave(articleId, true);
      router.refresh();
    } catch (e) {
      const failure = statusFailure(asApiError(e), action);
      setError(failure);
      if (failure.conflict) showCurrentState();
    } finally {
      setSubmitting(false);
    }
  }, [articleId, router, showCurrentState]);
  const clearError = useCallback(() => setError(null), []);
  return { submitting, change, error, clearError, showCurrentState };
}
