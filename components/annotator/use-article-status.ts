import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { spanApi } from './span-api';

/** Submit (annotating) and Reopen (submitted): one at a time, and the focus goes from one to the other. */
export const STATUS_BUTTON_ID = 'article-status-button';

/** Articles whose status just changed: the page re-creates the workbench, then focuses the new button. */
const statusChanged = new Map<string, number>();
/** An older entry was left by a change whose workbench never came back (the annotator went on elsewhere). */
const STATUS_WINDOW_MS = 15_000;

/**
 * For the parts of the workbench that hold a status button: once mounted after a change, the
 * button there takes the focus, which would otherwise fall to the top of the page.
 */
export function useStatusButtonFocus(articleId: string) {
  useEffect(() => {
    const changedAt = statusChanged.get(articleId);
    const button = document.getElementById(STATUS_BUTTON_ID);
    if (changedAt === undefined || !button) return;
    statusChanged.delete(articleId);
    if (Date.now() - changedAt <= STATUS_WINDOW_MS) button.focus();
  }, [articleId]);
}

/** Submitting or reopening the article: the page reloads its data afterwards. */
export function useArticleStatus(articleId: string) {
  const router = useRouter();
  const [submitting, setSubmitting] = useState(false);
  const change = async (action: 'submit' | 'reopen') => {
    setSubmitting(true);
    try {
      await spanApi.setStatus(articleId, action);
      statusChanged.set(articleId, Date.now());
      router.refresh();
    } catch (e) {
      alert(e instanceof Error ? e.message : String(e));
    } finally {
      setSubmitting(false);
    }
  };
  return { submitting, change };
}
