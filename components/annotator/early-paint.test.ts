import { describe, expect, it } from 'vitest';
import { lineStarts, offsetToParagraphPoint } from '@/lib/anchoring/dom';
import { LABELS, type Label } from '@/lib/labels';
import { HIGHLIGHT_NAMES, overlapRegions, PAINTED_MARK } from './highlights';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { earlyPaintData } from './early-paint';

const PAINTER_SOURCE = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'public', 'early-paint.js'), 'utf8');

// Runs public/early-paint.js, with the data the page gives it, against a minimal stand-in for the DOM and the Highlight API and
// checks every range against the offsets the app's own arithmetic gives.

type FakeRange = { start: [unknown, number]; end: [unknown, number] };

function run(text: string, spans: { label: Label; start: number; end: number }[]) {
  const lines = lineStarts(text);
  const paragraphs = lines.map((line) => ({
    getAttribute: (name: string) => (name === 'data-start' ? String(line.start) : null),
    firstChild: line.text ? { nodeValue: line.text } : null,
  }));
  const registry = new Map<string, { ranges: FakeRange[]; priority: number }>();
  const marks: unknown[] = [];
  class Highlight {
    ranges: FakeRange[] = [];
    priority = 0;
    add(r: FakeRange) {
      this.ranges.push(r);
    }
  }
  const document = {
    currentScript: { getAttribute: (name: string) => (name === 'data-paint' ? earlyPaintData(spans) : null) },
    querySelector: (selector: string) =>
      selector === 'article[data-testid="article-text"]' ? { querySelectorAll: (inner: string) => (inner === 'p[data-line]' ? paragraphs : []) } : null,
  };
  class StaticRange implements FakeRange {
    start: [unknown, number];
    end: [unknown, number];
    constructor(init: { startContainer: unknown; startOffset: number; endContainer: unknown; endOffset: number }) {
      this.start = [init.startContainer, init.startOffset];
      this.end = [init.endContainer, init.endOffset];
    }
  }
  const globals = {
    document,
    Highlight,
    StaticRange,
    CSS: { highlights: { set: (name: string, h: Highlight) => registry.set(name, h) } },
    requestAnimationFrame: (f: () => void) => f(),
    setTimeout: (f: () => void) => f(),
    performance: { mark: (name: string, options: unknown) => marks.push({ name, options }) },
  };
  new Function(...Object.keys(globals), PAINTER_SOURCE)(...Object.values(globals));
  const expected = (offset: number) => {
    const { lineIndex, utf16Offset } = offsetToParagraphPoint(lines, offset);
    return [paragraphs[lineIndex].firstChild, utf16Offset];
  };
  return { registry, marks, expected };
}

describe('early highlight painting', () => {
  const text = 'Plain words 😀 here.\nA second line with é and 👩‍👩‍👧 emoji.\n\nThird line.';
  const spans = [
    { id: 'a', label: 'claim' as const, start: 0, end: 5 },
    { id: 'b', label: 'opinion' as const, start: 12, end: 19 },
    { id: 'c', label: 'claim' as const, start: 10, end: 30 },
    { id: 'd', label: 'sourced_quote' as const, start: 21, end: 60 },
  ];

  it('paints each span on the same text nodes and UTF-16 offsets as the app', () => {
    const { registry, expected } = run(text, spans);
    for (const [i, label] of LABELS.entries()) {
      const highlight = registry.get(HIGHLIGHT_NAMES.label(label))!;
      expect(highlight.priority).toBe(i);
      const mine = spans.filter((s) => s.label === label);
      expect(highlight.ranges.map((r) => [r.start, r.end])).toEqual(mine.map((s) => [expected(s.start), expected(s.end)]));
    }
  });

  it('underlines the same overlap regions and marks the paint with the count', () => {
    const { registry, marks, expected } = run(text, spans);
    const overlap = registry.get(HIGHLIGHT_NAMES.overlap)!;
    expect(overlap.ranges.map((r) => [r.start, r.end])).toEqual(overlapRegions(spans).map((o) => [expected(o.start), expected(o.end)]));
    expect(marks).toEqual([{ name: PAINTED_MARK, options: { detail: { count: 4, early: true } } }]);
  });

  it('gives the script numbers and fixed names only', () => {
    expect(JSON.parse(earlyPaintData([{ label: 'claim', start: 1, end: 2 }]))).toEqual([
      LABELS.map(HIGHLIGHT_NAMES.label),
      HIGHLIGHT_NAMES.overlap,
      PAINTED_MARK,
      [[1, 2, 0]],
    ]);
  });
});
