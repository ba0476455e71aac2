'use client';

import { useCallback, useState } from 'react';

/**
 * A polite live region for what an action did ("Accepted Ana's claim"), which screen readers
 * read out without moving the focus. The same message twice is still announced: every other one
 * carries an invisible trailing no-break space, so the region's text changes.
 */
export function useAnnouncer() {
  const [message, setMessage] = useState('');
  const announce = useCallback((text: string) => setMessage((previous) => (previous === text ? `${text}\u00a0` : text)), []);
  const region = (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
      {message}
    </p>
  );
  return { announce, region };
}
