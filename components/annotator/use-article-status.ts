import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { spanApi } from './span-api';

/** Submitting or reopening the article: the page reloads its data afterwards. */
export function useArticleStatus(articleId: string) {
  const router = useRouter();
  const [submitting, setSubmitting] = useState(false);
  const change = async (action: 'submit' | 'reopen') => {
    setSubmitting(true);
    try {
      await spanApi.setStatus(articleId, action);
      router.refresh();
    } catch (e) {
      alert(e instanceof Error ? e.message : String(e));
    } finally {
      setSubmitting(false);
    }
  };
  return { submitting, change };
}
