import { domPointToOffset, lineIndexAt, offsetToParagraphPoint } from '@/lib/anchoring/dom';

// Maps between DOM positions inside the rendered article and stored code-point offsets.
// The article is one <p data-line="i"> per line of text, each holding a single text node, grouped
// in blocks of LINES_PER_BLOCK paragraphs (so that the browser can skip rendering whole blocks off
// screen); a DOM point is (line, UTF-16 offset in that line) and the pure helpers do the arithmetic.

export type Line = { start: number; text: string };

/** Paragraphs per block of the rendered article (ArticleText). */
export const LINES_PER_BLOCK = 15;

function paragraphOf(node: Node, root: HTMLElement): HTMLElement | null {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const p = el?.closest<HTMLElement>('p[data-line]') ?? null;
  return p && root.contains(p) ? p : null;
}

/** The paragraph of line `index`: found by position in its block, not by searching. */
function paragraphAt(root: HTMLElement, index: number): HTMLElement | null {
  const p = root.children[Math.floor(index / LINES_PER_BLOCK)]?.children[index % LINES_PER_BLOCK] as HTMLElement | undefined;
  return p?.dataset.line === String(index) ? p : root.querySelector<HTMLElement>(`p[data-line="${index}"]`);
}

/** The index of the block (ArticleText's group of LINES_PER_BLOCK paragraphs) that holds `offset`. */
export function blockAt(lines: readonly Line[], offset: number): number {
  return Math.floor(lineIndexAt(lines, offset) / LINES_PER_BLOCK);
}

const textEnd = (lines: Line[]) => (lines.length ? lines[lines.length - 1].start + [...lines[lines.length - 1].text].length : 0);

/** The code-point offset of a DOM point, or null when the point is outside the article. */
export function pointToOffset(root: HTMLElement, lines: Line[], node: Node, offset: number): number | null {
  if (node === root || (node.nodeType === Node.ELEMENT_NODE && node.parentNode === root)) {
    // A boundary between paragraphs or blocks: the start of the paragraph after it, or the text's end.
    const container = node as HTMLElement;
    const after = (container.children[offset] as HTMLElement | undefined) ?? (container === root ? undefined : (container.nextElementSibling as HTMLElement | null) ?? undefined);
    const first = after?.matches('p[data-line]') ? after : after?.querySelector<HTMLElement>('p[data-line]');
    if (!first) return textEnd(lines);
    const line = lines[Number(first.dataset.line)];
    return line ? line.start : null;
  }
  const p = paragraphOf(node, root);
  if (!p) return null;
  const line = lines[Number(p.dataset.line)];
  if (!line) return null;
  if (node.nodeType === Node.TEXT_NODE) return domPointToOffset(line.start, line.text, offset);
  // An element boundary inside the paragraph: before or after its only text node.
  return domPointToOffset(line.start, line.text, offset === 0 ? 0 : line.text.length);
}

/** The DOM point of a code-point offset. */
export function offsetToPoint(root: HTMLElement, lines: Line[], offset: number): { node: Node; offset: number } | null {
  const { lineIndex, utf16Offset } = offsetToParagraphPoint(lines, offset);
  const p = paragraphAt(root, lineIndex);
  if (!p) return null;
  return p.firstChild ? { node: p.firstChild, offset: utf16Offset } : { node: p, offset: 0 };
}

/**
 * A static range over the article's text from `start` to `end`, for painting. Static, not live:
 * the text never changes, and the browser updates every live range on every DOM change anywhere
 * in the page, which thousands of highlights would make slow.
 */
export function staticRangeFor(root: HTMLElement, lines: Line[], start: number, end: number): StaticRange | null {
  const a = offsetToPoint(root, lines, start);
  const b = offsetToPoint(root, lines, end);
  if (!a || !b) return null;
  return new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
}

/** A live range with the same ends, for its geometry (hit-testing, scrolling to it). */
export function liveRange(range: AbstractRange): Range {
  const live = document.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  return live;
}

/**
 * The current selection as code-point offsets, when it lies (at least partly) in the article.
 * `rect` (where to show a toolbar) is measured only when read: measuring makes the browser lay
 * the page out there and then, which a key press that labels the selection does not need.
 */
export function selectionOffsets(root: HTMLElement, lines: Line[]): { start: number; end: number; readonly rect: DOMRect } | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  // A drag that began above the article (in its title, say) or ran past its end is cut at the
  // article's edges: an end outside the article but in the range lies before its start or after
  // its end. One end must be inside: a selection of the whole page (Ctrl+A) labels nothing.
  const startInside = root.contains(range.startContainer);
  const endInside = root.contains(range.endContainer);
  if (!startInside && !endInside) return null;
  const start = startInside ? pointToOffset(root, lines, range.startContainer, range.startOffset) : 0;
  const end = endInside ? pointToOffset(root, lines, range.endContainer, range.endOffset) : textEnd(lines);
  if (start === null || end === null || end <= start) return null;
  return {
    start,
    end,
    get rect() {
      return range.getBoundingClientRect();
    },
  };
}

/** The caret's offset when the selection is a caret in the article (for Enter on a highlight), and where it is on screen. */
export function caretOffset(root: HTMLElement, lines: Line[]): { offset: number; rect: DOMRect } | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || !selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer)) return null;
  const offset = pointToOffset(root, lines, range.startContainer, range.startOffset);
  return offset === null ? null : { offset, rect: range.getBoundingClientRect() };
}

/** The spans under an offset, innermost (shortest) first: with nested spans, the one most likely meant. */
export function spansAt<S extends { start: number; end: number }>(spans: readonly S[], offset: number): S[] {
  return spans.filter((s) => s.start <= offset && offset <= s.end).sort((a, b) => a.end - a.start - (b.end - b.start));
}

/**
 * The spans a caret at `offset` is in, innermost first. A caret sits between characters: right
 * after a span's last one it has left the span (a point, for a click, may still be on it).
 */
export function spansUnderCaret<S extends { start: number; end: number }>(spans: readonly S[], offset: number): S[] {
  return spansAt(spans, offset).filter((s) => offset < s.end);
}

/** The offset under a screen point (for clicks on highlights). */
export function offsetAtPoint(root: HTMLElement, lines: Line[], x: number, y: number): number | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  const pos = doc.caretPositionFromPoint?.(x, y);
  if (pos) return pointToOffset(root, lines, pos.offsetNode, pos.offset);
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? pointToOffset(root, lines, range.startContainer, range.startOffset) : null;
}

export function rangeContainsPoint(range: Range, x: number, y: number): boolean {
  return Array.from(range.getClientRects()).some((r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1);
}
