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

export function paintHighlights(root: HTMLElement, lines: Line[], spans: Paintable[], activeId: string | null): Map<string, Range> {
  const ranges = new Map<string, Range>();
  if (!supportsHighlights()) return ranges;
  const byLabel = Object.fromEntries(LABELS.map((l) => [l, new Highlight()])) as Record<Label, Highlight>;
  for (const s of spans) {
    const range = rangeFor(root, lines, s.start, s.end);
    if (!range) continue;
    ranges.set(s.id, range);
    byLabel[s.label].add(range);
  }
  LABELS.forEach((l, i) => {
    byLabel[l].priority = i;
    CSS.highlights.set(HIGHLIGHT_NAMES.label(l), byLabel[l]);
  });
  const overlap = new Highlight();
  for (const r of overlapRegions(spans)) {
    const range = rangeFor(root, lines, r.start, r.end);
    if (range) overlap.add(range);
  }
  overlap.priority = 10;
  CSS.highlights.set(HIGHLIGHT_NAMES.overlap, overlap);
  const active = new Highlight();
  const activeRange = activeId ? ranges.get(activeId) : undefined;
  if (activeRange) active.add(activeRange);
  active.priority = 20;
  CSS.highlights.set(HIGHLIGHT_NAMES.active, active);
  markPainted(ranges.size);
  return ranges;
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
