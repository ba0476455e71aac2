import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, sliceCodePoints } from './code-points';
import {
  domPointToOffset,
  lineIndexAt,
  lineStarts,
  offsetToParagraphPoint,
  utf16OffsetInContainer,
  type TextTreeNode,
} from './dom';

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
const article = `Headline 😀\n\nCafe\u0301 owners\u00a0said ${FAMILY} "fine".\nLast line`;

describe('lineStarts', () => {
  it('gives code point starts for every line, including empty ones', () => {
    const lines = lineStarts(article);
    expect(lines.map((l) => l.text)).toEqual([
      'Headline 😀',
      '',
      `Cafe\u0301 owners\u00a0said ${FAMILY} "fine".`,
      'Last line',
    ]);
    expect(lines.map((l) => l.start)).toEqual([0, 11, 12, 12 + 31 + 1]);
    for (const line of lines) {
      expect(sliceCodePoints(article, line.start, line.start + codePointLength(line.text))).toBe(line.text);
    }
  });

  it('handles empty text and trailing newlines', () => {
    expect(lineStarts('')).toEqual([{ start: 0, text: '' }]);
    expect(lineStarts('a\n')).toEqual([
      { start: 0, text: 'a' },
      { start: 2, text: '' },
    ]);
  });
});

describe('domPointToOffset / offsetToParagraphPoint', () => {
  const lines = lineStarts(article);

  it('converts a DOM point after an emoji to a code point offset', () => {
    // "Headline 😀" has 10 code points but 11 UTF-16 units.
    expect(domPointToOffset(lines[0]!.start, lines[0]!.text, 11)).toBe(10);
    // A point inside the surrogate pair rounds down.
    expect(domPointToOffset(lines[0]!.start, lines[0]!.text, 10)).toBe(9);
    expect(domPointToOffset(lines[3]!.start, lines[3]!.text, 4)).toBe(48);
  });

  it('converts points on a line with combining accents, NBSP and a ZWJ sequence', () => {
    const line = lines[2]!;
    const afterFamily = line.text.indexOf(FAMILY) + FAMILY.length;
    const offset = domPointToOffset(line.start, line.text, afterFamily);
    expect(sliceCodePoints(article, offset - 5, offset)).toBe(FAMILY);
    const nbsp = line.text.indexOf('\u00a0');
    expect(sliceCodePoints(article, domPointToOffset(line.start, line.text, nbsp), Infinity).startsWith('\u00a0said')).toBe(
      true,
    );
    expect(offsetToParagraphPoint(lines, offset)).toEqual({ lineIndex: 2, utf16Offset: afterFamily });
  });

  it('maps offsets to the right paragraph, including empty ones and line ends', () => {
    expect(offsetToParagraphPoint(lines, 0)).toEqual({ lineIndex: 0, utf16Offset: 0 });
    expect(offsetToParagraphPoint(lines, 11)).toEqual({ lineIndex: 1, utf16Offset: 0 });
    expect(offsetToParagraphPoint(lines, 10)).toEqual({ lineIndex: 0, utf16Offset: 11 });
    expect(offsetToParagraphPoint(lines, 9)).toEqual({ lineIndex: 0, utf16Offset: 9 });
    expect(offsetToParagraphPoint(lines, 12)).toEqual({ lineIndex: 2, utf16Offset: 0 });
  });

  it('clamps offsets outside the text', () => {
    expect(offsetToParagraphPoint(lines, -3)).toEqual({ lineIndex: 0, utf16Offset: 0 });
    expect(offsetToParagraphPoint(lines, 10_000)).toEqual({ lineIndex: 3, utf16Offset: 'Last line'.length });
    expect(() => offsetToParagraphPoint([], 0)).toThrow(RangeError);
  });

  it('round-trips offset -> paragraph point -> offset for every valid offset', () => {
    const unit = fc.constantFrom('a', ' ', '\n', '\u00a0', '😀', FAMILY, 'e\u0301', 'ß', '\n\n');
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 40 }).map((u) => u.join('')),
        (text) => {
          const ls = lineStarts(text);
          const n = codePointLength(text);
          for (let cp = 0; cp <= n; cp++) {
            const { lineIndex, utf16Offset } = offsetToParagraphPoint(ls, cp);
            const line = ls[lineIndex]!;
            expect(utf16Offset).toBeLessThanOrEqual(line.text.length);
            expect(domPointToOffset(line.start, line.text, utf16Offset)).toBe(cp);
          }
        },
      ),
    );
  });

  it('round-trips DOM point -> offset -> DOM point at code point boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('x', '😀', 'e\u0301', '\u00a0', '\n'), { minLength: 1, maxLength: 30 }).map((u) => u.join('')),
        fc.nat(),
        fc.nat(),
        (text, li, uo) => {
          const ls = lineStarts(text);
          const lineIndex = li % ls.length;
          const line = ls[lineIndex]!;
          const u16 = uo % (line.text.length + 1);
          const offset = domPointToOffset(line.start, line.text, u16);
          const back = offsetToParagraphPoint(ls, offset);
          // Line ends stay on their own line because the next line starts after
          // the newline; only points inside a surrogate pair move (to its start).
          const insidePair = u16 > 0 && u16 < line.text.length && /[\udc00-\udfff]/.test(line.text[u16]!);
          expect(back).toEqual({ lineIndex, utf16Offset: insidePair ? u16 - 1 : u16 });
        },
      ),
    );
  });
});

