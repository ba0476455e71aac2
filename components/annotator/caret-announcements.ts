import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { Label } from '@/lib/labels';
import { CARET_KEYS, caretHighlightChange } from '@/lib/spans/navigation';
import { pointToOffset, spansUnderCaret as caretIn, type Line } from './dom-text';

type Placed = { id: string; label: Label; start: number; end: number };

/**
 * Highlights are paint, which screen readers do not see: as the caret is moved by key in the text,
 * coming into spans and leaving them is read out ("In claim", "Out of Ana's claim"). Used by the
 * annotate page and the review board. `followCaret` goes in the page's selectionchange handler;
 * `forgetKey` is for a key that places the caret itself and says so (N and P).
 */
export function useCaretAnnouncements<S extends Placed>(args: {
  articleRef: RefObject<HTMLElement | null>;
  lines: Line[];
  /** The spans painted now (a getter, so a page can hand over its latest without re-rendering). */
  spans: () => readonly S[];
  /** How a span is worded (by default its label). */
  nameOf?: (span: S) => string;
  announce: (message: string) => void;
}) {
  const { articleRef, lines, spans, nameOf, announce } = args;
  const under = useRef<S[]>([]);
  const movedByKey = useRef(false);
  // The spans under a caret in the text (not a selection), innermost first; null elsewhere.
  const spansUnderCaret = useCallback((): S[] | null => {
    const root = articleRef.current;
    const sel = window.getSelection();
    if (!root || document.activeElement !== root || !sel || !sel.isCollapsed || !sel.anchorNode || !root.contains(sel.anchorNode)) return null;
    const offset = pointToOffset(root, lines, sel.anchorNode, sel.anchorOffset);
    return offset === null ? null : caretIn(spans(), offset);
  }, [articleRef, lines, spans]);
  useEffect(() => {
    // Where the caret was as the key went down (capturing, before the text's own handler moves it):
    // the browser may fold that place and the new one into one selectionchange.
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.target !== articleRef.current || !CARET_KEYS.has(e.key)) return;
      under.current = spansUnderCaret() ?? under.current;
      movedByKey.current = true;
    };
    // A caret placed by the pointer is not read out: a key that moved nothing before must not count.
    const onPointerDown = (e: PointerEvent) => {
      if (e.target instanceof Node && articleRef.current?.contains(e.target)) movedByKey.current = false;
    };
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, [articleRef, spansUnderCaret]);
  const followCaret = useCallback(() => {
    // Only after a caret key: where a click, a label or N put the caret is not news (N says what it
    // opened), and every other selection change (a drag, a label) costs nothing here.
    if (!movedByKey.current) return;
    movedByKey.current = false;
    // Extending a selection is not moving through the text: that is read out as selected text.
    const now = spansUnderCaret();
    if (!now) return;
    const change = caretHighlightChange(under.current, now, nameOf);
    under.current = now;
    if (change) announce(change);
  }, [spansUnderCaret, nameOf, announce]);
  const forgetKey = useCallback(() => {
    movedByKey.current = false;
  }, []);
  return { followCaret, forgetKey };
}
