import type { KeyboardEvent, RefObject } from 'react';

/** A key pressed in a field types: it is not a shortcut. */
export const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

type Direction = 'forward' | 'backward';
type Granularity = 'character' | 'word' | 'line' | 'lineboundary';

/**
 * Keyboard selection in the read-only article text, for the annotate page and the review board:
 * arrows move a caret, Shift+arrows extend the selection, Ctrl (or Alt) moves by words, Home and
 * End to the line's ends. Without it, a keyboard user could not select a passage to label.
 */
export function keyboardSelection(articleRef: RefObject<HTMLElement | null>) {
  return (e: KeyboardEvent<HTMLElement>) => {
    const sel = window.getSelection();
    const root = articleRef.current;
    if (!sel || !root) return;
    const moves: Record<string, [Direction, Granularity]> = {
      ArrowRight: ['forward', e.ctrlKey || e.altKey ? 'word' : 'character'],
      ArrowLeft: ['backward', e.ctrlKey || e.altKey ? 'word' : 'character'],
      ArrowDown: ['forward', 'line'],
      ArrowUp: ['backward', 'line'],
      End: ['forward', 'lineboundary'],
      Home: ['backward', 'lineboundary'],
    };
    const move = moves[e.key];
    if (!move) return;
    if (sel.rangeCount === 0 || !root.contains(sel.anchorNode)) placeCaretAtStart(root);
    (sel as Selection & { modify(a: string, d: string, g: string): void }).modify(e.shiftKey ? 'extend' : 'move', ...move);
    e.preventDefault();
  };
}

function placeCaretAtStart(root: HTMLElement) {
  const first = Array.from(root.querySelectorAll('p')).find((p) => p.firstChild);
  const sel = window.getSelection();
  if (!first?.firstChild || !sel) return;
  sel.collapse(first.firstChild, 0);
}
