'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { lineStarts } from '@/lib/anchoring/dom';
import { snapToWords } from '@/lib/anchoring/snap';
import { CodePointIndex } from '@/lib/anchoring/code-points';
import { LABEL_INFO, type Label } from '@/lib/labels';
import { unpackBoard, type PackedBoard } from '@/lib/review/board-data';
import type { ReviewSpan } from '@/lib/review/service';
import { REVIEW_STATE_NAMES, type ReviewState } from '@/lib/review/status';
import { ArticleText } from '../annotator/article-text';
import { EarlyHighlights } from '../annotator/early-highlights';
import { offsetAtPoint, rangeContainsPoint, selectionOffsets } from '../annotator/dom-text';
import { clearHighlights, highlightCss, HighlightPainter } from '../annotator/highlights';
import { SelectionToolbar } from '../annotator/selection-toolbar';
import { call } from '../annotator/span-api';
import { Pager, usePagedList } from '../pager';
import { ClusterCard } from './cluster-card';
import { GoldList } from './gold-list';

export type ReviewBoardProps = {
  article: { id: string; projectId: string; title: string; text: string; version: number };
  state: ReviewState;
  annotators: { id: string; name: string }[];
  /** Spans, gold spans and clusters, packed (lib/review/board-data.ts); quotes are sliced from the text. */
  board: PackedBoard;
  /** The request's CSP nonce, for the early highlight painter's script element. */
  nonce: string | undefined;
};

/** Clusters per page: an article with thousands of clusters renders a page of them, not all. */
export const CLUSTER_PAGE_SIZE = 20;

export type ReviewActions = {
  run: (what: () => Promise<unknown>) => Promise<boolean>;
  judge: (span: ReviewSpan, body: { verdict: 'accepted' | 'rejected'; edit?: { label: Label; start: number; end: number; speaker: string } }) => Promise<boolean>;
  comment: (span: ReviewSpan, body: string) => Promise<boolean>;
  selectionRange: () => { start: number; end: number } | null;
  focusSpan: (id: string) => void;
  quoteOf: (span: ReviewSpan) => string;
};

