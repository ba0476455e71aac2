'use client';

import { scrollBehavior } from '../scroll-behavior';
import { useRouter } from 'next/navigation';
import { Suspense, use, useCallback, useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { CodePointIndex } from '@/lib/anchoring/code-points';
import { lineStarts } from '@/lib/anchoring/dom';
import { snapToWords } from '@/lib/anchoring/snap';
import { LABEL_INFO, labelByKey, type Label } from '@/lib/labels';
import { unpackBoard, type PackedBoard } from '@/lib/review/board-data';
import type { EarlierThread, ReviewSpan } from '@/lib/review/service';
import { REVIEW_STATE_NAMES, type ReviewState } from '@/lib/review/status';
import { isPendingUnanimous } from '@/lib/review/unanimous';
import { editedRangeProblem } from '@/lib/review/edited-range';
import { clusterAnnouncement } from '@/lib/review/board-navigation';
import { neighbourSpan } from '@/lib/spans/navigation';
import { caretOffset, offsetAtPoint, offsetToPoint, rangeContainsPoint, selectionOffsets, spansAt, spansUnderCaret, type Line } from '../annotator/dom-text';
import { useCaretAnnouncements } from '../annotator/caret-announcements';
import { EarlyHighlights } from '../annotator/early-highlights';
import { clearHighlights, highlightCss, HighlightPainter } from '../annotator/highlights';
import { LabelLinesSwitch, useLabelLines } from '../annotator/label-lines';
import { SelectionToolbar } from '../annotator/selection-toolbar';
import { SidePanel, TextThenPainter } from '../annotator/text-layout';
import { asApiError, changeFailureMessage } from '../api-error';
import { call } from '../annotator/span-api';
import { plural } from '@/lib/plural';
import { excerpt } from '@/lib/excerpt';
import { Pager, usePagedList } from '../pager';
import { useAnnouncer } from '../announcer';
import { BusyButton } from '../busy-button';
import { AskFirst, useAskFirst } from '../ask-first';
import { recreationNotes } from '../recreation-note';
import { isTyping, keyboardSelection } from '../annotator/keyboard-selection';
import { ClusterCard } from './cluster-card';
import { GoldList } from './gold-list';

/** What the review board shows over the text: the article's review state, its submitted layers, gold and clusters. */
export type ReviewBoardData = {
  state: ReviewState;
  annotators: { id: string; name: string }[];
  /** An annotator reviewing peers: their own spans are the others' to judge (the server refuses it too). */
  peerReviewer?: string;
  /** For a peer: the spans a reviewer has judged, whose verdicts stand (the server refuses a peer's too). */
  reviewerJudged?: string[];
  /** Spans, gold spans and clusters, packed (lib/review/board-data.ts); quotes are sliced from the text. */
  board: PackedBoard;
  /** Comment threads of spans the board no longer shows (deleted, or their layer reopened). */
  earlierThreads?: EarlierThread[];
};

export type ReviewBoardProps = {
  article: { id: string; projectId: string; title: string; text: string; textHash: string; version: number };
  /** Still on its way: the text is sent and shown first, the layers follow in the same response (Suspense). */
  data: Promise<ReviewBoardData>;
  /** The labels and offsets of the same spans for the early painter (earlyPaintData): sent with the text. */
  highlights: string;
  /** The request's CSP nonce, for the early highlight painter's script element. */
  nonce: string | undefined;
  /** An annotator reviewing peers: verdicts only, no direct gold edits. */
  peerReview?: boolean;
  /** The review is closed (adjudicated): nothing is judged or added until a reviewer reopens it. */
  closed?: boolean;
};

/** Clusters per page: an article with thousands of clusters renders a page of them, not all. */
export const CLUSTER_PAGE_SIZE = 20;

export type ReviewActions = {
  /** Runs a change; on success, `done` is announced to screen readers. */
  run: (what: () => Promise<unknown>, done?: string | ((result: unknown) => string)) => Promise<boolean>;
  judge: (span: ReviewSpan, body: { verdict: 'accepted' | 'rejected'; edit?: { label: Label; start: number; end: number; speaker: string } }) => Promise<boolean>;
  comment: (span: ReviewSpan, body: string) => Promise<boolean>;
  selectionRange: () => { start: number; end: number } | null;
  /** What is wrong with an edited range, said before anything is sent; null when it can be sent. */
  rangeProblem: (start: number, end: number) => string | null;
  focusSpan: (id: string) => void;
  quoteOf: (span: ReviewSpan) => string;
  /** Whose span of which label, in words ("Ana's claim"): for accessible names and announcements. */
  spanName: (span: ReviewSpan) => string;
  /** Why this reviewer may not judge the span (a peer's own span, or one a reviewer judged), or null when they may. */
  whyNotJudge: (span: ReviewSpan) => string | null;
  /** Whether a verdict may carry an edit: a reviewer's, not a peer's. */
  mayEdit: boolean;
};

// The three parts that show the layers unpack the same payload: once.
const unpacked = new WeakMap<PackedBoard, ReturnType<typeof unpackBoard>>();
function boardOf(data: ReviewBoardData) {
  let board = unpacked.get(data.board);
  if (!board) unpacked.set(data.board, (board = unpackBoard(data.board)));
  return board;
}

/** Shared by the board's parts: the text, what is shown and what is going on. */
type BoardContext = {
  article: ReviewBoardProps['article'];
  articleRef: React.RefObject<HTMLElement | null>;
  lines: Line[];
  index: CodePointIndex;
  painter: HighlightPainter;
  hidden: Set<string>;
  toggle: (layer: string) => void;
  busy: boolean;
  run: ReviewActions['run'];
  activeId: string | null;
  setActiveId: (id: string | null) => void;
  /** Says something to screen readers (the board's live region). */
  announce: (message: string) => void;
};

/**
 * The board's last refusal per article. The page re-creates the board when the article's version
 * changes (a reviewer closed or reopened it), and that change is often what a refusal is about:
 * kept here, the message survives the re-creation instead of vanishing with the old board.
 */
const lastRefusal = new Map<string, { message: string; at: number }>();
/** Long enough for the re-creation that follows a refusal, short enough not to greet a later visit. */
const REFUSAL_KEPT_MS = 15_000;
const keptRefusal = (articleId: string) => {
  const kept = lastRefusal.get(articleId);
  return kept && Date.now() - kept.at < REFUSAL_KEPT_MS ? kept.message : null;
};
/**
 * Closing or reopening a review re-creates the board: what to announce, and which control to
 * give the focus back to, once the new board is there (else the focus falls to the page's top).
 */
const afterRecreation = recreationNotes<{ announce: string; focus: string }>();
const STATE_BUTTON_ID = 'review-state-button';

export function ReviewBoard({ article, data, highlights, nonce, peerReview = false, closed = false }: ReviewBoardProps) {
  const router = useRouter();
  const articleRef = useRef<HTMLElement>(null);
  const lines = useMemo(() => lineStarts(article.text), [article.text]);
  const index = useMemo(() => new CodePointIndex(article.text), [article.text]);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(() => keptRefusal(article.id));
  const [running, setRunning] = useState(false);
  // Busy until the refreshed data has arrived too: an action taken before then would send the
  // versions of the old data and be refused as a conflict.
  const [refreshing, startRefresh] = useTransition();
  const busy = running || refreshing;
  const [activeId, setActiveId] = useState<string | null>(null);
  const [painter] = useState(() => new HighlightPainter());
  const colours = useMemo(() => highlightCss(LABEL_INFO), []);
  const { announce, region } = useAnnouncer();
  const lineChoice = useLabelLines();
  // Read while rendering: the controls' effect (a child's, so it runs first) takes the entry.
  const [recreated] = useState(() => afterRecreation.peek(article.id)?.announce);
  useEffect(() => {
    if (!recreated) return;
    // The live region is new with the board: screen readers may miss a change made as it appears.
    const timer = setTimeout(() => announce(recreated), 250);
    return () => clearTimeout(timer);
  }, [recreated, announce]);

  const run = useCallback(
    async (what: () => Promise<unknown>, done?: string | ((result: unknown) => string)) => {
      setRunning(true);
      setError(null);
      lastRefusal.delete(article.id);
      let signedOut = false;
      try {
        const result = await what();
        if (done) announce(typeof done === 'function' ? done(result) : done);
        return true;
      } catch (e) {
        const failure = asApiError(e);
        signedOut = failure.signedOut;
        const message = changeFailureMessage(failure);
        lastRefusal.set(article.id, { message, at: Date.now() });
        setError(message);
        return false;
      } finally {
        setRunning(false);
        // Signed out, a refresh would re-render the page signed out, which sends the reviewer to
        // the sign-in page and loses the open forms: the board stays until they are signed in again.
        if (!signedOut) startRefresh(() => router.refresh());
      }
    },
    [router, article.id, announce],
  );
  const toggle = useCallback(
    (layer: string) =>
      setHidden((h) => {
        const next = new Set(h);
        if (next.has(layer)) next.delete(layer);
        else next.add(layer);
        return next;
      }),
    [],
  );
  const onArticleKeyDown = useMemo(() => keyboardSelection(articleRef), []);
  // A refusal that re-created the board (another reviewer closed the article meanwhile) took the
  // pressed button with the old board, and the focus fell to the page's top: it goes to the reason.
  // Runs after the controls' own focus note, which wins when there is one.
  const refusal = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) refusal.current?.focus();
  }, []);
  const context: BoardContext = { article, articleRef, lines, index, painter, hidden, toggle, busy, run, activeId, setActiveId, announce };

  return (
    <div className={lineChoice.className ? `workbench ${lineChoice.className}` : 'workbench'}>
      <style>{colours}</style>
      {region}
      <div className="stack">
        <Suspense
          fallback={
            <div className="card row" role="status">
              <span className="muted">Loading the submitted layers…</span>
            </div>
          }
        >
          <ReviewControls data={data} context={context} />
        </Suspense>
        {error && (
          <div ref={refusal} className="banner error" role="alert" tabIndex={-1}>
            {error}
          </div>
        )}
        <div className="row wrap">
          <p className="muted">
            {closed
              ? 'The review is closed. Click a highlight to find its cluster; N and P go through the clusters.'
              : peerReview
                ? "Judge the others' spans; your verdicts build the gold layer. Click a highlight to find its cluster; N and P go through the clusters."
                : 'Select text to add a span to the gold layer directly. Click a highlight to find its cluster; N and P go through the clusters.'}
          </p>
          <LabelLinesSwitch {...lineChoice} />
        </div>
        <div onKeyDown={onArticleKeyDown}>
          <TextThenPainter lines={lines} articleRef={articleRef} title={article.title} nonce={nonce} painter={<EarlyHighlights paint={highlights} nonce={nonce} />} />
        </div>
      </div>
      <SidePanel waiting="Loading the clusters…">
        <ReviewPanel data={data} context={context} />
      </SidePanel>
    </div>
  );
}

