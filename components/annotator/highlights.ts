import { LABEL_INFO, LABELS, type Label } from '@/lib/labels';
import { scrollBehavior } from '../scroll-behavior';
import { afterNextPaint } from './after-paint';
import { blockAt, liveRange, staticRangeFor, type Line } from './dom-text';

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
  const regions: { start: number; end: number }[] = [];
  forEachOverlap(spans, (start, end) => regions.push({ start, end }));
  return regions;
}

/**
 * Calls `region` with the start and end of each region covered by two or more spans, in text
 * order. Indexed loops, a reused buffer and no objects: this runs
 * after every change to the spans, and garbage made here is collected in some later key press's frame.
 */
function forEachOverlap(spans: readonly { start: number; end: number }[], region: (start: number, end: number) => void): void {
  // One shared buffer: `region` must not call forEachOverlap again (it never needs to).
  // Every start and end as one number, 2 × position (+ 1 for a start), so that a plain numeric
  // sort orders them by position with ends before starts: thousands of spans, no comparator.
  const count = spans.length * 2;
  if (eventBuffer.length < count) eventBuffer = new Float64Array(Math.max(count, eventBuffer.length * 2));
  const events = eventBuffer.subarray(0, count);
  for (let i = 0; i < spans.length; i++) {
    events[2 * i] = spans[i].start * 2 + 1;
    events[2 * i + 1] = spans[i].end * 2;
  }
  events.sort();
  let depth = 0;
  let openedAt = 0;
  for (let i = 0; i < count; i++) {
    const event = events[i];
    const pos = Math.floor(event / 2);
    const before = depth;
    depth += event % 2 === 1 ? 1 : -1;
    if (before < 2 && depth >= 2) openedAt = pos;
    if (before >= 2 && depth < 2 && pos > openedAt) region(openedAt, pos);
  }
}
let eventBuffer = new Float64Array(0);

/** A range the painter keeps, and the blocks of the article it lies in. */
type Placed = { range: StaticRange; firstBlock: number; lastBlock: number; shown: boolean; /** The pass that last wanted it. */ seen: number };
type Painted = Placed & { label: Label; start: number; end: number };

/**
 * How far beyond the screen, above and below, the article's highlights stay registered, in
 * screens (plus the rest of every block this reaches into). Small, because every registered
 * range's paragraph is repainted in the frame after each change (decision 004).
 */
const NEAR_SCREENS = 0.4;

/**
 * Keeps the page's highlights in step with a list of spans. It registers one Highlight per label
 * once and then only adds and removes the ranges of spans that appeared, disappeared or moved,
 * so one more span on an article with thousands costs one range, not thousands.
 *
 * Only the ranges in the article's blocks near the screen are registered with the browser (measured
 * once when the painter starts, then followed by an IntersectionObserver).
 * Chromium repaints every registered range's text whenever anything on the page repaints, so
 * thousands of registered ranges made each frame, the one after a key press included, several
 * milliseconds longer; the blocks far from the screen are not painted anyway (content-visibility).
 * Every span still gets its range at once, for clicks, scrolling and the count in the mark.
 */
export class HighlightPainter {
  #painted = new Map<string, Painted>();
  /** Counts the passes over a list, to find what a pass no longer wanted without building a set. */
  #pass = 0;
  #byLabel = null as Record<Label, Highlight> | null;
  #overlap = null as Highlight | null;
  #overlapRanges = new Map<number, Placed>();
  #active = null as Highlight | null;
  #activeRange: StaticRange | null = null;
  #root: HTMLElement | null = null;
  #lines: Line[] | null = null;
  /** Blocks near the screen; null without blocks or an IntersectionObserver (everything counts as near). */
  #near: Set<number> | null = null;
  #observer: IntersectionObserver | null = null;
  /** The list painted last; the same list again means only the open span may have changed. */
  #lastSpans: readonly Paintable[] | null = null;
  /** Spans painted ahead of their list (preview), until settlePreviews. */
  #previews: { range: StaticRange; label: Label; start: number; end: number }[] = [];

