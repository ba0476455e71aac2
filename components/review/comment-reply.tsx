'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { asApiError } from '../api-error';
import { call } from '../annotator/span-api';
import { BusyButton } from '../busy-button';

/** A reply in a span's thread, or (`first`) the first comment, on a verdict that came without one. */
export function CommentReply({ spanId, first = false }: { spanId: string; first?: boolean }) {
  const name = first ? 'Comment on the verdict' : 'Reply';
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
      <input aria-label={name} value={body} onChange={(e) => setBody(e.target.value)} maxLength={5000} placeholder={`${name}…`} />
      {/* Busy, not disabled: a disabled button drops the focus to the top of the page. */}
      <BusyButton type="submit" className="button small" busy={sending}>
        {first ? 'Comment' : 'Reply'}
      </BusyButton>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
