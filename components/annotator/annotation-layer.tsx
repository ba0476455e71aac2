'use client';

import { startTransition, use, useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { CodePointIndex } from '@/lib/anchoring/code-points';
import { snapToWords } from '@/lib/anchoring/snap';
import { LABEL_INFO, labelByKey, type Label } from '@/lib/labels';
import { unpackSpans, type PackedSpans } from '@/lib/spans/packed';
import { afterNextPaint } from './after-paint';
import { caretOffset, offsetAtPoint, offsetToPoint, rangeContainsPoint, selectionOffsets, spansAt, spansUnderCaret, type Line } from './dom-text';
import { clearHighlights, HighlightPainter } from './highlights';
import { isTyping } from './keyboard-selection';
import { SelectionToolbar } from './selection-toolbar';
import { useAnnouncer } from '../announcer';
import { SpanDetails } from './span-details';
import { SpanList } from './span-list';
import { useArticleStatus, useStatusButtonFocus } from './use-article-status';
import { Flag } from '../flag';
import { FailureBanner } from './failure-banner';
import { popupLeft } from './popup-position';
import { SaveBar } from './save-bar';
import { useSpans, type ClientSpan } from './use-spans';
import { excerpt, quotedExcerpt } from '@/lib/excerpt';
import { neighbourSpan } from '@/lib/spans/navigation';
import { useCaretAnnouncements } from './caret-announcements';

export type WorkbenchSpans = { spans: PackedSpans; speakers: string[] };

type Props = {
  article: { id: string; projectId: string; text: string; textHash: string };
  articleRef: RefObject<HTMLElement | null>;
  lines: Line[];
  spans: Promise<WorkbenchSpans>;
  readOnly: boolean;
  nextArticleId: string | null;
};

/**
 * The annotator's spans over the article (rendered by the Workbench): their highlights, the
 * keys and the toolbar that make them, clicks on them, and the side panel with the list and the
 * open span's details.
 */
export function AnnotationLayer({ article, articleRef, lines, spans: loading, readOnly, nextArticleId }: Props) {
  const { spans: packed, speakers } = use(loading);
  const index = useMemo(() => new CodePointIndex(article.text), [article.text]);
  const quoteOf = useCallback((start: number, end: number) => index.slice(start, end), [index]);
  const initial = useMemo(() => unpackSpans(packed), [packed]);
  const { spans, latest, pendingWrites, error, clearError, create, update, remove, undo, idFor } = useSpans(article.id, article.textHash, initial, quoteOf);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [selection, setSelection] = useState<{ start: number; end: number; rect: DOMRect } | null>(null);
  const [chooser, setChooser] = useState<{ x: number; y: number; ids: string[] } | null>(null);
  const { submitting, change, error: statusError, clearError: clearStatusError, showCurrentState } = useArticleStatus(article.id);
  useEffect(() => {
    if (error?.conflict) showCurrentState();
  }, [error, showCurrentState]);
  const articlePath = `/projects/${article.projectId}/articles/${article.id}`;
  const submit = useCallback(() => change('submit'), [change]);
  useStatusButtonFocus(article.id);
  const [painter] = useState(() => new HighlightPainter());
  const { announce, region } = useAnnouncer();
  // The details panel or a list entry that had the focus can disappear (the span was deleted, the
  // panel closed): the focus goes back to the text rather than to the top of the page.
  const focusText = useCallback(() => articleRef.current?.focus({ preventScroll: true }), [articleRef]);

  const active = activeId ? (spans.find((s) => s.id === activeId || s.id === idFor(activeId)) ?? null) : null;
  // The list and the speaker suggestions follow once the frame with the new highlight has been
  // painted: that frame waits for nothing else.
  const [listSpans, setListSpans] = useState(spans);
  useEffect(() => afterNextPaint(() => startTransition(() => setListSpans(spans))), [spans]);
  const knownSpeakers = useMemo(
    () => [...new Set([...listSpans.map((s) => s.speaker).filter(Boolean), ...speakers])],
    [listSpans, speakers],
  );

  useEffect(() => {
    if (!articleRef.current) return;
    painter.paint(articleRef.current, lines, spans, active?.id ?? null);
  }, [painter, articleRef, lines, spans, active?.id]);
  useEffect(
    () => () => {
      painter.dispose();
      clearHighlights();
    },
    [painter],
  );

  // The selection as it is right now, snapped to whole words. Read from the DOM at the moment
  // of labelling: the toolbar's copy is refreshed once per frame and may lag a fast key press.
  const currentSelection = useCallback(() => {
    const root = articleRef.current;
    const raw = root && !readOnly ? selectionOffsets(root, lines) : null;
    const snapped = raw ? snapToWords(article.text, raw, index) : null;
    return raw && snapped ? { start: snapped.start, end: snapped.end, get rect() { return raw.rect; } } : null;
  }, [articleRef, article.text, index, lines, readOnly]);

  const { followCaret, forgetKey } = useCaretAnnouncements({ articleRef, lines, spans: latest, announce });

  // Track the text selection to show the toolbar above it.
  useEffect(() => {
    let frame = 0;
    const onChange = () => {
      followCaret();
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setSelection(currentSelection()));
    };
    document.addEventListener('selectionchange', onChange);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', onChange);
    };
  }, [currentSelection, followCaret]);

  // Labelling paints the new highlight straight away (painter.preview) and leaves everything else
  // (the span in the page's state, its save, the list, the details, the toolbar) to the task after
  // the frame that shows it: the key press itself does almost nothing, so that frame comes first.
  // A key press or another label that comes before that task (a fast Ctrl+Z, say) first runs it, so
  // every action sees the spans in the order they were made.
  const deferredLabel = useRef<{ run: () => void; cancel: () => void } | null>(null);
  // Shown as a pending write meanwhile: "All changes saved" must not appear for that frame. A flag
  // that only the save bar reads, so that the key press re-renders that line, not this page.
  const [labelling] = useState(() => new Flag());
  // A note or speaker being typed, saved after a pause: not saved yet either.
  // Text typed in the details, waiting to be sent: after a pause ('pending'), or kept in its field
  // after a failed save until the field is left ('kept').
  const [typing, setTyping] = useState<false | 'pending' | 'kept'>(false);
  const settleLabel = useCallback(() => {
    const pending = deferredLabel.current;
    deferredLabel.current = null;
    if (!pending) return;
    pending.cancel();
    pending.run();
  }, []);
  const label = useCallback(
    (l: Label, selected = currentSelection()) => {
      settleLabel();
      const target = selected;
      if (!target) return;
      const span = { label: l, start: target.start, end: target.end };
      if (articleRef.current) painter.preview(articleRef.current, lines, span);
      window.getSelection()?.collapseToEnd();
      labelling.set(true);
      const run = () => {
        labelling.set(false);
        const id = create(span);
        // The span's own range replaces the preview now, from the list that holds it.
        if (articleRef.current) painter.settlePreviews(articleRef.current, lines, latest());
        setSelection(null);
        clearError();
        // Opening the new span's details is not urgent: its highlight is (see listSpans).
        startTransition(() => {
          setActiveId(id);
          announce(`${LABEL_INFO[l].name} added: ${shortQuote(quoteOf(span.start, span.end))}`);
        });
      };
      const pending = {
        run,
        cancel: afterNextPaint(() => {
          if (deferredLabel.current === pending) deferredLabel.current = null;
          run();
        }, 'user-blocking'),
      };
      deferredLabel.current = pending;
    },
    [currentSelection, create, latest, clearError, articleRef, painter, lines, settleLabel, announce, quoteOf, labelling],
  );


  const pick = useCallback(
    (id: string) => {
      setActiveId(id);
      setChooser(null);
      painter.scrollTo(id);
    },
    [painter],
  );

  // N and P go to the next and previous annotation in the text: it opens (as a click on it does),
  // the caret goes to its start, and what it is and where it stands is read out.
  // The span N or P went to last, and where it left the caret: closed again (Escape), N goes on from
  // it rather than opening it once more, as long as the caret has not moved.
  const lastVisited = useRef<{ id: string; offset: number } | null>(null);
  const goToNeighbour = useCallback(
    (direction: 'next' | 'previous') => {
      const root = articleRef.current;
      const caret = root ? caretOffset(root, lines) : null;
      const visited = lastVisited.current;
      const from = active?.id ?? (visited && caret?.offset === visited.offset ? visited.id : null);
      const found = neighbourSpan(spans, { activeId: from, caret: caret?.offset ?? null }, direction);
      if (!found) {
        announce(spans.length === 0 ? 'No annotations yet' : direction === 'next' ? 'No annotation after this one' : 'No annotation before this one');
        return;
      }
      const { span, position } = found;
      const point = root ? offsetToPoint(root, lines, span.start) : null;
      if (point) window.getSelection()?.collapse(point.node, point.offset);
      lastVisited.current = { id: span.id, offset: span.start };
      forgetKey();
      pick(span.id);
      const speaker = span.speaker ? `, quoting ${span.speaker}` : '';
      announce(`${LABEL_INFO[span.label].name} ${position} of ${spans.length}${speaker}: ${shortQuote(span.quote)}`);
    },
    [articleRef, lines, spans, active, pick, announce],
  );

  // The Undo button (for mouse and touch): as Ctrl+Z, and it says when there is nothing to undo.
  const undoByButton = useCallback(() => {
    settleLabel();
    const undone = undo();
    announce(undone ? UNDONE[undone.kind] : 'Nothing to undo on this page');
  }, [settleLabel, undo, announce]);

  const changeLabel = useCallback(
    (span: ClientSpan, l: Label) => {
      if (span.label === l) return;
      update(span.id, { label: l });
      // Only a sourced quote has a speaker: the server drops it, and so does the page, saying so.
      const droppedSpeaker = span.speaker !== '' && l !== 'sourced_quote';
      announce(`Label changed to ${LABEL_INFO[l].name}${droppedSpeaker ? `; the speaker ${span.speaker} was removed. Ctrl+Z brings it back.` : ''}`);
    },
    [update, announce],
  );

  const deleteSpan = useCallback(
    (span: ClientSpan) => {
      const hadFocus = document.activeElement?.closest('[data-testid="span-details"], .span-list');
      remove(span.id);
      // Deleting another span (its entry in the list had the focus) leaves the open one open.
      setActiveId((open) => (open && (open === span.id || idFor(open) === span.id) ? null : open));
      announce(`${LABEL_INFO[span.label].name} deleted: ${shortQuote(span.quote)}. Ctrl+Z brings it back.`);
      if (hadFocus) focusText();
    },
    [remove, announce, focusText, idFor],
  );

  // Keys: 1/2/3 label the selection (or relabel the open span), Ctrl+Z undoes, Delete removes
  // the open span (from the text or the list of annotations only: on a button such as "Close
  // details", Backspace must not delete anything), Escape closes things.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Keys typed in a field are the field's; Escape in a field of the details panel still closes
      // the panel (what was typed is saved as the panel goes, as on leaving the field), unless it
      // cancels an input method's composition.
      const inDetailsField = e.target instanceof Element && !!e.target.closest('[data-testid="span-details"]');
      if (isTyping(e.target) && !(e.key === 'Escape' && inDetailsField && !e.isComposing)) return;
      // The last label's span goes into the page's state first (undo, for one, must see it).
      settleLabel();
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') {
        // Undoing a new span takes its entry and its details away: if the focus was on either, it goes to the text.
        const focused = spanInFocus(e.target, spans)?.id ?? (e.target instanceof Element && e.target.closest('[data-testid="span-details"]') ? activeId : null);
        const undone = readOnly ? null : undo();
        if (undone) {
          e.preventDefault();
          announce(UNDONE[undone.kind]);
          if (undone.kind === 'create' && focused !== null && idFor(focused) === idFor(undone.id)) focusText();
        }
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      // The span a key acts on: the list entry that has the focus, else the open span.
      const target = spanInFocus(e.target, spans) ?? active;
      const l = labelByKey(e.key);
      if (l && !readOnly && navigatesFrom(e.target, articleRef.current)) {
        const selected = currentSelection();
        if (selected) label(l, selected);
        else if (target) {
          // A held key repeats: the span has its label after the first press.
          if (!e.repeat) changeLabel(target, l);
        } else return;
        e.preventDefault();
      } else if (e.key === 'Enter' && e.target === articleRef.current) {
        // Enter with the caret on a highlight opens its span, as a click does (a menu where spans nest).
        const caret = articleRef.current ? caretOffset(articleRef.current, lines) : null;
        const hits = caret ? spansUnderCaret(spans, caret.offset) : [];
        if (!caret || hits.length === 0) return;
        e.preventDefault();
        if (hits.length === 1) {
          pick(hits[0].id);
          announce(`${LABEL_INFO[hits[0].label].name} opened: ${shortQuote(hits[0].quote)}`);
        } else setChooser({ x: caret.rect.left, y: caret.rect.bottom - 12, ids: hits.map((h) => h.id) });
      } else if ((e.key.toLowerCase() === 'n' || e.key.toLowerCase() === 'p') && !e.shiftKey && navigatesFrom(e.target, articleRef.current)) {
        e.preventDefault();
        goToNeighbour(e.key.toLowerCase() === 'n' ? 'next' : 'previous');
      } else if (e.key === 'Escape') {
        const leaving = document.activeElement?.closest('[data-testid="span-details"], .chooser');
        setChooser(null);
        if (selection) window.getSelection()?.collapseToEnd();
        else setActiveId(null);
        if (leaving) focusText();
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && target && !readOnly && !selection && deletesFrom(e.target)) {
        deleteSpan(target);
        e.preventDefault();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [selection, active, activeId, idFor, label, update, deleteSpan, undo, readOnly, currentSelection, settleLabel, announce, focusText, articleRef, lines, spans, pick, goToNeighbour]);

  // A click on a highlight opens its span; where spans nest, a menu offers each.
  useEffect(() => {
    const root = articleRef.current;
    if (!root) return;
    const onClick = (e: MouseEvent) => {
      const sel = window.getSelection();
      if (sel && !sel.isCollapsed) return;
      const offset = offsetAtPoint(root, lines, e.clientX, e.clientY);
      if (offset === null) return;
      const hits = spansAt(spans, offset).filter((s) => {
        const range = painter.range(s.id);
        return range ? rangeContainsPoint(range, e.clientX, e.clientY) : false;
      });
      if (hits.length === 0) {
        setChooser(null);
        return;
      }
      if (hits.length === 1) pick(hits[0].id);
      else setChooser({ x: e.clientX, y: e.clientY, ids: hits.map((h) => h.id) });
    };
    root.addEventListener('click', onClick);
    return () => {
      root.removeEventListener('click', onClick);
    };
  }, [articleRef, lines, spans, painter, pick]);

  // The chooser takes the focus when it opens (or opens again elsewhere), on its first entry, as a menu does.
  const chooserMenu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (chooser) chooserMenu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus({ preventScroll: true });
  }, [chooser]);

  const chooserSpans = chooser ? chooser.ids.map((id) => spans.find((s) => s.id === id)).filter((s): s is ClientSpan => !!s) : [];

  return (
    <>
      <aside className="side">
        {region}
        {/* Dismiss takes the banner, and the focus on it, away: the focus goes back to the text. */}
        {error && <FailureBanner failure={error} page={articlePath} onDismiss={() => { clearError(); focusText(); }} />}
        {statusError && <FailureBanner failure={statusError} page={articlePath} onDismiss={() => { clearStatusError(); focusText(); }} />}
        <SaveBar
          labelling={labelling}
          pendingWrites={pendingWrites}
          typing={typing !== false}
          keptText={typing === 'kept'}
          submitting={submitting}
          readOnly={readOnly}
          onSubmit={submit}
          onUndo={undoByButton}
          nextHref={nextArticleId ? `/projects/${article.projectId}/articles/${nextArticleId}` : null}
          failure={error ?? statusError ?? null}
        />
        {active && (
          <SpanDetails
            identity={activeId ?? active.id}
            span={active}
            speakers={knownSpeakers}
            readOnly={readOnly}
            onChange={(changes) => {
              const { label: newLabel, ...rest } = changes;
              if (newLabel) changeLabel(active, newLabel);
              if (Object.keys(rest).length > 0) update(active.id, rest);
            }}
            onDelete={() => deleteSpan(active)}
            onClose={() => {
              setActiveId(null);
              // Back to the span's entry in the list, or to the text.
              const entry = document.querySelector<HTMLElement>(`[data-span-id="${CSS.escape(active.id)}"]`);
              if (entry) entry.focus();
              else focusText();
            }}
            onTyping={setTyping}
          />
        )}
        <SpanList spans={listSpans} activeId={active?.id ?? null} onPick={pick} />
      </aside>
      {selection && <SelectionToolbar rect={selection.rect} onLabel={label} articleRef={articleRef} />}
      {chooser && (
        <div
          ref={chooserMenu}
          className="chooser"
          role="menu"
          aria-label="Spans at this point"
          style={{ top: chooser.y + 12, left: popupLeft(chooser.x, CHOOSER_WIDTH, window.innerWidth) }}
          onKeyDown={(e) => {
            // A menu: the arrows go through its entries, Tab leaves it (and closes it).
            if (e.key === 'Tab') setChooser(null);
            const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
            if (!step) return;
            e.preventDefault();
            const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]'));
            const at = items.indexOf(document.activeElement as HTMLElement);
            items[(at + step + items.length) % items.length]?.focus();
          }}
        >
          {chooserSpans.map((s) => (
            <button
              key={s.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={() => {
                pick(s.id);
                focusText();
              }}
            >
              <span className="chip" style={{ background: LABEL_INFO[s.label].background }}>
                {LABEL_INFO[s.label].name}
              </span>{' '}
              {excerpt(s.quote, 60)}
            </button>
          ))}
        </div>
      )}
    </>
  );
}