  /** Paints `spans` and marks `activeId`: adds and removes only what changed since the last call. */
  paint(root: HTMLElement, lines: Line[], spans: readonly Paintable[], activeId: string | null): void {
    if (!supportsHighlights()) return;
    this.#paintList(root, lines, spans);
    const activeRange = (activeId ? this.#painted.get(activeId)?.range : undefined) ?? null;
    if (activeRange !== this.#activeRange) {
      this.#active!.clear();
      if (activeRange) this.#active!.add(activeRange);
      this.#activeRange = activeRange;
    }
    markPainted(this.#painted.size);
  }

  /**
   * Paints one new span at once, ahead of the list that will hold it: a key press shows its
   * highlight in the very next frame, and the page's state (the list, the save) follows after
   * that frame, which then calls settlePreviews with the list that holds the span.
   */
  preview(root: HTMLElement, lines: Line[], span: { label: Label; start: number; end: number }): void {
    if (!supportsHighlights() || !this.#byLabel || root !== this.#root || lines !== this.#lines) return;
    const range = staticRangeFor(root, lines, span.start, span.end);
    if (!range) return;
    this.#byLabel[span.label].add(range);
    this.#previews.push({ range, label: span.label, start: span.start, end: span.end });
    markPainted(this.#painted.size + this.#previews.length);
  }

  /**
   * Paints `spans`, the list that now holds the previewed spans, and drops every preview: each is
   * replaced by its span's range in the same task (no frame without it). A span undone before
   * this (so missing from the list) leaves nothing behind.
   */
  settlePreviews(root: HTMLElement, lines: Line[], spans: readonly Paintable[]): void {
    if (!supportsHighlights() || !this.#previews.length) return;
    this.#paintList(root, lines, spans);
    for (const p of this.#previews) this.#byLabel![p.label].delete(p.range);
    this.#previews = [];
    markPainted(this.#painted.size);
  }

  #paintList(root: HTMLElement, lines: Line[], spans: readonly Paintable[]): void {
    // Start over for a new article element, new lines, or when someone else (an unmount's
    // cleanup, the early paint) replaced the registered highlights.
    const registered = this.#byLabel && CSS.highlights.get(HIGHLIGHT_NAMES.label(LABELS[0])) === this.#byLabel[LABELS[0]];
    if (!registered || root !== this.#root || lines !== this.#lines) this.#reset(root, lines);
    // The same list as last time: nothing to do (only the open span may have changed).
    if (spans === this.#lastSpans) return;
    this.#paintSpans(root, lines, spans);
    this.#paintOverlaps(root, lines, spans);
    this.#lastSpans = spans;
  }

  #paintSpans(root: HTMLElement, lines: Line[], spans: readonly Paintable[]): void {
    const byLabel = this.#byLabel!;
    const pass = ++this.#pass;
    let unpaintable = 0;
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i];
      const p = this.#painted.get(s.id);
      if (p && p.label === s.label && p.start === s.start && p.end === s.end) {
        p.seen = pass;
        continue;
      }
      if (p?.shown) byLabel[p.label].delete(p.range);
      const placed = this.#place(root, lines, s.start, s.end, pass);
      if (!placed) {
        this.#painted.delete(s.id);
        unpaintable++;
        continue;
      }
      const painted: Painted = { ...placed, label: s.label, start: s.start, end: s.end };
      this.#painted.set(s.id, painted);
      this.#show(painted, byLabel[s.label]);
    }
    // Every span of the list is painted or unpaintable: anything more is a span that went away.
    if (this.#painted.size + unpaintable > spans.length) {
      this.#painted.forEach((p, id) => {
        if (p.seen === pass) return;
        if (p.shown) byLabel[p.label].delete(p.range);
        this.#painted.delete(id);
      });
    }
  }

  /** A live range over a painted span, for hit-testing clicks and scrolling to it. */
  range(id: string): Range | undefined {
    const painted = this.#painted.get(id);
    return painted ? liveRange(painted.range) : undefined;
  }

  /**
   * Scrolls the page so that a painted span sits a third of the way down the screen. An instant
   * jump (reduced motion) registers the highlights around the new place at once: the observer
   * would report them only after the first frame there, which would show the text without them.
   */
  scrollTo(id: string): void {
    const rect = this.range(id)?.getBoundingClientRect();
    if (!rect) return;
    // Already in view, below the sticky page header (the span was clicked, say): the text stays
    // where it is, under the pointer.
    const headerBottom = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0;
    if (rect.top >= Math.max(0, headerBottom) && rect.bottom <= window.innerHeight) return;
    const behavior = scrollBehavior();
    window.scrollBy({ top: rect.top - window.innerHeight / 3, behavior });
    if (behavior === 'smooth' || !this.#near || !this.#root) return;
    this.#near = nearBlocks(this.#root.querySelectorAll<HTMLElement>(':scope > [data-block]'));
    this.#showNear();
  }

  /** Stops following the screen (the page is going away). */
  dispose(): void {
    this.#observer?.disconnect();
    this.#observer = null;
  }

  #place(root: HTMLElement, lines: Line[], start: number, end: number, pass: number): Placed | null {
    const range = staticRangeFor(root, lines, start, end);
    return range ? { range, firstBlock: blockAt(lines, start), lastBlock: blockAt(lines, end), shown: false, seen: pass } : null;
  }

  #isNear(p: Placed): boolean {
    if (!this.#near) return true;
    for (let b = p.firstBlock; b <= p.lastBlock; b++) if (this.#near.has(b)) return true;
    return false;
  }

  /** Registers `p` with `highlight` when it is near the screen, and unregisters it when not. */
  #show(p: Placed, highlight: Highlight): void {
    const near = this.#isNear(p);
    if (near === p.shown) return;
    if (near) highlight.add(p.range);
    else highlight.delete(p.range);
    p.shown = near;
  }

  /** Keeps the ranges of regions that are still overlapped, adds the new ones and drops the rest. */
  #paintOverlaps(root: HTMLElement, lines: Line[], spans: readonly Paintable[]): void {
    const overlap = this.#overlap!;
    const pass = ++this.#pass;
    // The regions of this list that have a range, kept or new: any other range is a region that went away.
    let current = 0;
    forEachOverlap(spans, (start, end) => {
      // Offsets stay far below 2^26, so start and end fit one exact number.
      const key = start * 2 ** 26 + end;
      const kept = this.#overlapRanges.get(key);
      if (kept) {
        kept.seen = pass;
        current++;
        return;
      }
      const placed = this.#place(root, lines, start, end, pass);
      if (!placed) return;
      this.#overlapRanges.set(key, placed);
      this.#show(placed, overlap);
      current++;
    });
    if (this.#overlapRanges.size === current) return;
    this.#overlapRanges.forEach((placed, key) => {
      if (placed.seen === pass) return;
      if (placed.shown) overlap.delete(placed.range);
      this.#overlapRanges.delete(key);
    });
  }

  /** The observer's report: blocks came near the screen or went away from it. */
  #onBlocks(entries: IntersectionObserverEntry[]): void {
    const near = (this.#near ??= new Set());
    for (const entry of entries) {
      const block = Number((entry.target as HTMLElement).dataset.block);
      if (entry.isIntersecting) near.add(block);
      else near.delete(block);
    }
    this.#showNear();
  }

  /** Registers every range whose blocks are near the screen now, and unregisters the others. */
  #showNear(): void {
    const byLabel = this.#byLabel;
    if (!byLabel) return;
    this.#painted.forEach((p) => this.#show(p, byLabel[p.label]));
    this.#overlapRanges.forEach((p) => this.#show(p, this.#overlap!));
  }

