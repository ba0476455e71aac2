'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { call } from '../annotator/span-api';

export function CommentReply({ spanId }: { spanId: string }) {
  const router = useRouter();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  // One reply at a time: a double click or a second Enter while it is sent must not post it twice.
  const [sending, setSending] = useState(false);
  const inFlight = useRef(false);
  return (
    <form
      className="row"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!body.trim() || inFlight.current) return;
        inFlight.current = true;
        setSending(true);
        try {
          await call(`/api/v1/spans/${spanId}/comments`, { method: 'POST', body: { body } });
          setBody('');
          setError(null);
          router.refresh();
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        } finally {
          inFlight.current = false;
          setSending(false);
        }
      }}
    >
      <input aria-label="Reply" value={body} onChange={(e) => setBody(e.target.value)} maxLength={5000} placeholder="Reply…" />
      <button type="submit" className="button small" disabled={sending}>
        Reply
      </button>
      {error && <span className="error">{error}</span>}
    </form>
  );
}