describe('utf16OffsetInContainer', () => {
  // Minimal stand-ins for DOM nodes: a paragraph split into text nodes by highlights.
  const t = (value: string): TextTreeNode => ({ nodeType: 3, nodeValue: value, childNodes: [] });
  const el = (...children: TextTreeNode[]): TextTreeNode => ({ nodeType: 1, nodeValue: null, childNodes: children });

  const first = t('Before 😀 ');
  const marked = t('highlighted');
  const badge = t('CLAIM');
  const badgeEl = el(badge);
  const mark = el(marked, badgeEl);
  const last = t(' after');
  const paragraph = el(first, mark, last);
  const skipBadge = (n: TextTreeNode) => n === badgeEl;

  it('adds the lengths of preceding text nodes', () => {
    expect(utf16OffsetInContainer(paragraph, first, 3)).toBe(3);
    expect(utf16OffsetInContainer(paragraph, marked, 2)).toBe(first.nodeValue!.length + 2);
    expect(utf16OffsetInContainer(paragraph, last, 1, skipBadge)).toBe(first.nodeValue!.length + 11 + 1);
  });

  it('interprets element offsets as child indices', () => {
    expect(utf16OffsetInContainer(paragraph, paragraph, 0)).toBe(0);
    expect(utf16OffsetInContainer(paragraph, paragraph, 1)).toBe(first.nodeValue!.length);
    expect(utf16OffsetInContainer(paragraph, paragraph, 3, skipBadge)).toBe(first.nodeValue!.length + 11 + 6);
    expect(utf16OffsetInContainer(paragraph, mark, 1)).toBe(first.nodeValue!.length + 11);
  });

  it('ignores skipped subtrees and maps points inside them to their start', () => {
    expect(utf16OffsetInContainer(paragraph, last, 0)).toBe(first.nodeValue!.length + 11 + 5);
    expect(utf16OffsetInContainer(paragraph, last, 0, skipBadge)).toBe(first.nodeValue!.length + 11);
    expect(utf16OffsetInContainer(paragraph, badge, 3, skipBadge)).toBe(first.nodeValue!.length + 11);
  });

  it('clamps offsets and returns null for nodes outside the container', () => {
    expect(utf16OffsetInContainer(paragraph, first, 999)).toBe(first.nodeValue!.length);
    expect(utf16OffsetInContainer(paragraph, t('elsewhere'), 0)).toBeNull();
  });

  it('composes with domPointToOffset across astral characters', () => {
    const u16 = utf16OffsetInContainer(paragraph, marked, 0)!;
    const text = 'Before 😀 highlighted after';
    expect(domPointToOffset(100, text, u16)).toBe(100 + codePointLength('Before 😀 '));
  });

  it('accepts real DOM nodes structurally', () => {
    // Compile-time check only: the DOM's Node satisfies TextTreeNode.
    const accept = (n: Node): TextTreeNode => n;
    expect(typeof accept).toBe('function');
  });
});

describe('lineIndexAt', () => {
  it('finds the last line starting at or before the offset, as a scan from the top would', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(30), { minLength: 1, maxLength: 40 }), fc.nat(1200), (lengths, offset) => {
        const starts = lengths.reduce<number[]>((acc, n, i) => [...acc, i === 0 ? 0 : acc[i - 1] + lengths[i - 1] + 1], []);
        const lines = starts.map((start) => ({ start }));
        const scanned = lines.reduce((found, line, i) => (line.start <= offset ? i : found), 0);
        expect(lineIndexAt(lines, offset)).toBe(scanned);
      }),
    );
  });
});
