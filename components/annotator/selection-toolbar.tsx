import { useLayoutEffect, useRef, type RefObject } from 'react';
import { LABELS, LABEL_INFO, labelByKey, type Label } from '@/lib/labels';
import { popupLeft } from './popup-position';

/** The toolbar's widest (three labels with their keys); narrower windows wrap it (globals.css). */
const TOOLBAR_WIDTH = 360;

/**
 * The labels offered over a selected passage. For the keyboard it is a popup toolbar: Tab from the
 * text (with a passage selected) moves into it, the arrows move between its buttons, and Escape,
 * Shift+Tab or a label take the focus back to the text; Tab also lets the selection go, so that
 * the next Tab goes on past the text. The keys 1, 2 and 3 do the same from the text.
 */
export function SelectionToolbar({ rect, onLabel, articleRef }: { rect: DOMRect; onLabel: (label: Label) => void; articleRef: RefObject<HTMLElement | null> }) {
  const top = Math.max(8, rect.top - 48);
  const left = popupLeft(rect.left, TOOLBAR_WIDTH, window.innerWidth);
  const toolbar = useRef<HTMLDivElement>(null);
  const backToText = () => articleRef.current?.focus({ preventScroll: true });

  // Before the toolbar is painted: a Tab pressed as soon as it shows must already move into it
  // (a passive effect can run a frame or more later on a busy machine).
  useLayoutEffect(() => {
    const article = articleRef.current;
    if (!article) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab' || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return;
      const first = toolbar.current?.querySelector('button');
      if (!first) return;
      e.preventDefault();
      first.focus();
    };
    article.addEventListener('keydown', onKey);
    return () => article.removeEventListener('keydown', onKey);
  }, [articleRef]);

  return (
    <div
      ref={toolbar}
      className="toolbar"
      role="toolbar"
      aria-label="Label the selection"
      aria-orientation="horizontal"
      style={{ top, left }}
      // Keep the text selection alive while the pointer is on the toolbar.
      onMouseDown={(e) => e.preventDefault()}
      onKeyDown={(e) => {
        if (e.key === 'Escape' || e.key === 'Tab') {
          e.preventDefault();
          // Escape and Shift+Tab leave the selection as it is: the text has the focus again, nothing
          // else. Tab means going on: the selection is let go too, so the next Tab leaves the text.
          e.stopPropagation();
          if (e.key === 'Tab' && !e.shiftKey) window.getSelection()?.collapseToEnd();
          backToText();
          return;
        }
        const key = labelByKey(e.key);
        if (key && !e.ctrlKey && !e.metaKey && !e.altKey) {
          e.preventDefault();
          e.stopPropagation();
          onLabel(key);
          backToText();
          return;
        }
        const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (!step) return;
        e.preventDefault();
        const buttons = Array.from(e.currentTarget.querySelectorAll('button'));
        const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
        buttons[(at + step + buttons.length) % buttons.length]?.focus();
      }}
    >
      {LABELS.map((l) => (
        <button
          key={l}
          type="button"
          aria-keyshortcuts={LABEL_INFO[l].key}
          style={{ background: LABEL_INFO[l].background }}
          onClick={() => {
            const fromKeyboard = toolbar.current?.contains(document.activeElement);
            onLabel(l);
            if (fromKeyboard) backToText();
          }}
        >
          {LABEL_INFO[l].name}
          <kbd aria-hidden="true">{LABEL_INFO[l].key}</kbd>
        </button>
      ))}
    </div>
  );
}
