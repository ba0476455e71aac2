import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LABEL_INFO, LABELS } from '@/lib/labels';
import { HIGHLIGHT_NAMES, highlightCss, LABEL_LINES_CLASS, labelCueStyle, overlapRegions } from './highlights';

/** The code points covered by two or more spans: the definition, one position at a time. */
function coveredTwice(spans: { start: number; end: number }[]): number[] {
  const length = Math.max(0, ...spans.map((s) => s.end));
  return Array.from({ length }, (_, p) => p).filter((p) => spans.filter((s) => s.start <= p && p < s.end).length >= 2);
}

describe('overlapRegions', () => {
  it('finds the nested and overlapping parts, and nothing where spans only touch', () => {
    expect(overlapRegions([{ start: 0, end: 10 }, { start: 5, end: 15 }, { start: 15, end: 20 }])).toEqual([{ start: 5, end: 10 }]);
    expect(overlapRegions([{ start: 0, end: 30 }, { start: 5, end: 10 }, { start: 8, end: 20 }])).toEqual([{ start: 5, end: 20 }]);
    expect(overlapRegions([{ start: 3, end: 9 }, { start: 3, end: 9 }])).toEqual([{ start: 3, end: 9 }]);
    expect(overlapRegions([])).toEqual([]);
  });

  it('covers exactly the code points under two or more spans, with disjoint regions in text order', () => {
    const span = fc.tuple(fc.nat(200), fc.integer({ min: 1, max: 40 })).map(([start, length]) => ({ start, end: start + length }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 25 }), (spans) => {
        const regions = overlapRegions(spans);
        regions.forEach((r, i) => {
          expect(r.start).toBeLessThan(r.end);
          if (i > 0) expect(regions[i - 1].end).toBeLessThanOrEqual(r.start);
        });
        expect(regions.flatMap((r) => Array.from({ length: r.end - r.start }, (_, k) => r.start + k))).toEqual(coveredTwice(spans));
      }),
    );
  });
});

describe('highlightCss', () => {
  const css = highlightCss(LABEL_INFO);
  const ruleFor = (name: string, scope = '') => css.split('\n').find((r) => r.startsWith(`${scope}::highlight(${name})`)) ?? '';
  const decoration = (rule: string) => /text-decoration: ([^;]+);/.exec(rule)?.[1] ?? 'none';
  const lineOf = (l: (typeof LABELS)[number]) => decoration(ruleFor(HIGHLIGHT_NAMES.label(l), `.${LABEL_LINES_CLASS} `));

  it('with label lines switched on, tells the labels apart by more than colour: no two draw the same line (a claim none), and none draws the overlap or open-span line', () => {
    const lines = LABELS.map((l) => lineOf(l).replace(/#[0-9a-f]{6}/i, '').trim());
    expect(new Set(lines).size).toBe(LABELS.length);
    const marks = [HIGHLIGHT_NAMES.overlap, HIGHLIGHT_NAMES.active].map((n) => decoration(ruleFor(n)));
    // Labels draw above the text, overlaps and the open span below: the two never stand for each other.
    for (const line of lines) expect(line === 'none' || line.startsWith('overline')).toBe(true);
    for (const mark of marks) expect(mark.startsWith('underline')).toBe(true);
  });

  it('draws no label line unless switched on, since every line costs each frame', () => {
    for (const l of LABELS) expect(decoration(ruleFor(HIGHLIGHT_NAMES.label(l)))).toBe('none');
  });

  it("draws each label's line in its border colour, and the legend shows the same line", () => {
    for (const l of LABELS) {
      const line = lineOf(l);
      expect(labelCueStyle(l).textDecoration ?? 'none').toBe(line);
      if (line !== 'none') expect(line).toContain(LABEL_INFO[l].border);
    }
  });
});
