'use client';

import Link from 'next/link';
import { memo, useEffect } from 'react';
import { BusyButton } from '../busy-button';
import { useFlag, type Flag } from '../flag';
import { STATUS_BUTTON_ID } from './use-article-status';

type Props = {
  /** Set by a key press while its span waits for the frame that paints it (not in the page's state yet). */
  labelling: Flag;
  pendingWrites: number;
  /** A note or speaker being typed, saved after a pause. */
  typing: boolean;
  submitting: boolean;
  readOnly: boolean;
  onSubmit: () => void;
  nextHref: string | null;
};

/**
 * The annotate page's save state, Submit and Next. Its own component, reading `labelling` itself,
 * so that a key press re-renders this line only, not the page around it.
 */
export const SaveBar = memo(function SaveBar({ labelling, pendingWrites, typing, submitting, readOnly, onSubmit, nextHref }: Props) {
  const isLabelling = useFlag(labelling);
  const unsaved = pendingWrites > 0 || isLabelling || typing;
  // Closing or reloading the tab while a change is unsaved asks first: the queued writes would be lost.
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
  return (
    <div className="card row">
      <span className="save-state">
        {/* Sized and contained, so that its text changing lays out this line only, not the page. */}
        <span className="save-state-text" role="status" aria-live="polite">
          {unsaved ? 'Saving…' : 'All changes saved'}
        </span>
      </span>
      <span className="spacer" />
      {!readOnly && (
        <BusyButton id={STATUS_BUTTON_ID} className="button primary small" busy={submitting || unsaved} onClick={onSubmit}>
          Submit article
        </BusyButton>
      )}
      {nextHref && (
        <Link className="button small" href={nextHref}>
          Next article
        </Link>
      )}
    </div>
  );
});
