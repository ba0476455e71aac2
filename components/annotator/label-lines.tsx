'use client';

import { useCallback, useEffect, useState } from 'react';
import { LABEL_LINES_CLASS } from './highlights';

const STORAGE_KEY = 'slant:label-lines';

/**
 * The reader's choice to show each label's line above the highlighted text (for when the colours are
 * hard to tell apart), kept in this browser for every article and the review board. Off until the
 * page has read it: the server cannot know it.
 */
export function useLabelLines(): { on: boolean; toggle: (on: boolean) => void; className: string | undefined } {
  const [on, setOn] = useState(false);
  useEffect(() => {
    try {
      setOn(window.localStorage.getItem(STORAGE_KEY) === 'on');
    } catch {
      // Storage switched off: the lines stay off, and the switch still works for this page.
    }
  }, []);
  const toggle = useCallback((next: boolean) => {
    setOn(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next ? 'on' : 'off');
    } catch {
      // As above.
    }
  }, []);
  return { on, toggle, className: on ? LABEL_LINES_CLASS : undefined };
}

/** The switch, beside the legend or the layer switches. */
export function LabelLinesSwitch({ on, toggle }: { on: boolean; toggle: (on: boolean) => void }) {
  return (
    <label className="muted label-lines-switch">
      <input type="checkbox" checked={on} onChange={(e) => toggle(e.target.checked)} /> Label lines
    </label>
  );
}