/** The review's state, the layer switches, and the actions on the whole article. */
function ReviewControls({ data, context }: { data: Promise<ReviewBoardData>; context: BoardContext }) {
  const loaded = use(data);
  const { spans, gold, clusters } = boardOf(loaded);
  const { article, index, hidden, toggle, busy, run } = context;
  const closed = loaded.state === 'adjudicated';
  // No submitted layer and no gold: closing would only shut the annotators out (the server refuses).
  const nothingToClose = !closed && loaded.annotators.length === 0 && gold.length === 0;
  // The board was re-created by closing or reopening the review: the focus goes back to the button.
  useEffect(() => {
    const pending = afterRecreation.take(article.id);
    if (!pending) return;
    document.getElementById(pending.focus)?.focus();
  }, [article.id]);
  const unanimous = useMemo(() => {
    // One submitted layer agrees with nothing: no cluster is unanimous until a second can.
    if (loaded.annotators.length < 2) return 0;
    const byId = new Map(spans.map((s) => [s.id, s]));
    const quoteOf = (s: ReviewSpan) => index.slice(s.start, s.end);
    return clusters.filter((c) => isPendingUnanimous(c, c.spanIds.flatMap((id) => byId.get(id) ?? []), quoteOf)).length;
  }, [spans, clusters, index, loaded.annotators.length]);
  // Closing the review leaves spans without a verdict out of gold: asked first, so none is missed.
  const unjudged = useMemo(() => spans.filter((s) => s.layer === 'annotator' && s.verdict === '').length, [spans]);
  const closing = useAskFirst();
  const changeState = async () => {
    afterRecreation.leave(article.id, { announce: closed ? 'Review reopened' : 'Article marked adjudicated', focus: STATE_BUTTON_ID });
    const changed = await run(() => call(`/api/v1/articles/${article.id}/review`, { method: 'POST', body: closed ? { action: 'reopen', version: article.version } : { action: 'adjudicate', version: article.version, unjudged, layers: loaded.annotators.map((a) => a.id) } }));
    if (!changed) afterRecreation.drop(article.id);
  };
  return (
    <div className="card row">
      <span className={`status review-${loaded.state}`}>{REVIEW_STATE_NAMES[loaded.state]}</span>
      <fieldset className="row layer-toggles">
        <legend className="muted">Layers</legend>
        {loaded.annotators.map((a) => (
          <label key={a.id}>
            <input type="checkbox" checked={!hidden.has(a.id)} onChange={() => toggle(a.id)} /> {a.name}
          </label>
        ))}
        <label>
          <input type="checkbox" checked={!hidden.has('gold')} onChange={() => toggle('gold')} /> Gold
        </label>
      </fieldset>
      <span className="spacer" />
      {/* Accepting all at once and closing the review are a reviewer's; a peer judges span by span. */}
      {!closed && !loaded.peerReviewer && (
        <BusyButton
          className="button"
          busy={busy || unanimous === 0}
          onClick={() =>
            run(
              () => call(`/api/v1/articles/${article.id}/review`, { method: 'POST', body: { action: 'accept-unanimous' } }),
              // What the server took, which a colleague's accept a moment earlier may have made fewer.
              (result) => {
                const accepted = (result as { accepted?: number } | null)?.accepted ?? 0;
                return accepted ? `Accepted ${plural(accepted, 'unanimous cluster')} into gold` : 'Nothing was left to accept: a colleague accepted these meanwhile';
              },
            )
          }
        >
          Accept all unanimous ({unanimous})
        </BusyButton>
      )}
      {!loaded.peerReviewer &&
        (closing.asking ? (
          <AskFirst
            name="Mark adjudicated"
            question={`${plural(unjudged, 'span')} ${unjudged === 1 ? 'has' : 'have'} no verdict yet and will stay out of gold. Mark adjudicated anyway?`}
            yes="Yes, mark adjudicated"
            yesClassName="button primary"
            onYes={() => {
              closing.stop();
              // While a verdict or refresh is under way the board's version is about to change.
              if (!busy) void changeState();
            }}
            onCancel={closing.stop}
          />
        ) : (
          <>
            {nothingToClose && (
              <span id="nothing-to-close" className="muted">
                Nothing to adjudicate yet: no layer is submitted and gold is empty.
              </span>
            )}
            <BusyButton
              ref={closing.button}
              id={STATE_BUTTON_ID}
              className={closed ? 'button' : 'button primary'}
              busy={busy || nothingToClose}
              aria-describedby={nothingToClose ? 'nothing-to-close' : undefined}
              onClick={() => (!closed && unjudged > 0 ? closing.ask() : changeState())}
            >
              {closed ? 'Reopen review' : 'Mark adjudicated'}
            </BusyButton>
          </>
        ))}
    </div>
  );
}

