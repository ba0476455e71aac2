import { LABELS, type Label } from '@/lib/labels';
import { liveRange, staticRangeFor, type Line } from './dom-text';

// Highlights are painted with the CSS Custom Highlight API: no wrapper elements, so overlapping
// and nested spans need no DOM surgery and thousands of spans stay cheap to paint.

type Paintable = { id: string; label: Label; start: number; end: number };

export const HIGHLIGHT_NAMES = {
  label: (l: Label) => `slant-${l}`,
  overlap: 'slant-overlap',
  active: 'slant-active',
};

export function supportsHighlights(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined' && typeof StaticRange !== 'undefined';
}

/** Regions covered by two or more spans, so nesting stays visible (underlined). */
export function overlapRegions(spans: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  // Every start and end as one number, 2 × position (+ 1 for a start), so that a plain numeric
  // sort orders them by position with ends before starts: thousands of spans, no comparator.
  const events = new Float64Array(spans.length * 2);
  let i = 0;
  for (const s of spans) {
    events[i++] = s.start * 2 + 1;
    events[i++] = s.end * 2;
  }
  events.sort();
  const regions: { start: number; end: number }[] = [];
  let depth = 0;
  let openedAt = 0;
  for (const event of events) {
    const pos = Math.floor(event / 2);
    const before = depth;
    depth += event % 2 === 1 ? 1 : -1;
    if (before < 2 && depth >= 2) openedAt = pos;
    if (before >= 2 && depth < 2 && pos > openedAt) regions.push({ start: openedAt, end: pos });
  }
  return regions;
}

type Painted = { range: StaticRange; label: Label; start: number; end: number };

/**
 * Keeps the page's highlights in step with a list of spans. It registers one Highlight per label
 * once and then only adds and removes the ranges of spans that appeared, disappeared or moved,
 * so one more span on an article with thousands costs one range, not thousands.
 */
export class HighlightPainter {
  #painted = new Map<string, Painted>();
  #byLabel = null as Record<Label, Highlight> | null;
  #overlap = null as Highlight | null;
  #overlapRanges = new Map<number, StaticRange>();
  #active = null as Highlight | null;
  #activeRange: StaticRange | null = null;
  #root: HTMLElement | null = null;
  #lines: Line[] | null = null;