/**
 * Where N and P go through the annotations, and 1, 2 and 3 label: from the text, the list of
 * annotations or the open span's details (or with nothing focused). Not from a link or another
 * button elsewhere on the page, so that a single key does nothing unexpected there (WCAG 2.1.4).
 */
function navigatesFrom(target: EventTarget | null, text: HTMLElement | null): boolean {
  if (!(target instanceof Element) || target === document.body) return true;
  return target === text || !!target.closest('.span-list, [data-testid="span-details"]');
}

/** The span of the list entry that has the focus, if the focus is on one. */
function spanInFocus(target: EventTarget | null, spans: readonly ClientSpan[]): ClientSpan | null {
  if (!(target instanceof Element)) return null;
  const id = target.closest('.span-list [data-span-id]')?.getAttribute('data-span-id');
  return id ? (spans.find((s) => s.id === id) ?? null) : null;
}

/** Where Delete and Backspace remove the open span: the article text, the list of annotations, or nothing focused. */
function deletesFrom(target: EventTarget | null): boolean {
  if (!(target instanceof Element) || target === document.body) return true;
  return !!target.closest('.article-body, .span-list');
}

/** The chooser's widest (globals.css caps it the same way). */
const CHOOSER_WIDTH = 360;

const UNDONE: Record<'create' | 'delete' | 'update', string> = {
  create: 'Undone: the new span is removed',
  delete: 'Undone: the span is back',
  update: 'Undone: the change is reverted',
};

const shortQuote = (quote: string) => quotedExcerpt(quote, 60);
