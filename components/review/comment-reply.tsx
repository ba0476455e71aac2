'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { call } from '../annotator/span-api';

export function CommentReply({ spanId }: { spanId: string }) {
  const router = useRouter();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="row"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!body.trim()) return;
        try {
          await call(`/api/v1/spans/${spanId}/comments`, { method: 'POST', body: { body } });
          setBody('');
          setError(null);
          router.refresh();
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        }
      }}
    >
      <input aria-label="Reply" value={body} onChange={(e) => setBody(e.target.value)} maxLength={5000} placeholder="Reply…" />
      <button type="submit" className="button small">
        Reply
      </button>
      {error && <span className="error">{error}</span>}
    </form>
  );
}
