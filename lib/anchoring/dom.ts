/*
 * Mapping between article offsets (code points) and the rendered article, where
 * every line of the text becomes one `<p data-start="N">`. Everything here is
 * plain data or structural node types, so it is safe to import on the server;
 * DOM objects are only touched when a caller passes them in.
 */
import { codePointLength, codePointToUtf16, utf16ToCodePoint } from './code-points';

export interface Line {
  /** Code point offset of the line's first character in the article text. */
  start: number;
  /** The line without its trailing newline (possibly empty). */
  text: string;
}

export interface ParagraphPoint {
  lineIndex: number;
  /** UTF-16 offset inside the line's text, as DOM ranges expect. */
  utf16Offset: number;
}

export function lineStarts(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    lines.push({ start, text: line });
    start += codePointLength(line) + 1;
  }
  return lines;
}

/** Article offset of a DOM point given as a UTF-16 offset inside a paragraph's text. */
export function domPointToOffset(paragraphStart: number, paragraphText: string, utf16OffsetInParagraph: number): number {
  return paragraphStart + utf16ToCodePoint(paragraphText, utf16OffsetInParagraph);
}

/**
 * Inverse of `domPointToOffset`. An offset at a newline maps to the end of the
 * line before it, which is where a DOM range ending a highlight should stop;
 * offsets outside the text clamp to its first/last position.
 */
export function offsetToParagraphPoint(lines: readonly Line[], cpOffset: number): ParagraphPoint {
  if (lines.length === 0) throw new RangeError('offsetToParagraphPoint: no lines');
  const lineIndex = lineIndexAt(lines, cpOffset);
  const line = lines[lineIndex]!;
  return { lineIndex, utf16Offset: codePointToUtf16(line.text, Math.max(0, cpOffset - line.start)) };
}

/** The index of the last line whose start is at or before `cpOffset` (0 when none is). */
export function lineIndexAt(lines: readonly Pick<Line, 'start'>[], cpOffset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (lines[mid]!.start <= cpOffset) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/**
 * The slice of the DOM `Node` interface needed to measure text; real DOM nodes
 * satisfy it, and tests can build plain objects.
 */
export interface TextTreeNode {
  readonly nodeType: number;
  readonly nodeValue: string | null;
  readonly childNodes: ArrayLike<TextTreeNode>;
}

const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

function isText(node: TextTreeNode): boolean {
  return node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE;
}

/**
 * UTF-16 offset of a DOM point (`node`, `offset`, as in a Selection's Range)
 * within the text of `container`, e.g. a paragraph whose text is split into
 * several nodes by existing highlights. As in the DOM, `offset` counts UTF-16
 * units when `node` is a text node and child nodes otherwise. Subtrees for
 * which `skip` returns true (badges, buttons rendered inside a paragraph)
 * contribute no text; a point inside one maps to the position before it.
 * Returns null when `node` is not inside `container`.
 */
export function utf16OffsetInContainer(
  container: TextTreeNode,
  node: TextTreeNode,
  offset: number,
  skip?: (node: TextTreeNode) => boolean,
): number | null {
  let total = 0;
  let found: number | null = null;

  const visit = (current: TextTreeNode, skipped: boolean): boolean => {
    const ignored = skipped || (current !== container && skip !== undefined && skip(current));
    if (current === node) {
      if (ignored) found = total;
      else if (isText(current)) found = total + Math.max(0, Math.min(offset, current.nodeValue?.length ?? 0));
      else {
        const count = Math.max(0, Math.min(offset, current.childNodes.length));
        for (let i = 0; i < count; i++) total += textLength(current.childNodes[i]!, skip);
        found = total;
      }
      return true;
    }
    if (isText(current)) {
      if (!ignored) total += current.nodeValue?.length ?? 0;
      return false;
    }
    for (let i = 0; i < current.childNodes.length; i++) {
      if (visit(current.childNodes[i]!, ignored)) return true;
    }
    return false;
  };

  visit(container, false);
  return found;
}

function textLength(node: TextTreeNode, skip?: (node: TextTreeNode) => boolean): number {
  if (skip?.(node)) return 0;
  if (isText(node)) return node.nodeValue?.length ?? 0;
  let n = 0;
  for (let i = 0; i < node.childNodes.length; i++) n += textLength(node.childNodes[i]!, skip);
  return n;
}
