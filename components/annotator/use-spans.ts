'use client';

import { useCallback, useRef, useState } from 'react';
import type { Label } from '@/lib/labels';
import type { SpanView } from '@/lib/spans/schema';
import { spanApi, type SpanChanges } from './span-api';

// The annotator's spans with optimistic updates: the page changes at once, the writes go to
// the server one after another (so a later edit never overtakes the create it depends on), and
// every change can be undone. A failed write shows the server's message and reloads the truth.

export type ClientSpan = SpanView & { pending?: boolean };
type Editable = { label: Label; note: string; speaker: string };
type UndoEntry = { kind: 'create'; id: string } | { kind: 'delete'; id: string } | { kind: 'update'; id: string; before: Editable };

const byTextOrder = (a: ClientSpan, b: ClientSpan) => a.start - b.start || b.end - a.end || a.createdAt.localeCompare(b.createdAt);

export function useSpans(articleId: string, initial: SpanView[], quoteOf: (start: number, end: number) => string) {
  // The page sends spans without their text (it is in the article already): fill it in here.
  const [spans, setSpans] = useState<ClientSpan[]>(() => initial.map((s) => (s.quote ? s : { ...s, quote: quoteOf(s.start, s.end) })).sort(byTextOrder));
  const [pendingWrites, setPendingWrites] = useState(0);
  const [error, setError] = useState<string | null>(null);
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
  const confirmed = (span: SpanView) => {
    versions.current.set(span.id, span.version);
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

  const reload = useCallback(async () => {
    const { spans: fresh } = await spanApi.list(articleId);
    fresh.forEach(confirmed);
    undoStack.current = [];
    removedHere.current.clear();
    commit(fresh);
  }, [articleId, commit]);

  const enqueue = useCallback(
    (write: () => Promise<void>) => {
      setPendingWrites((n) => n + 1);
      queue.current = queue.current
        .then(write)
        .catch(async (e: unknown) => {
          setError(`${e instanceof Error ? e.message : String(e)} The page now shows what is saved.`);
          await reload().catch(() => setError('The server could not be reached. Reload the page before you continue.'));
        })
        .finally(() => setPendingWrites((n) => n - 1));
    },
    [reload],
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
        const span = confirmed((await spanApi.create(articleId, input)).span);
        realIds.current.set(tempId, span.id);
        const current = find(tempId);
        // Edits made while the create was in flight are already queued behind it with the temp id.
        replace(tempId, current ? { ...span, label: current.label, note: current.note, speaker: current.speaker } : span);
      });
      return tempId;
    },
    [articleId, commit, enqueue, quoteOf],
  );

  const update = useCallback(
    (id: string, changes: SpanChanges, options: { undoable?: boolean } = {}) => {
      const current = find(id);
      if (!current) return;
      if (options.undoable !== false) {
        undoStack.current.push({ kind: 'update', id, before: { label: current.label, note: current.note, speaker: current.speaker } });
      }
      replace(current.id, { ...current, ...changes });
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
        const span = confirmed((await spanApi.remove(realId, versionOf(id))).span);
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
  const undo = useCallback((): UndoEntry['kind'] | null => {
    const entry = undoStack.current.pop();
    if (!entry) return null;
    if (entry.kind === 'create') remove(entry.id, { undoable: false });
    else if (entry.kind === 'delete') restore(entry.id);
    else update(entry.id, entry.before, { undoable: false });
    return entry.kind;
  }, [remove, restore, update]);

  const idFor = useCallback((id: string) => resolveId(id), []);

  /** The spans with every change made so far, before React has rendered them. */
  const latest = useCallback(() => spansRef.current, []);
  return { spans, latest, pendingWrites, error, clearError: () => setError(null), create, update, remove, undo, reload, idFor };
}
