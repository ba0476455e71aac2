'use client';

import { useCallback, useRef, useState } from 'react';
import { storedSpeaker, type Label } from '@/lib/labels';
import type { SpanView } from '@/lib/spans/schema';
import { asApiError } from '../api-error';
import { saveFailure, type SaveFailure } from './save-failure';
import { spanApi, type SpanChanges } from './span-api';

// The annotator's spans with optimistic updates: the page changes at once, the writes go to
// the server one after another (so a later edit never overtakes the create it depends on), and
// every change can be undone. A failed write shows why, drops the writes queued behind it (they
// were made on top of it) and shows what the server has: reloaded, or, when that fails too, the
// spans as the server last confirmed them. The page never shows a change as saved that is not.

export type ClientSpan = SpanView & { pending?: boolean };
type Editable = { label: Label; note: string; speaker: string };
type UndoEntry = { kind: 'create'; id: string } | { kind: 'delete'; id: string } | { kind: 'update'; id: string; before: Editable };

/** A span as the server will store it after `changes`: only a sourced quote keeps a speaker, trimmed. */
function shownAfter(span: ClientSpan, changes: SpanChanges): ClientSpan {
  const next = { ...span, ...changes };
  return { ...next, speaker: storedSpeaker(next.label, next.speaker) };
}

const byTextOrder = (a: ClientSpan, b: ClientSpan) => a.start - b.start || b.end - a.end || a.createdAt.localeCompare(b.createdAt);

/**
 * The annotator's spans on one article, kept in step with the server. `textHash` names the text
 * the page shows: the server refuses a new span drawn on a text edited since.
 */
