import { LABEL_INFO, type Label } from '@/lib/labels';
import { listOf } from '@/lib/plural';

type Placed = { id: string; start: number; end: number };

/**
 * The span to go to from here, for moving through an article's annotations by key (N and P):
 * `ordered` is in text order. From an open span, the one after (or before) it in that order;
 * otherwise the first that starts at or after the caret (or the last that starts before it), and
 * with no caret in the text, the first (or the last). `position` counts from 1, for "3 of 12".
 * Null when there is none that way.
 */
export function neighbourSpan<S extends Placed>(
  ordered: readonly S[],
  from: { activeId: string | null; caret: number | null },
  direction: 'next' | 'previous',
): { span: S; position: number } | null {
  const step = direction === 'next' ? 1 : -1;
  const active = from.activeId === null ? -1 : ordered.findIndex((s) => s.id === from.activeId);
  let index: number;
  if (active >= 0) index = active + step;
  else if (from.caret === null) index = direction === 'next' ? 0 : ordered.length - 1;
  else if (direction === 'next') index = ordered.findIndex((s) => s.start >= from.caret!);
  else index = findLastIndex(ordered, (s) => s.start < from.caret!);
  const span = index >= 0 ? ordered[index] : undefined;
  return span ? { span, position: index + 1 } : null;
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}

/** The keys that move a caret through the text, after which the highlights under it are read out. */
export const CARET_KEYS: ReadonlySet<string> = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

/**
 * What a screen reader says as the caret moves in the text and the highlights under it change
 * (the highlights themselves are paint, which assistive technology does not see): "In claim and
 * opinion" on coming into spans, "Out of claim" on leaving the last, null when nothing changed.
 * `before` and `after` are the spans under the caret, innermost first; `nameOf` words one span
 * (by default its label; the review board says whose it is).
 */
export function caretHighlightChange<S extends { id: string; label: Label }>(
  before: readonly S[],
  after: readonly S[],
  nameOf: (span: S) => string = (s) => LABEL_INFO[s.label].name.toLowerCase(),
): string | null {
  const same = before.length === after.length && before.every((s, i) => s.id === after[i].id);
  if (same) return null;
  const names = (spans: readonly S[]) => listOf(spans.map(nameOf));
  return after.length > 0 ? `In ${names(after)}` : `Out of ${names(before)}`;
}
