import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../labels';
import { NONE } from './categories';
import { tokenizeText, tokenList, type Tokens } from './tokens';
import type { AgreementSpan } from './types';
import { tokenBinaryCategories, tokenCategories, tokenCategoryCodes, tokenLabelCoverage, tokenLabelCoverageCounts, tokenLabelFlags } from './units';

const s = (label: string, start: number, end: number): AgreementSpan => ({ label, start, end });
// Tokens "Ab" [0,2), "cd" [3,5), "ef" [7,9).
const tokens = tokenizeText('Ab cd  ef');

describe('token categories', () => {
  it('labels every token a span touches, even partly', () => {
    expect(tokenCategories(tokens, [s('claim', 1, 4)])).toEqual(['claim', 'claim', NONE]);
    // A span lying only on whitespace touches no token.
    expect(tokenCategories(tokens, [s('claim', 5, 7)])).toEqual([NONE, NONE, NONE]);
  });

  it('gives overlapping spans to the shortest, then to the earlier label', () => {
    expect(tokenCategories(tokens, [s('claim', 0, 9), s('opinion', 3, 5)])).toEqual(['claim', 'opinion', 'claim']);
    expect(tokenCategories(tokens, [s('opinion', 3, 5), s('claim', 3, 5)])).toEqual([NONE, 'claim', NONE]);
    expect(tokenCategories(tokens, [s('sourced_quote', 3, 5), s('opinion', 3, 5)])).toEqual([NONE, 'opinion', NONE]);
    // Shortest is measured in code points, not tokens: [2,5) (3) beats [3,9) (6).
    expect(tokenCategories(tokens, [s('opinion', 3, 9), s('sourced_quote', 2, 5)])).toEqual([NONE, 'sourced_quote', 'opinion']);
  });

  it('handles each label exactly in the binary variant', () => {
    const spans = [s('claim', 0, 9), s('opinion', 3, 5)];
    expect([...tokenLabelFlags(tokens, spans, 'claim')]).toEqual([1, 1, 1]);
    expect([...tokenLabelFlags(tokens, spans, 'opinion')]).toEqual([0, 1, 0]);
    expect(tokenBinaryCategories(tokens, spans, 'opinion')).toEqual([NONE, 'opinion', NONE]);
  });

  it('labels emoji tokens by code point offsets', () => {
    const text = 'I \u2764\uFE0F \u{1F469}\u200D\u{1F469}\u200D\u{1F467} ok';
    const t = tokenizeText(text);
    expect(tokenCategories(t, [s('opinion', 5, 10)])).toEqual([NONE, NONE, 'opinion', NONE]);
    expect(tokenCategories(t, [s('claim', 9, 12)])).toEqual([NONE, NONE, 'claim', 'claim']);
  });

  it('works with no tokens and ignores empty spans', () => {
    expect(tokenCategories(tokenizeText(''), [s('claim', 0, 5)])).toEqual([]);
    expect(tokenCategories(tokens, [s('claim', 3, 3)])).toEqual([NONE, NONE, NONE]);
  });

  // Brute force: check every span against every token.
  function naive(tok: Tokens, spans: readonly AgreementSpan[]): string[] {
    return tokenList(tok).map((t) => {
      const covering = spans.filter((x) => x.end > x.start && x.start < t.end && t.start < x.end);
      covering.sort((a, b) => a.end - a.start - (b.end - b.start) || LABELS.indexOf(a.label as never) - LABELS.indexOf(b.label as never));
      return covering[0]?.label ?? NONE;
    });
  }

  it('agrees with a brute-force assignment', () => {
    const span = fc
      .tuple(fc.constantFrom(...LABELS), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 12 }))
      .map(([label, start, len]) => s(label, start, start + len));
    const text = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\u{1F600}'), { maxLength: 35 }).map((c) => c.join(''));
    fc.assert(
      fc.property(text, fc.array(span, { maxLength: 8 }), (txt, spans) => {
        const t = tokenizeText(txt);
        expect(tokenCategories(t, spans)).toEqual(naive(t, spans));
        for (const label of LABELS) {
          const expected = tokenList(t).map((tk) => (spans.some((x) => x.label === label && x.start < tk.end && tk.start < x.end && x.end > x.start) ? 1 : 0));
          expect([...tokenLabelFlags(t, spans, label)]).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same categories as numbers, visiting only covered tokens', () => {
    const span = fc
      .tuple(fc.constantFrom(...LABELS, 'other', NONE), fc.integer({ min: -2, max: 30 }), fc.integer({ min: -2, max: 12 }))
      .map(([label, start, len]) => s(label, start, start + len));
    const text = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\u{1F600}'), { maxLength: 35 }).map((c) => c.join(''));
    fc.assert(
      fc.property(text, fc.array(span, { maxLength: 8 }), (txt, spans) => {
        const t = tokenizeText(txt);
        const names = [NONE, ...new Set(spans.map((x) => x.label).filter((l) => l !== NONE))];
        const codes = new Map(names.map((n, i) => [n, i]));
        const out = new Uint8Array(t.count);
        tokenCategoryCodes(t, spans, codes, out);
        expect([...out].map((c) => names[c])).toEqual(tokenCategories(t, spans));
      }),
      { numRuns: 500 },
    );
  });

  it('counts the layers covering each token as the sum of their flags', () => {
    const span = fc
      .tuple(fc.constantFrom(...LABELS), fc.integer({ min: -2, max: 30 }), fc.integer({ min: -2, max: 12 }))
      .map(([label, start, len]) => s(label, start, start + len));
    const text = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\u{1F600}'), { maxLength: 35 }).map((c) => c.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.array(span, { maxLength: 6 }), { maxLength: 4 }), (txt, spansPerLayer) => {
        const t = tokenizeText(txt);
        const layers = spansPerLayer.map((spans) => ({ spans }));
        for (const label of LABELS) {
          const flags = layers.map((l) => tokenLabelFlags(t, l.spans, label));
          const coverage = Array.from({ length: t.count }, (_, i) => flags.reduce((n, f) => n + f[i]!, 0));
          expect([...tokenLabelCoverage(t, layers, label)]).toEqual(coverage);
          expect([...tokenLabelCoverageCounts(t, layers, label)]).toEqual(Array.from({ length: layers.length + 1 }, (_, k) => coverage.filter((c) => c === k).length));
        }
      }),
      { numRuns: 300 },
    );
  });
});