/** The layers over the text (highlights, clicks, a gold span from a selection) and the side panel: clusters and gold. */
function ReviewPanel({ data, context }: { data: Promise<ReviewBoardData>; context: BoardContext }) {
  const loaded = use(data);
  const { spans, gold, clusters } = boardOf(loaded);
  const { article, articleRef, lines, index, painter, hidden, busy, run, activeId, setActiveId, announce } = context;
  const closed = loaded.state === 'adjudicated';
  const [selection, setSelection] = useState<{ start: number; end: number; rect: DOMRect } | null>(null);
  const names = useMemo(() => new Map(loaded.annotators.map((a) => [a.id, a.name])), [loaded.annotators]);
  const spanById = useMemo(() => new Map(spans.map((s) => [s.id, s])), [spans]);
  const clusterOf = useMemo(() => new Map(clusters.flatMap((c, i) => c.spanIds.map((id) => [id, i] as const))), [clusters]);
  const quoteOf = useCallback((s: ReviewSpan) => s.quote || index.slice(s.start, s.end), [index]);
  const spanName = useCallback((s: ReviewSpan) => `${names.get(s.annotatorId) ?? 'Unknown'}'s ${LABEL_INFO[s.label].name.toLowerCase()}`, [names]);
  const pages = usePagedList(clusters.length, CLUSTER_PAGE_SIZE);
  // A span chosen in the text: its cluster's page is shown, then the card scrolled to.
  // Chosen by keyboard (Enter in the text), the card also takes the focus.
  const [revealId, setRevealId] = useState<{ id: string; focus: boolean } | null>(null);
  useEffect(() => {
    if (!revealId) return;
    const card = document.querySelector<HTMLElement>(`[data-span-card="${CSS.escape(revealId.id)}"]`);
    card?.scrollIntoView({ block: 'center', behavior: scrollBehavior() });
    if (revealId.focus) card?.querySelector<HTMLElement>('.span-summary')?.focus({ preventScroll: true });
    setRevealId(null);
  }, [revealId, pages.shown.page]);

  const visible = useMemo(
    () => [...spans.filter((s) => !hidden.has(s.annotatorId)), ...(hidden.has('gold') ? [] : gold)],
    [spans, gold, hidden],
  );
  useEffect(() => {
    if (articleRef.current) painter.paint(articleRef.current, lines, visible, activeId);
  }, [painter, articleRef, lines, visible, activeId]);
  useEffect(
    () => () => {
      painter.dispose();
      clearHighlights();
    },
    [painter],
  );

  const currentSelection = useCallback(() => {
    const root = articleRef.current;
    const raw = root ? selectionOffsets(root, lines) : null;
    const snapped = raw ? snapToWords(article.text, raw, index) : null;
    return raw && snapped ? { ...snapped, rect: raw.rect } : null;
  }, [articleRef, article.text, index, lines]);
  // Coming into highlights and leaving them by key is read out, as on the annotate page, with whose they are.
  const caretName = useCallback((s: ReviewSpan) => (s.layer === 'gold' ? `gold ${LABEL_INFO[s.label].name.toLowerCase()}` : spanName(s)), [spanName]);
  const visibleNow = useCallback(() => visible, [visible]);
  const { followCaret, forgetKey } = useCaretAnnouncements({ articleRef, lines, spans: visibleNow, nameOf: caretName, announce });
  useEffect(() => {
    let frame = 0;
    const onChange = () => {
      followCaret();
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setSelection(closed ? null : currentSelection()));
    };
    document.addEventListener('selectionchange', onChange);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', onChange);
    };
  }, [currentSelection, closed, followCaret]);

  // A span chosen in the text (a click, Enter, N or P): it is marked, and its cluster's card shown;
  // with `focus`, the card also takes the focus.
  const reveal = useCallback(
    (id: string, focus: boolean) => {
      setActiveId(id);
      const cluster = clusterOf.get(id);
      if (cluster !== undefined) pages.show(cluster);
      setRevealId({ id, focus });
    },
    [setActiveId, clusterOf, pages.show],
  );

  // N and P go to the next and previous cluster, from the text or from the cluster cards: its card
  // is shown, and what it holds is read out. From the text the caret goes to the cluster's start;
  // from a card the focus goes to the next card, so a reviewer can judge cluster after cluster.
  // The cluster N or P went to last, and where it left the caret: N goes on from it while the caret
  // is still there, and from the caret once the reviewer has moved it (as on the annotate page).
  const lastVisited = useRef<{ index: number; offset: number } | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const key = e.key.toLowerCase();
      if ((key !== 'n' && key !== 'p') || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const root = articleRef.current;
      const target = e.target instanceof Element ? e.target : null;
      const fromText = root !== null && target === root;
      const fromCards = target?.closest('[data-cluster-list]') != null;
      if (!root || (!fromText && !fromCards)) return;
      e.preventDefault();
      const ordered = clusters.map((c, i) => ({ id: String(i), start: c.start, end: c.end }));
      // From a card, the cluster it belongs to; from the text, the one N or P left the caret at.
      const card = target?.closest<HTMLElement>('[data-cluster-index]');
      const caret = fromText ? caretOffset(root, lines) : null;
      const visited = lastVisited.current;
      const current = card ? Number(card.dataset.clusterIndex) : visited && caret?.offset === visited.offset ? visited.index : undefined;
      const found = neighbourSpan(ordered, { activeId: current === undefined ? null : String(current), caret: caret?.offset ?? null }, key === 'n' ? 'next' : 'previous');
      if (!found) {
        announce(clusters.length === 0 ? 'No clusters on this article' : key === 'n' ? 'No cluster after this one' : 'No cluster before this one');
        return;
      }
      const i = Number(found.span.id);
      const cluster = clusters[i]!;
      const members = cluster.spanIds.map((id) => spanById.get(id)).filter((s): s is ReviewSpan => !!s);
      const first = members[0];
      if (!first) return;
      if (fromText) {
        const point = offsetToPoint(root, lines, cluster.start);
        if (point) window.getSelection()?.collapse(point.node, point.offset);
        forgetKey();
      }
      lastVisited.current = { index: i, offset: cluster.start };
      reveal(first.id, fromCards);
      painter.scrollTo(first.id);
      announce(
        clusterAnnouncement({
          position: found.position,
          total: clusters.length,
          status: cluster.status,
          singleLayer: loaded.annotators.length < 2,
          members: members.map((s) => ({ who: names.get(s.annotatorId) ?? 'Unknown', label: s.label, speaker: s.speaker })),
          missing: cluster.missing.map((id) => names.get(id) ?? id),
          quote: index.slice(cluster.start, cluster.end),
        }),
      );
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [articleRef, lines, clusters, spanById, names, index, painter, reveal, announce, loaded.annotators.length, forgetKey]);

  // A click on a highlight shows its cluster.
  useEffect(() => {
    const root = articleRef.current;
    if (!root) return;
    const onClick = (e: MouseEvent) => {
      if (!window.getSelection()?.isCollapsed) return;
      const offset = offsetAtPoint(root, lines, e.clientX, e.clientY);
      if (offset === null) return;
      const hit = spansAt(visible, offset).find((s) => {
        const r = painter.range(s.id);
        return r ? rangeContainsPoint(r, e.clientX, e.clientY) : false;
      });
      if (hit) reveal(hit.id, false);
    };
    // Enter with the caret on a highlight does the same, and moves the focus to the span's card.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.target !== root) return;
      const caret = caretOffset(root, lines);
      const hit = caret ? spansUnderCaret(visible, caret.offset).find((s) => clusterOf.has(s.id)) : undefined;
      if (!hit) return;
      e.preventDefault();
      reveal(hit.id, true);
    };
    root.addEventListener('click', onClick);
    root.addEventListener('keydown', onKey);
    return () => {
      root.removeEventListener('click', onClick);
      root.removeEventListener('keydown', onKey);
    };
  }, [articleRef, lines, visible, painter, clusterOf, reveal]);

  const actions: ReviewActions = {
    run,
    judge: (span, body) =>
      run(
        () => call(`/api/v1/spans/${span.id}/verdict`, { method: 'POST', body: { ...body, version: span.version } }),
        verdictMessage(spanName(span), body),
      ),
    comment: (span, body) => run(() => call(`/api/v1/spans/${span.id}/comments`, { method: 'POST', body: { body } }), `Comment posted on ${spanName(span)}`),
    selectionRange: () => {
      const s = currentSelection();
      return s ? { start: s.start, end: s.end } : null;
    },
    rangeProblem: (start, end) => editedRangeProblem(start, end, index),
    focusSpan: (id) => {
      setActiveId(id);
      painter.scrollTo(id);
    },
    quoteOf,
    spanName,
    whyNotJudge: (span) =>
      !loaded.peerReviewer ? null : span.annotatorId === loaded.peerReviewer ? 'Your span: the others judge it.' : loaded.reviewerJudged?.includes(span.id) ? 'A reviewer judged it.' : null,
    mayEdit: !loaded.peerReviewer,
  };

  const addsGold = !closed && !loaded.peerReviewer;
  const addGold = useCallback(
    (label: Label) => {
      const s = currentSelection();
      // While a change is saving, the board's versions are about to change: one thing at a time.
      if (!s || busy) return;
      window.getSelection()?.collapseToEnd();
      void run(() => call(`/api/v1/articles/${article.id}/gold`, { method: 'POST', body: { label, start: s.start, end: s.end, textHash: article.textHash } }), `Gold ${LABEL_INFO[label].name.toLowerCase()} added`);
    },
    [currentSelection, run, article.id, article.textHash, busy],
  );
  // As on the annotate page: 1, 2 or 3 labels the selected passage (here, straight into gold).
  useEffect(() => {
    if (!addsGold) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const label = labelByKey(e.key);
      if (!label || !currentSelection()) return;
      e.preventDefault();
      addGold(label);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [addsGold, addGold, busy, currentSelection]);

  return (
    <>
      <aside className="side">
        <section aria-labelledby="clusters-heading" className="stack" data-cluster-list="">
          <h2 id="clusters-heading">Clusters ({clusters.length})</h2>
          {clusters.length === 0 && (
            <p className="muted">{loaded.annotators.length === 0 ? 'No layer is submitted, so there is nothing to cluster.' : 'No annotator found a span in this article.'}</p>
          )}
          <Pager shown={pages.shown} count={clusters.length} label="Pages of clusters" onPage={pages.setPage} />
          {clusters.slice(pages.shown.first, pages.shown.end).map((c, i) => (
            <ClusterCard
              key={pages.shown.first + i}
              index={pages.shown.first + i}
              cluster={c}
              spanById={spanById}
              names={names}
              actions={actions}
              closed={closed}
              busy={busy}
              activeId={activeId}
              singleLayer={loaded.annotators.length < 2}
            />
          ))}
        </section>
        <GoldList gold={gold} closed={closed || !!loaded.peerReviewer} busy={busy} run={run} focusSpan={actions.focusSpan} quoteOf={quoteOf} />
        {loaded.earlierThreads && loaded.earlierThreads.length > 0 && <EarlierThreads threads={loaded.earlierThreads} />}
      </aside>
      {selection && addsGold && <SelectionToolbar rect={selection.rect} onLabel={addGold} articleRef={articleRef} />}
    </>
  );
}

