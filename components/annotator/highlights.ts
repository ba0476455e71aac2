import { LABELS, type Label } from '@/lib/labels';
import { rangeFor, type Line } from './dom-text';

// Highlights are painted with the CSS Custom Highlight API: no wrapper elements, so overlapping
// and nested spans need no DOM surgery and thousands of spans stay cheap to paint.

type Paintable = { id: string; label: Label; start: number; end: number };

export const HIGHLIGHT_NAMES = {
  label: (l: Label) => `slant-${l}`,
  overlap: 'slant-overlap',
  active: 'slant-active',
};

export function supportsHighlights(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

/** Regions covered by two or more spans, so nesting stays visible (underlined). */
export function overlapRegions(spans: Paintable[]): { start: number; end: number }[] {
  const events: [number, number][] = [];
  for (const s of spans) events.push([s.start, 1], [s.end, -1]);
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const regions: { start: number; end: number }[] = [];
  let depth = 0;
  let openedAt = 0;
  for (const [pos, delta] of events) {
    const before = depth;
    depth += delta;
    if (before < 2 && depth >= 2) openedAt = pos;
    if (before >= 2 && depth < 2 && pos > openedAt) regions.push({ start: openedAt, end: pos });
  }
  return regions;
}

type Painted = { range: Range; label: Label; start: number; end: number };

/**
 * Keeps the page's highlights in step with a list of spans. It registers one Highlight per label
 * once and then only adds and removes the ranges of spans that appeared, disappeared or moved,
 * so one more span on an article with thousands costs one range, not thousands.
 */
export class HighlightPainter {
  #painted = new Map<string, Painted>();
  #byLabel = null as Record<Label, Highlight> | null;
  #overlap = null as Highlight | null;
  #overlapRanges = new Map<string, Range>();
  #active = null as Highlight | null;
  #activeRange: Range | null = null;
  #root: HTMLElement | null = null;
  #lines: Line[] | null = null;

  /** Paints `spans` (and marks `activeId`); returns each span's range, for hit-testing clicks. */
  paint(root: HTMLElement, lines: Line[], spans: Paintable[], activeId: string | null): Map<string, Range> {
    const ranges = new Map<string, Range>();
    if (!supportsHighlights()) return ranges;
    // Start over for a new article element, new lines, or when someone else (an unmount's
    // cleanup, the early paint) replaced the registered highlights.
    const registered = this.#byLabel && CSS.highlights.get(HIGHLIGHT_NAMES.label(LABELS[0])) === this.#byLabel[LABELS[0]];
    if (!registered || root !== this.#root || lines !== this.#lines) this.#reset(root, lines);
    const byLabel = this.#byLabel!;
    const wanted = new Map(spans.map((s) => [s.id, s]));
    for (const [id, p] of this.#painted) {
      const s = wanted.get(id);
      if (s && s.label === p.label && s.start === p.start && s.end === p.end) continue;
      byLabel[p.label].delete(p.range);
      this.#painted.delete(id);
    }
    for (const s of spans) {
      let p = this.#painted.get(s.id);
      if (!p) {
        const range = rangeFor(root, lines, s.start, s.end);
        if (!range) continue;
        p = { range, label: s.label, start: s.start, end: s.end };
        this.#painted.set(s.id, p);
        byLabel[s.label].add(range);
      }
      ranges.set(s.id, p.range);
    }
    this.#paintOverlaps(root, lines, overlapRegions(spans));
    const activeRange = (activeId ? ranges.get(activeId) : undefined) ?? null;
    if (activeRange !== this.#activeRange) {
      this.#active!.clear();
      if (activeRange) this.#active!.add(activeRange);
      this.#activeRange = activeRange;
    }
    markPainted(ranges.size);
    return ranges;
  }

  /** Keeps the ranges of regions that are still overlapped, adds the new ones and drops the rest. */
  #paintOverlaps(root: HTMLElement, lines: Line[], regions: { start: number; end: number }[]): void {
    const overlap = this.#overlap!;
    const wanted = new Set<string>();
    for (const r of regions) {
      const key = `${r.start}-${r.end}`;
      wanted.add(key);
      if (this.#overlapRanges.has(key)) continue;
      const range = rangeFor(root, lines, r.start, r.end);
      if (!range) continue;
      this.#overlapRanges.set(key, range);
      overlap.add(range);
    }
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
 * A performance mark once the frame with the new highlights has been painted (the task after
 * the next animation frame), so the benchmark and the browser's performance panel can see how
 * long painting took. `detail.count` is the number of ranges painted.
 */
function markPainted(count: number): void {
  if (typeof requestAnimationFrame === 'undefined' || typeof performance === 'undefined') return;
  requestAnimationFrame(() => setTimeout(() => performance.mark(PAINTED_MARK, { detail: { count } })));
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
