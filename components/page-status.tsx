'use client';

import { useEffect, useState } from 'react';

/*
 * What an action on an ordinary page did ("Member removed."), read out by screen readers when the
 * control that did it has gone with its row. The region sits in the root layout, which outlives
 * the refresh that removes the row. A bare aria-live region, not role="status": a page's own
 * status messages stay the only ones of that role.
 */
let show: ((text: string) => void) | null = null;

export function announceOnPage(text: string): void {
  show?.(text);
}

export function PageStatus() {
  const [message, setMessage] = useState('');
  useEffect(() => {
    // The same message twice still changes the region's text (a trailing no-break space).
    show = (text) => setMessage((previous) => (previous === text ? `${text}\u00a0` : text));
    return () => {
      show = null;
    };
  }, []);
  return (
    <div className="visually-hidden" aria-live="polite" data-testid="page-status">
      {message}
    </div>
  );
}

/**
 * Remembers where `control` sits (its row, the list, the section's heading), so that once an
 * action has removed that row, or the control within it, the focus goes to the entry that took
 * the row's place, else the one before, else the heading: not to the top of the page. Call the
 * returned function when the action has succeeded; it watches a little while for the focus to fall.
 */
export function focusKeeper(control: Element): () => void {
  const row = control.closest('tr, li');
  const list = row?.parentElement ?? null;
  const index = row && list ? Array.prototype.indexOf.call(list.children, row) : -1;
  const heading = control.closest('section, .card')?.querySelector<HTMLElement>('h1, h2, h3') ?? null;
  const fallen = () => document.activeElement === null || document.activeElement === document.body;
  const handOn = () => {
    const entries = list && document.contains(list) ? Array.from(list.children) : [];
    const candidates = index < 0 ? [] : [...entries.slice(index), ...entries.slice(0, index).reverse()];
    const next = candidates.map((e) => e.querySelector<HTMLElement>('button, a[href], input, select, textarea')).find((e) => e !== null);
    const target = next ?? heading;
    if (!target || !document.contains(target)) return;
    if (target === heading && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  };
  return () => {
    // Watched a while: the refresh that removes the row comes a little after the action's answer,
    // and a browser that does not focus a clicked button (Safari) has the focus on the page
    // already, so a hand-on before the row went would land in it and fall again with it.
    let waited = 0;
    const watch = () => {
      if (fallen() && (row === null || !row.isConnected || !control.isConnected)) handOn();
      if ((waited += 50) < 3000) setTimeout(watch, 50);
    };
    setTimeout(watch, 0);
  };
}
