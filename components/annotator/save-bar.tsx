'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { memo, useEffect, useState } from 'react';
import { BusyButton } from '../busy-button';
import { useFlag, type Flag } from '../flag';
import { STATUS_BUTTON_ID } from './use-article-status';

type Props = {
  /** Set by a key press while its span waits for the frame that paints it (not in the page's state yet). */
  labelling: Flag;
  pendingWrites: number;
  /** A note or speaker being typed, saved after a pause. */
  typing: boolean;
  /** Typed text a failed save left in its field: nothing is sent until the field is left. */
  keptText: boolean;
  submitting: boolean;
  readOnly: boolean;
  onSubmit: () => void;
  onUndo: () => void;
  nextHref: string | null;
  /** The failure shown, if any: a new one keeps the page, to show why. */
  failure: object | null;
};

/**
 * The annotate page's save state, Submit and Next. Its own component, reading `labelling` itself,
 * so that a key press re-renders this line only, not the page around it.
 */
export const SaveBar = memo(function SaveBar({ labelling, pendingWrites, typing, keptText, submitting, readOnly, onSubmit, onUndo, nextHref, failure }: Props) {
  const isLabelling = useFlag(labelling);
  const unsaved = pendingWrites > 0 || isLabelling || typing;
  // Typed text a failed save left in its field waits for the field to be left: nothing is on its way.
  const keptAfterFailure = keptText && pendingWrites === 0 && !isLabelling;
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
  // A link within Slant followed while a change is unsaved (Next article, the project, the header)
  // waits for the saves, then goes on; a save that fails keeps the page, to show why. A second
  // click on a link while waiting goes at once (a save that hangs must not hold the page).
  const router = useRouter();
  const [leaving, setLeaving] = useState<{ to: string; failureBefore: object | null } | null>(null);
  const waiting = leaving !== null;
  useEffect(() => {
    if (!unsaved || waiting) return;
    const hold = (e: MouseEvent) => {
      const to = inAppLink(e);
      if (to === null) return;
      e.preventDefault();
      e.stopPropagation();
      setLeaving({ to, failureBefore: failure });
    };
    // In the capture phase on the document: before the event reaches the link, or React's own
    // handling of it (which listens on the document in the bubble phase), so stopping it here
    // keeps Next's router from following the link.
    document.addEventListener('click', hold, true);
    return () => document.removeEventListener('click', hold, true);
  }, [unsaved, failure, waiting]);
  useEffect(() => {
    if (leaving === null) return;
    if (failure !== null && failure !== leaving.failureBefore) setLeaving(null);
    else if (!unsaved) {
      router.push(leaving.to);
      // Cleared, in case the page stays (a link to where it already is).
      setLeaving(null);
    }
  }, [leaving, unsaved, failure, router]);
  return (
    <div className="card row">
      <span className="save-state">
        {/* Sized and contained, so that its text changing lays out this line only, not the page. */}
        <span className="save-state-text" role="status" aria-live="polite">
          {leaving !== null ? 'Saving, then going on…' : unsaved ? (keptAfterFailure ? 'Not saved' : 'Saving…') : 'All changes saved'}
        </span>
      </span>
      <span className="spacer" />
      {!readOnly && (
        <button type="button" className="button small subtle" onClick={onUndo} aria-keyshortcuts="Control+Z" title="Undo the last change (Ctrl+Z)">
          Undo
        </button>
      )}
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

/** Where a plain left click on a link within this site goes; null for anything else (a new tab, another site, a download). */
function inAppLink(e: MouseEvent): string | null {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return null;
  const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
  if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== '_self') || link.hasAttribute('download')) return null;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin) return null;
  // A link to a place on this page (a skip link) leaves nothing.
  if (url.hash && url.pathname === window.location.pathname && url.search === window.location.search) return null;
  // Signing in again is the way on when saves fail for an ended session: waiting for them is
  // waiting for nothing. What was kept unsent makes the browser ask before the page goes.
  if (url.pathname === '/login') return null;
  return url.pathname + url.search + url.hash;
}