export function ReviewBoard({ article, state, annotators, board, nonce }: ReviewBoardProps) {
  const router = useRouter();
  const articleRef = useRef<HTMLElement>(null);
  const lines = useMemo(() => lineStarts(article.text), [article.text]);
  const { spans, gold, clusters } = useMemo(() => unpackBoard(board), [board]);
  const initialLayers = useMemo(() => [...spans, ...gold], [spans, gold]);
  const index = useMemo(() => new CodePointIndex(article.text), [article.text]);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [selection, setSelection] = useState<{ start: number; end: number; rect: DOMRect } | null>(null);
  const [painter] = useState(() => new HighlightPainter());
  const closed = state === 'adjudicated';
  const names = useMemo(() => new Map(annotators.map((a) => [a.id, a.name])), [annotators]);
  const spanById = useMemo(() => new Map(spans.map((s) => [s.id, s])), [spans]);
  const clusterOf = useMemo(() => new Map(clusters.flatMap((c, i) => c.spanIds.map((id) => [id, i] as const))), [clusters]);
  const quoteOf = useCallback((s: ReviewSpan) => s.quote || index.slice(s.start, s.end), [index]);
  const pages = usePagedList(clusters.length, CLUSTER_PAGE_SIZE);
  // A span chosen in the text: its cluster's page is shown, then the card scrolled to.
  const [revealId, setRevealId] = useState<string | null>(null);
  useEffect(() => {
    if (!revealId) return;
    document.querySelector(`[data-span-card="${CSS.escape(revealId)}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    setRevealId(null);
  }, [revealId, pages.shown.page]);

  const visible = useMemo(
    () => [...spans.filter((s) => !hidden.has(s.annotatorId)), ...(hidden.has('gold') ? [] : gold)],
    [spans, gold, hidden],
  );
  useEffect(() => {
    if (articleRef.current) painter.paint(articleRef.current, lines, visible, activeId);
  }, [painter, lines, visible, activeId]);
  useEffect(() => clearHighlights, []);

  const currentSelection = useCallback(() => {
    const root = articleRef.current;
    const raw = root ? selectionOffsets(root, lines) : null;
    const snapped = raw ? snapToWords(article.text, raw, index) : null;
    return raw && snapped ? { ...snapped, rect: raw.rect } : null;
  }, [article.text, index, lines]);
  useEffect(() => {
    let frame = 0;
    const onChange = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setSelection(closed ? null : currentSelection()));
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [currentSelection, closed]);

  const run = useCallback(
    async (what: () => Promise<unknown>) => {
      setBusy(true);
      setError(null);
      try {
        await what();
        return true;
      } catch (e) {
        setError(`${e instanceof Error ? e.message : String(e)}`);
        return false;
      } finally {
        setBusy(false);
        router.refresh();
      }
    },
    [router],
  );

  const actions: ReviewActions = {
    run,
    judge: (span, body) => run(() => call(`/api/v1/spans/${span.id}/verdict`, { method: 'POST', body: { ...body, version: span.version } })),
    comment: (span, body) => run(() => call(`/api/v1/spans/${span.id}/comments`, { method: 'POST', body: { body } })),
    selectionRange: () => {
      const s = currentSelection();
      return s ? { start: s.start, end: s.end } : null;
    },
    focusSpan: (id) => {
      setActiveId(id);
      const rect = painter.range(id)?.getBoundingClientRect();
      if (rect) window.scrollBy({ top: rect.top - window.innerHeight / 3, behavior: 'smooth' });
    },
    quoteOf,
  };

  const addGold = (label: Label) => {
    const s = currentSelection();
    if (!s) return;
    window.getSelection()?.collapseToEnd();
    void run(() => call(`/api/v1/articles/${article.id}/gold`, { method: 'POST', body: { label, start: s.start, end: s.end } }));
  };

  const onArticleClick = (e: React.MouseEvent) => {
    const root = articleRef.current;
    if (!root || !window.getSelection()?.isCollapsed) return;
    const offset = offsetAtPoint(root, lines, e.clientX, e.clientY);
    if (offset === null) return;
    const hit = visible
      .filter((s) => s.start <= offset && offset <= s.end)
      .find((s) => {
        const r = painter.range(s.id);
        return r ? rangeContainsPoint(r, e.clientX, e.clientY) : false;
      });
    if (!hit) return;
    setActiveId(hit.id);
    const cluster = clusterOf.get(hit.id);
    if (cluster !== undefined) pages.show(cluster);
    setRevealId(hit.id);
  };

  const toggle = (id: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const colours = useMemo(() => highlightCss(LABEL_INFO), []);
  const unanimous = useMemo(
    () => clusters.filter((c) => c.status === 'agree' && c.spanIds.some((id) => spanById.get(id)?.verdict === '')).length,
    [clusters, spanById],
  );

  return (
    <div className="workbench">
      <style>{colours}</style>
      <div className="stack">
        <div className="card row">
          <span className={`status review-${state}`}>{REVIEW_STATE_NAMES[state]}</span>
          <fieldset className="row layer-toggles">
            <legend className="muted">Layers</legend>
            {annotators.map((a) => (
              <label key={a.id}>
                <input type="checkbox" checked={!hidden.has(a.id)} onChange={() => toggle(a.id)} /> {a.name}
              </label>
            ))}
            <label>
              <input type="checkbox" checked={!hidden.has('gold')} onChange={() => toggle('gold')} /> Gold
            </label>
          </fieldset>
          <span className="spacer" />
          {!closed && (
            <button
              type="button"
              className="button"
              disabled={busy || unanimous === 0}
              onClick={() => run(() => call(`/api/v1/articles/${article.id}/review`, { method: 'POST', body: { action: 'accept-unanimous' } }))}
            >
              Accept all unanimous ({unanimous})
            </button>
          )}
          <button
            type="button"
            className={closed ? 'button' : 'button primary'}
            disabled={busy}
            onClick={() =>
              run(() => call(`/api/v1/articles/${article.id}/review`, { method: 'POST', body: { action: closed ? 'reopen' : 'adjudicate', version: article.version } }))
            }
          >
            {closed ? 'Reopen review' : 'Mark adjudicated'}
          </button>
        </div>
        {error && (
          <div className="banner error" role="alert">
            {error}
          </div>
        )}
        <p className="muted">
          Select text to add a span to the gold layer directly. Click a highlight to find its cluster.
        </p>
        <div onClick={onArticleClick}>
          <ArticleText lines={lines} articleRef={articleRef} label={`Article text: ${article.title}`} />
          {/* Right after the text: the highlights are painted as soon as it has arrived. */}
          <EarlyHighlights spans={initialLayers} nonce={nonce} />
        </div>
      </div>
      <aside className="side">
        <section aria-labelledby="clusters-heading" className="stack">
          <h2 id="clusters-heading">Clusters ({clusters.length})</h2>
          {clusters.length === 0 && <p className="muted">No annotator found a span in this article.</p>}
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
            />
          ))}
        </section>
        <GoldList gold={gold} closed={closed} busy={busy} run={run} focusSpan={actions.focusSpan} quoteOf={quoteOf} />
      </aside>
      {selection && !closed && <SelectionToolbar rect={selection.rect} onLabel={addGold} />}
    </div>
  );
}
