'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { asApiError } from '../api-error';
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
          const failure = asApiError(err);
          setError(failure.signedOut ? `${failure.message} Sign in again in another tab (your reply stays here), then send it once more.` : failure.message);
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
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