function verdictMessage(name: string, body: Parameters<ReviewActions['judge']>[1]): string {
  if (body.verdict === 'rejected') return `Rejected ${name}`;
  return body.edit ? `Accepted ${name} into gold, edited` : `Accepted ${name} into gold`;
}

/** Conversations about spans no longer on the board, read-only, so no reviewer's explanation vanishes. */
function EarlierThreads({ threads }: { threads: EarlierThread[] }) {
  return (
    <details className="card earlier-threads">
      <summary>
        <h2>Comments on spans no longer on the board ({threads.length})</h2>
      </summary>
      <ul>
        {threads.map((t) => (
          <li key={t.spanId} aria-label={`${t.annotator}'s ${LABEL_INFO[t.label].name.toLowerCase()}, ${t.why === 'deleted' ? 'deleted' : 'reopened'}`}>
            <p>
              <strong>{t.annotator}</strong>{' '}
              <span className="chip" style={{ background: LABEL_INFO[t.label].background }}>
                {LABEL_INFO[t.label].name}
              </span>{' '}
              <span className="muted">{t.why === 'deleted' ? 'deleted since' : 'its annotator reopened the article'}</span>
            </p>
            <p className="excerpt">{excerpt(t.quote, 140)}</p>
            <div className="thread">
              {t.comments.map((c) => (
                <p key={c.id} className="comment">
                  <strong>{c.author}:</strong> {c.body}
                </p>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </details>
  );
}