  #reset(root: HTMLElement, lines: Line[]): void {
    this.#root = root;
    this.#lines = lines;
    this.#painted.clear();
    this.#overlapRanges.clear();
    this.#lastSpans = null;
    this.#previews = [];
    this.#observer?.disconnect();
    this.#near = null;
    const blocks = root.querySelectorAll<HTMLElement>(':scope > [data-block]');
    if (blocks.length && typeof IntersectionObserver !== 'undefined') {
      // The blocks near the screen right now, so that the first paint registers only theirs; the
      // observer keeps the set up to date from its first report on.
      this.#near = nearBlocks(blocks);
      this.#observer = new IntersectionObserver((entries) => this.#onBlocks(entries), { rootMargin: `${NEAR_SCREENS * 100}% 0px` });
      for (const block of blocks) this.#observer.observe(block);
    }
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

/** The blocks within NEAR_SCREENS of the screen as it is now (measured: a forced layout, where one is due). */
function nearBlocks(blocks: Iterable<HTMLElement>): Set<number> {
  const margin = NEAR_SCREENS * window.innerHeight;
  const near = new Set<number>();
  for (const block of blocks) {
    const { top, bottom } = block.getBoundingClientRect();
    if (bottom >= -margin && top <= window.innerHeight + margin) near.add(Number(block.dataset.block));
  }
  return near;
}

/**
 * A performance mark once the frame with the new highlights has been painted (the first task
 * after the next animation frame), so the benchmark and the browser's performance panel can see
 * how long painting took. `detail.count` is the number of ranges painted. The task is posted at
 * user-blocking priority where the browser has a task scheduler, so work queued meanwhile (the
 * list catching up, a save's answer) is not counted as painting.
 */
function markPainted(count: number): void {
  if (typeof performance === 'undefined') return;
  afterNextPaint(() => performance.mark(PAINTED_MARK, { detail: { count } }), 'user-blocking');
}

export const PAINTED_MARK = 'slant:highlights-painted';

export function clearHighlights(): void {
  if (!supportsHighlights()) return;
  for (const l of LABELS) CSS.highlights.delete(HIGHLIGHT_NAMES.label(l));
  CSS.highlights.delete(HIGHLIGHT_NAMES.overlap);
  CSS.highlights.delete(HIGHLIGHT_NAMES.active);
}

/**
 * Not by colour alone (WCAG 1.4.1), when the reader asks for it: each label also draws its own line
 * above the text, in its border colour. A claim none, an opinion solid, a sourced quote double; the
 * lines below the text stay for overlaps (double) and the open span (solid). A preference (see
 * label-lines.ts), off by default: every line is repainted with every frame, and they cost the
 * key press about 4 ms (decision 004).
 */
export const LABEL_CUE: Record<Label, string | null> = {
  claim: null,
  opinion: 'overline solid 2px',
  sourced_quote: 'overline double 3px',
};

/** The class on an ancestor of the article that switches the label lines on. */
export const LABEL_LINES_CLASS = 'label-lines';

/** The label's line for an element (the legend), as the text shows it. */
export function labelCueStyle(label: Label): { textDecoration?: string } {
  const cue = LABEL_CUE[label];
  return cue ? { textDecoration: `${cue} ${LABEL_INFO[label].border}` } : {};
}

/** The stylesheet for the highlights, generated from the label colours (never from article text). */
export function highlightCss(colours: Record<Label, { background: string; border: string }>): string {
  const rules = LABELS.map((l) => `::highlight(${HIGHLIGHT_NAMES.label(l)}) { background-color: ${colours[l].background}; color: #1a1a1a; }`);
  for (const l of LABELS) {
    if (LABEL_CUE[l]) rules.push(`.${LABEL_LINES_CLASS} ::highlight(${HIGHLIGHT_NAMES.label(l)}) { text-decoration: ${LABEL_CUE[l]} ${colours[l].border}; }`);
  }
  rules.push(`::highlight(${HIGHLIGHT_NAMES.overlap}) { text-decoration: underline double 2px #3d3d3d; text-underline-offset: 3px; }`);
  rules.push(`::highlight(${HIGHLIGHT_NAMES.active}) { text-decoration: underline solid 3px #1f2a80; text-underline-offset: 4px; }`);
  return rules.join('\n');
}