  /** Paints `spans` and marks `activeId`: adds and removes only what changed since the last call. */
  paint(root: HTMLElement, lines: Line[], spans: readonly Paintable[], activeId: string | null): void {
    if (!supportsHighlights()) return;
    // Start over for a new article element, new lines, or when someone else (an unmount's
    // cleanup, the early paint) replaced the registered highlights.
    const registered = this.#byLabel && CSS.highlights.get(HIGHLIGHT_NAMES.label(LABELS[0])) === this.#byLabel[LABELS[0]];
    if (!registered || root !== this.#root || lines !== this.#lines) this.#reset(root, lines);
    const byLabel = this.#byLabel!;
    const wanted = new Set<string>();
    let unpaintable = 0;
    for (const s of spans) {
      wanted.add(s.id);
      const p = this.#painted.get(s.id);
      if (p && p.label === s.label && p.start === s.start && p.end === s.end) continue;
      if (p) byLabel[p.label].delete(p.range);
      const range = staticRangeFor(root, lines, s.start, s.end);
      if (!range) {
        this.#painted.delete(s.id);
        unpaintable++;
        continue;
      }
      this.#painted.set(s.id, { range, label: s.label, start: s.start, end: s.end });
      byLabel[s.label].add(range);
    }
    // Every wanted span is painted or unpaintable: anything more is a span that went away.
    if (this.#painted.size + unpaintable > wanted.size) {
      for (const [id, p] of this.#painted) {
        if (wanted.has(id)) continue;
        byLabel[p.label].delete(p.range);
        this.#painted.delete(id);
      }
    }
    this.#paintOverlaps(root, lines, overlapRegions(spans));
    const activeRange = (activeId ? this.#painted.get(activeId)?.range : undefined) ?? null;
    if (activeRange !== this.#activeRange) {
      this.#active!.clear();
      if (activeRange) this.#active!.add(activeRange);
      this.#activeRange = activeRange;
    }
    markPainted(this.#painted.size);
  }

  /** A live range over a painted span, for hit-testing clicks and scrolling to it. */
  range(id: string): Range | undefined {
    const painted = this.#painted.get(id);
    return painted ? liveRange(painted.range) : undefined;
  }

  /** Keeps the ranges of regions that are still overlapped, adds the new ones and drops the rest. */
  #paintOverlaps(root: HTMLElement, lines: Line[], regions: { start: number; end: number }[]): void {
    const overlap = this.#overlap!;
    const wanted = new Set<number>();
    for (const r of regions) {
      // Offsets stay far below 2^26, so start and end fit one exact number.
      const key = r.start * 2 ** 26 + r.end;
      wanted.add(key);
      if (this.#overlapRanges.has(key)) continue;
      const range = staticRangeFor(root, lines, r.start, r.end);
      if (!range) continue;
      this.#overlapRanges.set(key, range);
      overlap.add(range);
    }
    if (this.#overlapRanges.size === wanted.size) return;
    for (const [key, range] of this.#overlapRanges) {
      if (wanted.has(key)) continue;
      overlap.delete(range);
      this.#overlapRanges.delete(key);
    }
  }

  #reset(root: HTMLElement, lines: Line[]): void {
    this.#root = root;
    this.#lines = lines;
    this.#painted.clear();
    this.#overlapRanges.clear();
    this.#byLabel = Object.fromEntries(LABELS.map((l) => [l, new Highlight()])) as Record<Label, Highlight>;
    LABELS.forEach((l, i) => {
      this.#byLabel![l].priority = i;
      CSS.highlights.set(HIGHLIGHT_NAMES.label(l), this.#byLabel![l]);
    });
    this.#overlap = new Highlight();
    this.#overlap.priority = 10;
    CSS.highlights.set(HIGHLIGHT_NAMES.overlap, this.#overlap);
    this.#active = new Highlight();
    this.#activeRange = null;
    this.#active.priority = 20;
    CSS.highlights.set(HIGHLIGHT_NAMES.active, this.#active);
  }
}

/**
 * A performance mark once the frame with the new highlights has been painted (the first task
 * after the next animation frame), so the benchmark and the browser's performance panel can see
 * how long painting took. `detail.count` is the number of ranges painted. The task is posted at
 * user-blocking priority where the browser has a task scheduler, so work queued meanwhile (the
 * list catching up, a save's answer) is not counted as painting.
 */
function markPainted(count: number): void {
  if (typeof requestAnimationFrame === 'undefined' || typeof performance === 'undefined') return;
  requestAnimationFrame(() => afterFrame(() => performance.mark(PAINTED_MARK, { detail: { count } })));
}

type TaskScheduler = { postTask(task: () => void, options: { priority: 'user-blocking' }): Promise<unknown> };

function afterFrame(task: () => void): void {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (scheduler?.postTask) void scheduler.postTask(task, { priority: 'user-blocking' });
  else setTimeout(task);
}

export const PAINTED_MARK = 'slant:highlights-painted';

export function clearHighlights(): void {
  if (!supportsHighlights()) return;
  for (const l of LABELS) CSS.highlights.delete(HIGHLIGHT_NAMES.label(l));
  CSS.highlights.delete(HIGHLIGHT_NAMES.overlap);
  CSS.highlights.delete(HIGHLIGHT_NAMES.active);
}

/** The stylesheet for the highlights, generated from the label colours (never from article text). */
export function highlightCss(colours: Record<Label, { background: string; border: string }>): string {
  const rules = LABELS.map(
    (l) => `::highlight(${HIGHLIGHT_NAMES.label(l)}) { background-color: ${colours[l].background}; color: #1a1a1a; }`,
  );
  rules.push(`::highlight(${HIGHLIGHT_NAMES.overlap}) { text-decoration: underline double 2px #3d3d3d; text-underline-offset: 3px; }`);
  rules.push(`::highlight(${HIGHLIGHT_NAMES.active}) { text-decoration: underline solid 3px #1f2a80; text-underline-offset: 4px; }`);
  return rules.join('\n');
}
