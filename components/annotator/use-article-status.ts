import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { recreationNotes } from '../recreation-note';
import { asApiError } from '../api-error';
import { statusFailure, type SaveFailure } from './save-failure';
import { spanApi } from './span-api';

/** Submit (annotating) and Reopen (submitted): one at a time, and the focus goes from one to the other. */
export const STATUS_BUTTON_ID = 'article-status-button';

/** Articles whose status just changed: the page re-creates the workbench, then focuses the new button. */
const statusChanged = recreationNotes<true>();

/**
 * For the parts of the workbench that hold a status button: once mounted after a change, the
 * button there takes the focus, which would otherwise fall to the top of the page.
 */
export function useStatusButtonFocus(articleId: string) {
  useEffect(() => {
    const button = document.getElementById(STATUS_BUTTON_ID);
    if (button && statusChanged.take(articleId)) button.focus();
  }, [articleId]);
}

/** Submitting or reopening the article: the page reloads its data afterwards. */
export function useArticleStatus(articleId: string) {
  const router = useRouter();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<SaveFailure | null>(null);
  const change = useCallback(async (action: 'submit' | 'reopen') => {
    setSubmitting(true);
    setError(null);
    try {
      await spanApi.setStatus(articleId, action);
      statusChanged.leave(articleId, true);
      router.refresh();
    } catch (e) {
      setError(statusFailure(asApiError(e), action));
    } finally {
      setSubmitting(false);
    }
  }, [articleId, router]);
  const clearError = useCallback(() => setError(null), []);
  /**
   * A change refused for the state of things (the article was submitted in another tab, say): the
   * page reloads its data, so it shows that state and its Reopen button (which takes the focus
   * when the status did change) instead of taking every new span back with the same message.
   */
  const showCurrentState = useCallback(() => {
    statusChanged.leave(articleId, true);
    router.refresh();
  }, [articleId, router]);
  return { submitting, change, error, clearError, showCurrentState };
}