export function useSpans(articleId: string, textHash: string, initial: SpanView[], quoteOf: (start: number, end: number) => string) {
  // The page sends spans without their text (it is in the article already): fill it in here.
  const withQuote = (s: SpanView): SpanView => (s.quote ? s : { ...s, quote: quoteOf(s.start, s.end) });
  const [spans, setSpans] = useState<ClientSpan[]>(() => initial.map(withQuote).sort(byTextOrder));
  const [pendingWrites, setPendingWrites] = useState(0);
  const [error, setError] = useState<SaveFailure | null>(null);
  // Each span as the server last confirmed it: what the page falls back to when a write fails and
  // what is saved cannot be reloaded either.
  const [savedMap] = useState(() => new Map(initial.map((s) => [s.id, withQuote(s)])));
  const saved = useRef(savedMap);
  // Writes queued and not yet finished; a write made before the last failure is not sent.
  const outstanding = useRef(0);
  const epoch = useRef(0);
  const spansRef = useRef(spans);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const realIds = useRef(new Map<string, string>());
  const deleted = useRef(new Map<string, SpanView>());
  // Spans the annotator deleted on this page, as they last showed, so an undo brings one back at
  // once (and a second undo right after it finds the span to change), before the server answers.
  const removedHere = useRef(new Map<string, ClientSpan>());
  // The version the server last confirmed for each span, read when a queued write runs.
  const [versionMap] = useState(() => new Map(initial.map((s) => [s.id, s.version])));
  const versions = useRef(versionMap);
  const confirmed = (span: SpanView, deletedNow = false) => {
    versions.current.set(span.id, span.version);
    if (deletedNow) saved.current.delete(span.id);
    else saved.current.set(span.id, withQuote(span));
    return span;
  };
  const versionOf = (id: string) => versions.current.get(resolveId(id)) ?? 1;
  const undoStack = useRef<UndoEntry[]>([]);
  const tempCounter = useRef(0);

  const commit = useCallback((next: ClientSpan[]) => {
    spansRef.current = [...next].sort(byTextOrder);
    setSpans(spansRef.current);
  }, []);
  const resolveId = (id: string) => realIds.current.get(id) ?? id;
  const find = (id: string) => spansRef.current.find((s) => s.id === id || s.id === resolveId(id));
  const replace = (id: string, span: ClientSpan | null) =>
    commit(span ? spansRef.current.map((s) => (s.id === id ? span : s)) : spansRef.current.filter((s) => s.id !== id));

  /** Shows `shown` as the whole truth: nothing on the page is left to undo. */
  const resetTo = useCallback(
    (shown: ClientSpan[]) => {
      undoStack.current = [];
      removedHere.current.clear();
      commit(shown);
    },
    [commit],
  );

  const reload = useCallback(async () => {
    const { spans: fresh } = await spanApi.list(articleId);
    saved.current.clear();
    resetTo(fresh.map((s) => confirmed(s)));
  }, [articleId, resetTo]);

  const enqueue = useCallback(
    (write: () => Promise<void>) => {
      const madeIn = epoch.current;
      outstanding.current++;
      setPendingWrites((n) => n + 1);
      queue.current = queue.current
        .then(async () => {
          // Made on top of a change that failed: the page has shown what is saved since.
          if (madeIn !== epoch.current) return;
          try {
            await write();
          } catch (e) {
            let reloaded = true;
            await reload().catch(() => {
              reloaded = false;
              resetTo([...saved.current.values()]);
            });
            // Every write still queued was made before the page showed what is saved: none is sent.
            epoch.current++;
            setError(saveFailure(asApiError(e), { notSent: outstanding.current - 1, reloaded }));
          }
        })
        .finally(() => {
          outstanding.current--;
          setPendingWrites((n) => n - 1);
        });
    },
    [reload, resetTo],
  );

  const create = useCallback(
    (input: { label: Label; start: number; end: number }, options: { undoable?: boolean } = {}) => {
      const tempId = `tmp-${++tempCounter.current}`;
      const now = new Date().toISOString();
      commit([
        ...spansRef.current,
        { id: tempId, articleId, ...input, quote: quoteOf(input.start, input.end), prefix: '', suffix: '', note: '', speaker: '', version: 0, createdAt: now, updatedAt: now, pending: true },
      ]);
      if (options.undoable !== false) undoStack.current.push({ kind: 'create', id: tempId });
      enqueue(async () => {
        const span = confirmed((await spanApi.create(articleId, { ...input, textHash })).span);
        realIds.current.set(tempId, span.id);
        const current = find(tempId);
        // Edits made while the create was in flight are already queued behind it with the temp id.
        replace(tempId, current ? { ...span, label: current.label, note: current.note, speaker: current.speaker } : span);
      });
      return tempId;
    },
    [articleId, textHash, commit, enqueue, quoteOf],
  );

  const update = useCallback(
    (id: string, changes: SpanChanges, options: { undoable?: boolean } = {}) => {
      const current = find(id);
      if (!current) return;
      if (options.undoable !== false) {
        undoStack.current.push({ kind: 'update', id, before: { label: current.label, note: current.note, speaker: current.speaker } });
      }
      replace(current.id, shownAfter(current, changes));
      enqueue(async () => {
        const span = confirmed((await spanApi.update(resolveId(id), { ...changes, version: versionOf(id) })).span);
        const latest = find(id);
        replace(latest?.id ?? span.id, { ...span, ...(latest ? { label: latest.label, note: latest.note, speaker: latest.speaker } : {}) });
      });
    },
    [enqueue],
  );

  const remove = useCallback(
    (id: string, options: { undoable?: boolean } = {}) => {
      const current = find(id);
      if (!current) return;
      if (options.undoable !== false) undoStack.current.push({ kind: 'delete', id });
      removedHere.current.set(id, current);
      replace(current.id, null);
      enqueue(async () => {
        const realId = resolveId(id);
        const span = confirmed((await spanApi.remove(realId, versionOf(id))).span, true);
        deleted.current.set(realId, span);
      });
    },
    [enqueue],
  );

  const restore = useCallback(
    (id: string) => {
      const shown = removedHere.current.get(id);
      removedHere.current.delete(id);
      if (shown && !find(id)) commit([...spansRef.current, { ...shown, pending: true }]);
      enqueue(async () => {
        const realId = resolveId(id);
        const gone = deleted.current.get(realId);
        // The delete never reached the server (it failed, and the page reloaded what is saved).
        if (!gone) return;
        const span = confirmed((await spanApi.restore(realId, versionOf(id))).span);
        deleted.current.delete(realId);
        // Changes made since the undo are queued behind this write; keep them on screen.
        const latest = find(id);
        replace(latest?.id ?? realId, latest ? { ...span, label: latest.label, note: latest.note, speaker: latest.speaker } : span);
      });
    },
    [commit, enqueue],
  );

  /** Undoes the last change; says which kind it was (null: nothing to undo). */
  /** Undoes the last change; answers what it undid (the kind, and the span's id as the page knew it). */
  const undo = useCallback((): { kind: UndoEntry['kind']; id: string } | null => {
    const entry = undoStack.current.pop();
    if (!entry) return null;
    if (entry.kind === 'create') remove(entry.id, { undoable: false });
    else if (entry.kind === 'delete') restore(entry.id);
    else update(entry.id, entry.before, { undoable: false });
    return { kind: entry.kind, id: entry.id };
  }, [remove, restore, update]);

  const idFor = useCallback((id: string) => resolveId(id), []);

  /** The spans with every change made so far, before React has rendered them. */
  const latest = useCallback(() => spansRef.current, []);
  return { spans, latest, pendingWrites, error, clearError: () => setError(null), create, update, remove, undo, reload, idFor };
}
