import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../labels';
import { againstGold } from './against-gold';
import { cohenKappa } from './cohen-kappa';
import { parseCsv } from './csv';
import { krippendorffAlpha } from './krippendorff-alpha';
import { usableSpans } from './normalize';
import { agreementReport } from './report';
import { CSV_COLUMNS, reportToCsv } from './report-csv';
import { combineF1, countSpanMatches } from './span-f1';
import { tokenizeText } from './tokens';
import type { AgreementSpan, ArticleLayers } from './types';
import { tokenCategories } from './units';

const s = (label: string, start: number, end: number): AgreementSpan => ({ label, start, end });

// "a b c d": tokens a [0,1), b [2,3), c [4,5), d [6,7); length 7.
const small: ArticleLayers = {
  articleId: 'art-1',
  length: 7,
  text: 'a b c d',
  layers: [
    { annotator: 'X', spans: [s('claim', 0, 3)] }, // a, b
    { annotator: 'Y', spans: [s('claim', 2, 5)] }, // b, c
  ],
};

/** Every number anywhere in a value, to check none is NaN or infinite. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

describe('agreementReport', () => {
  it('matches hand-computed figures on a small article', () => {
    const r = agreementReport([small]);
    // Tokens X: claim claim none none; Y: none claim claim none.
    // alpha: o_cc = 2, o_nn = 2, o_cn = o_nc = 2, n_c = n_n = 4 → 1 − 7·4/32 = 0.125.
    expect(r.overall.alpha).toBeCloseTo(0.125, 12);
    expect(r.perLabel.claim!.alpha).toBeCloseTo(0.125, 12);
    // kappa: po = 2/4, pe = 0.5·0.5 + 0.5·0.5 = 0.5 → 0.
    expect(r.pairs).toHaveLength(1);
    expect(r.pairs[0]).toMatchObject({ annotatorA: 'X', annotatorB: 'Y', articleCount: 1, tokenCount: 4 });
    expect(r.pairs[0]!.kappa.kappa).toBeCloseTo(0, 12);
    expect(r.pairs[0]!.kappa.observedAgreement).toBe(0.5);
    // Spans differ in both ends but overlap.
    expect(r.overall.exact.micro.f1).toBe(0);
    expect(r.overall.overlap.micro.f1).toBe(1);
    expect(r.perLabel.claim!.overlap).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
    // αU (worked in unitized-alpha.test.ts): −72/98.
    expect(r.overall.unitizedAlpha).toBeCloseTo(-72 / 98, 12);
    expect(r.perLabel.claim!.unitizedAlpha).toBeCloseTo(-72 / 98, 12);
    // Labels nobody used are listed with undefined figures.
    expect(Object.keys(r.perLabel)).toEqual([...LABELS]);
    expect(r.perLabel.opinion).toEqual({
      label: 'opinion',
      spanCount: 0,
      alpha: null,
      unitizedAlpha: null,
      exact: null,
      overlap: null,
    });
    expect(r.perArticle[0]).toMatchObject({
      articleId: 'art-1',
      annotators: ['X', 'Y'],
      tokenCount: 4,
      spanCount: 2,
      clusterCount: 1,
      statusCounts: { missing: 0, label: 0, boundaries: 1, speaker: 0, agree: 0 },
      disagreementScore: 1,
    });
    expect(r.perArticle[0]!.alpha).toBeCloseTo(0.125, 12);
    expect(r.overall).toMatchObject({ articleCount: 1, comparedArticleCount: 1, tokenCount: 4, pairableTokenCount: 4, unitizedAlphaArticleCount: 1 });
  });

  it('is 1 everywhere for perfect agreement', () => {
    const spans = [s('claim', 0, 9), s('opinion', 10, 22), s('sourced_quote', 23, 35)];
    const text = 'The mayor said taxes will fall, "and soon," he added.';
    const r = agreementReport([
      { articleId: 'p', length: 0, text, layers: ['a', 'b', 'c'].map((annotator) => ({ annotator, spans })) },
    ]);
    expect(r.overall.alpha).toBe(1);
    expect(r.overall.unitizedAlpha).toBe(1);
    expect(r.overall.exact.micro.f1).toBe(1);
    expect(r.overall.exact.macroF1).toBe(1);
    expect(r.pairs.map((p) => p.kappa.kappa)).toEqual([1, 1, 1]);
    expect(Object.values(r.perLabel).map((l) => l.alpha)).toEqual([1, 1, 1]);
  });

  it('has nothing to compare with one annotator', () => {
    const r = agreementReport([{ articleId: 'solo', length: 5, text: 'a b c', layers: [{ annotator: 'X', spans: [s('claim', 0, 1)] }] }]);
    expect(r.overall.alpha).toBeNull();
    expect(r.overall.unitizedAlpha).toBeNull();
    expect(r.overall.comparedArticleCount).toBe(0);
    expect(r.pairs).toEqual([]);
    expect(r.overall.exact.micro.f1).toBeNull();
    expect(r.perArticle[0]).toMatchObject({ alpha: null, unitizedAlpha: null, disagreementScore: null, statusCounts: null, clusterCount: 1 });
  });

  it('copes with empty articles and with no articles', () => {
    const empty = agreementReport([
      { articleId: 'e1', length: 0, text: '', layers: [{ annotator: 'X', spans: [s('claim', 0, 4)] }, { annotator: 'Y', spans: [] }] },
      { articleId: 'e2', length: 0, layers: [{ annotator: 'X', spans: [] }, { annotator: 'Y', spans: [] }] },
    ]);
    expect(empty.overall).toMatchObject({ alpha: null, unitizedAlpha: null, tokenCount: 0 });
    expect(empty.pairs[0]!.kappa).toEqual({ kappa: null, observedAgreement: null, expectedAgreement: null, n: 0 });
    // The span lay outside the empty text, so it was clipped away.
    expect(empty.perLabel.claim!.spanCount).toBe(0);
    const none = agreementReport([]);
    expect(none.overall).toMatchObject({ articleCount: 0, alpha: null, annotators: [] });
    expect(none.perArticle).toEqual([]);
  });

  it('compares each pair only on articles both annotated', () => {
    const r = agreementReport([
      { ...small, articleId: 'one' },
      { ...small, articleId: 'two', layers: [small.layers[0]!, { annotator: 'Z', spans: [s('claim', 0, 3)] }] },
    ]);
    expect(r.overall.annotators).toEqual(['X', 'Y', 'Z']);
    expect(r.pairs.map((p) => [p.annotatorA, p.annotatorB, p.articleCount])).toEqual([
      ['X', 'Y', 1],
      ['X', 'Z', 1],
      ['Y', 'Z', 0],
    ]);
    expect(r.pairs[1]!.kappa.kappa).toBe(1);
    expect(r.pairs[2]!.kappa.kappa).toBeNull();
    expect(r.pairs[2]!.exact.micro.f1).toBeNull();
    // No article has all three annotators: αU takes the largest group of articles with the same
    // annotators (one article each here; the tie goes to the first pair in order, X and Y).
    expect(r.overall.unitizedAlphaArticleCount).toBe(1);
    expect(r.overall.unitizedAlphaAnnotators).toEqual(['X', 'Y']);
    expect(r.overall.unitizedAlpha).toBe(r.perArticle.find((a) => a.articleId === 'one')!.unitizedAlpha);
    // Alpha pools units with whichever annotators each article has.
    expect(r.overall.pairableTokenCount).toBe(8);
  });

  it('keeps αU on the articles most annotators share when one person annotated a few articles alone or with others', () => {
    const both = (id: string): ArticleLayers => ({ ...small, articleId: id });
    const withR = (id: string): ArticleLayers => ({ ...small, articleId: id, layers: [...small.layers, { annotator: 'R', spans: [] }] });
    const base = agreementReport([both('a'), both('b'), both('c')]);
    expect(base.overall).toMatchObject({ unitizedAlphaArticleCount: 3, unitizedAlphaAnnotators: ['X', 'Y'] });
    // A reviewer tried the workbench on two articles, one with the annotators and one alone:
    // before, αU needed all three on every article it used, and fell to one article (or none).
    const tried = agreementReport([both('a'), both('b'), withR('c'), { ...small, articleId: 'd', layers: [{ annotator: 'R', spans: [s('claim', 0, 1)] }] }]);
    // X and Y over a, b and c (R's layer on c left out) give as many comparisons as all three on c
    // alone, and more articles.
    expect(tried.overall).toMatchObject({ unitizedAlphaArticleCount: 3, unitizedAlphaAnnotators: ['X', 'Y'] });
    expect(tried.overall.unitizedAlpha).toBe(base.overall.unitizedAlpha);
    // More pairs of annotators win when they give more comparisons: all three on one article (3
    // pairs) over two on two (2 comparisons).
    expect(agreementReport([both('a'), withR('c')]).overall.unitizedAlphaAnnotators).toEqual(['R', 'X', 'Y']);
    // One article an annotator skipped does not drop them: R, X and Y on three articles (9
    // comparisons) over X and Y on four (4).
    const skipped = agreementReport([withR('a'), withR('b'), withR('c'), both('d')]);
    expect(skipped.overall).toMatchObject({ unitizedAlphaArticleCount: 3, unitizedAlphaAnnotators: ['R', 'X', 'Y'] });
  });

  it('takes two core annotators over every article when a different third joins each one', () => {
    // X and Y annotate everything; C, D, E and F each join them on one article. No article's
    // group of three recurs, so only X and Y together give a figure over all four articles.
    const withThird = (id: string, third: string): ArticleLayers => ({ ...small, articleId: id, layers: [...small.layers, { annotator: third, spans: [s('claim', 0, 1)] }] });
    const r = agreementReport([withThird('a', 'C'), withThird('b', 'D'), withThird('c', 'E'), withThird('d', 'F')]);
    // X and Y on four articles (4 comparisons) over any group of three on one (3).
    expect(r.overall).toMatchObject({ unitizedAlphaArticleCount: 4, unitizedAlphaAnnotators: ['X', 'Y'] });
    expect(r.overall.unitizedAlpha).toBe(agreementReport(['a', 'b', 'c', 'd'].map((id) => ({ ...small, articleId: id }))).overall.unitizedAlpha);
  });

  const articleArb = fc
    .record({
      words: fc.array(fc.constantFrom('a', 'bb', 'ccc', '\u{1F600}'), { maxLength: 10 }),
      annotators: fc.subarray(['ann1', 'ann2', 'ann3'], { minLength: 0 }),
      spans: fc.array(
        fc.tuple(fc.constantFrom(...LABELS), fc.nat(30), fc.integer({ min: 0, max: 10 }), fc.nat(2)),
        { maxLength: 12 },
      ),
    })

  const projectArb = fc.array(articleArb, { maxLength: 5 }).map((arts) =>
    arts.map(({ words, annotators, spans }, i): ArticleLayers => {
      const text = words.join(' ');
      return {
        articleId: `art-${i}`,
        length: [...text].length,
        text,
        layers: annotators.map((annotator, k) => ({
          annotator,
          spans: spans.filter(([, , , who]) => who === k).map(([label, start, len]) => s(label, start, start + len)),
        })),
      };
    }),
  );

  it('agrees with the metrics computed directly, and holds only finite numbers or null', () => {
    fc.assert(
      fc.property(projectArb, (articles) => {
        const r = agreementReport(articles);
        expect(numbersIn(r).every(Number.isFinite)).toBe(true);
        // Alpha over the token units of all articles. The report clips spans to the
        // text first, which can change which overlapping span is shortest.
        const units: string[][] = [];
        for (const a of articles) {
          const tokens = tokenizeText(a.text!);
          const cats = a.layers.map((l) => tokenCategories(tokens, usableSpans(l.spans, a.length)));
          for (let t = 0; t < tokens.count; t++) units.push(cats.map((c) => c[t]!));
        }
        const alpha = krippendorffAlpha(units).alpha;
        if (alpha === null) expect(r.overall.alpha).toBeNull();
        else expect(r.overall.alpha).toBeCloseTo(alpha, 9);
        // Kappa and F1 for every pair.
        for (const pair of r.pairs) {
          const x: string[] = [];
          const y: string[] = [];
          const counts = [];
          for (const a of articles) {
            const la = a.layers.find((l) => l.annotator === pair.annotatorA);
            const lb = a.layers.find((l) => l.annotator === pair.annotatorB);
            if (!la || !lb) continue;
            const tokens = tokenizeText(a.text!);
            x.push(...tokenCategories(tokens, usableSpans(la.spans, a.length)));
            y.push(...tokenCategories(tokens, usableSpans(lb.spans, a.length)));
            // The report clips spans to the text, as every metric does.
            counts.push(countSpanMatches(usableSpans(la.spans, a.length), usableSpans(lb.spans, a.length), 'overlap'));
          }
          const kappa = cohenKappa(x, y).kappa;
          if (kappa === null) expect(pair.kappa.kappa).toBeNull();
          else expect(pair.kappa.kappa).toBeCloseTo(kappa, 9);
          expect(pair.overlap).toEqual(combineF1(counts, 'overlap'));
        }
        // The CSV holds one record per row plus the header, each with every column.
        const records = parseCsv(reportToCsv(r));
        expect(records[0]).toEqual([...CSV_COLUMNS]);
        expect(records.every((rec) => rec.length === CSV_COLUMNS.length)).toBe(true);
        expect(reportToCsv(r).split('\r\n').length - 1).toBe(records.length);
      }),
      { numRuns: 150 },
    );
  });
});

describe('reportToCsv', () => {
  it('writes tidy rows with RFC 4180 quoting and empty cells for undefined values', () => {
    const article: ArticleLayers = {
      ...small,
      articleId: 'id,"quoted"',
      layers: [
        { annotator: 'Doe, Jane', spans: small.layers[0]!.spans },
        { annotator: 'Y', spans: small.layers[1]!.spans },
      ],
    };
    const csv = reportToCsv(agreementReport([article]));
    expect(csv.startsWith('scope,article_id,label,annotator_a,annotator_b,metric,value,n\r\n')).toBe(true);
    expect(csv).toContain('overall,,,,,alpha,0.125,4\r\n');
    expect(csv).toContain('pair,,,"Doe, Jane",Y,kappa,0,4\r\n');
    expect(csv).toContain('label,,opinion,,,alpha,,4\r\n');
    expect(csv).toContain('article,"id,""quoted""",,,,token_count,4,\r\n');
    const records = parseCsv(csv);
    const alphaRow = records.find((rec) => rec[0] === 'overall' && rec[5] === 'alpha')!;
    expect(Number(alphaRow[6])).toBe(0.125);
    expect(records.find((rec) => rec[0] === 'article')![1]).toBe('id,"quoted"');
  });

  it('names annotators as `identify` says, in both annotator columns, and leaves "gold" and other columns alone', () => {
    const gold = againstGold([{ articleId: 'g', length: 7, text: 'a b c d', gold: [s('claim', 0, 3)], layers: small.layers }]);
    const emails: Record<string, string> = { X: 'x@example.org', Y: 'y@example.org' };
    const records = parseCsv(reportToCsv(agreementReport([small]), gold, (id) => emails[id] ?? id));
    const pair = records.find((rec) => rec[0] === 'pair')!;
    expect([pair[3], pair[4]]).toEqual(['x@example.org', 'y@example.org']);
    const goldRow = records.find((rec) => rec[0] === 'gold' && rec[4] === 'y@example.org')!;
    expect(goldRow[3]).toBe('gold');
    expect(records.flat()).not.toContain('X');
    expect(records.find((rec) => rec[0] === 'article')![1]).toBe(small.articleId);
  });

  it('is one table: the gold rows follow under the same single header', () => {
    const gold = againstGold([{ articleId: 'g', length: 7, text: 'a b c d', gold: [s('claim', 0, 3)], layers: small.layers }]);
    const csv = reportToCsv(agreementReport([small]), gold);
    const records = parseCsv(csv);
    expect(records.filter((rec) => rec[0] === 'scope')).toHaveLength(1);
    expect(records.some((rec) => rec.every((cell) => cell === ''))).toBe(false);
    expect(records.every((rec) => rec.length === CSV_COLUMNS.length)).toBe(true);
    // Every line ends in CRLF: no bare LF between the two parts.
    expect(csv.replaceAll('\r\n', '')).not.toContain('\n');
    expect(records.find((rec) => rec[0] === 'gold' && rec[4] === 'Y' && rec[5] === 'expected_agreement')).toBeDefined();
    // The values stay numeric all the way down, so the column loads as numbers.
    expect(records.slice(1).every((rec) => rec[6] === '' || Number.isFinite(Number(rec[6])))).toBe(true);
  });

  it('leaves the figures of an article only one annotator submitted empty instead of 0 or "agree"', () => {
    const solo: ArticleLayers = { articleId: 'solo', length: 7, text: 'a b c d', layers: [{ annotator: 'X', spans: [s('claim', 0, 3)] }] };
    const records = parseCsv(reportToCsv(agreementReport([small, solo])));
    const cell = (article: string, metric: string) => records.find((rec) => rec[1] === article && rec[5] === metric)!.slice(6);
    expect(cell('solo', 'disagreement_score')).toEqual(['', '0']);
    expect(cell('solo', 'clusters_agree')).toEqual(['', '']);
    expect(cell('solo', 'alpha')).toEqual(['', '0']);
    expect(cell('art-1', 'disagreement_score')).toEqual(['1', '1']);
    expect(cell('art-1', 'clusters_boundaries')).toEqual(['1', '']);
    // αU's n counts articles, as for the overall figure: one for a compared article, none for the other.
    expect(cell('solo', 'unitized_alpha')).toEqual(['', '0']);
    expect(cell('art-1', 'unitized_alpha')[1]).toBe('1');
  });
});

describe('speakers of quotes', () => {
  const q = (start: number, end: number, speaker: string): AgreementSpan => ({ label: 'sourced_quote', start, end, speaker });
  const article = (x: AgreementSpan[], y: AgreementSpan[]): ArticleLayers => ({
    articleId: 'quotes',
    length: 7,
    text: 'a b c d',
    layers: [
      { annotator: 'X', spans: x },
      { annotator: 'Y', spans: y },
    ],
  });

  it('counts matched quotes and those with the same speaker, per pair and overall; F1 still judges place only', () => {
    const r = agreementReport([article([q(0, 3, 'Biden'), q(4, 7, 'Ines  Duarte ')], [q(0, 3, 'Trump'), q(4, 5, 'ines duarte')])]);
    expect(r.overall.speakers).toEqual({ matched: 2, same: 1, share: 0.5 });
    expect(r.pairs[0]!.speakers).toEqual({ matched: 2, same: 1, share: 0.5 });
    expect(r.overall.exact.micro.tp).toBe(1);
    const csv = parseCsv(reportToCsv(r));
    expect(csv.find((rec) => rec[0] === 'overall' && rec[5] === 'speaker_agreement')!.slice(6)).toEqual(['0.5', '2']);
  });

  it('is undefined when no quote was matched', () => {
    const r = agreementReport([article([q(0, 3, 'A')], [s('claim', 0, 3)])]);
    expect(r.overall.speakers).toEqual({ matched: 0, same: 0, share: null });
  });

  it('marks a cluster whose quotes name different speakers as a speaker disagreement, not agreement', () => {
    const r = agreementReport([article([q(0, 3, 'Biden')], [q(0, 3, 'Trump')])]);
    expect(r.perArticle[0]!.statusCounts).toMatchObject({ speaker: 1, agree: 0 });
    expect(r.perArticle[0]!.disagreementScore).toBe(1);
    const same = agreementReport([article([q(0, 3, 'Joe Biden')], [q(0, 3, ' joe  biden')])]);
    expect(same.perArticle[0]!.statusCounts).toMatchObject({ speaker: 0, agree: 1 });
    // Two quotes at one place: compared as sets of speakers, in any order; a missing one is a difference.
    const swapped = agreementReport([article([q(0, 3, 'A'), q(0, 3, 'B')], [q(0, 3, 'B'), q(0, 3, 'A')])]);
    expect(swapped.perArticle[0]!.statusCounts).toMatchObject({ speaker: 0, agree: 1 });
    const fewer = agreementReport([article([q(0, 3, 'A'), q(0, 3, 'B')], [q(0, 3, 'A')])]);
    expect(fewer.perArticle[0]!.statusCounts).toMatchObject({ speaker: 1, agree: 0 });
  });

  it('scores each annotator\'s attributions against gold', () => {
    const [result] = againstGold([{ articleId: 'g', length: 7, text: 'a b c d', gold: [q(0, 3, 'Biden')], layers: [{ annotator: 'X', spans: [q(0, 3, 'Trump')] }] }]);
    expect(result!.exact.micro.f1).toBe(1);
    expect(result!.speakers).toEqual({ matched: 1, same: 0, share: 0 });
  });
});

describe('againstGold', () => {
  const text = 'one two three four five';
  // Tokens: one [0,3), two [4,7), three [8,13), four [14,18), five [19,23).
  const gold = [s('claim', 0, 7), s('opinion', 14, 18)];

  it('scores each annotator against the gold layer', () => {
    const results = againstGold([
      {
        articleId: 'g',
        length: 23,
        text,
        gold,
        layers: [
          { annotator: 'perfect', spans: gold },
          { annotator: 'partial', spans: [s('claim', 0, 3), s('opinion', 14, 18), s('sourced_quote', 19, 23)] },
        ],
      },
    ]);
    expect(results.map((r) => r.annotator)).toEqual(['partial', 'perfect']);
    const [partial, perfect] = results as [(typeof results)[0], (typeof results)[0]];
    expect(perfect.exact.micro.f1).toBe(1);
    expect(perfect.kappa.kappa).toBe(1);
    // Exact: opinion matches; claim [0,3) ≠ [0,7); sourced_quote not in gold.
    expect(partial.exact.micro).toMatchObject({ tp: 1, fp: 2, fn: 1 });
    // Precision: share of the annotator's spans found in gold.
    expect(partial.exact.micro.precision).toBeCloseTo(1 / 3, 12);
    expect(partial.exact.micro.recall).toBe(0.5);
    expect(partial.overlap.micro).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    expect(partial.overlap.perLabel.sourced_quote).toMatchObject({ precision: 0, recall: null, f1: 0 });
    // Tokens gold: claim claim none opinion none; partial: claim none none opinion sourced_quote.
    // po = 3/5; pe = (2/5·1/5) [claim] + (2/5·2/5) [none] + (1/5·1/5) [opinion] = 7/25;
    // kappa = (15/25 − 7/25) / (18/25) = 8/18.
    expect(partial.kappa.kappa).toBeCloseTo(8 / 18, 12);
    expect(partial.tokenCount).toBe(5);

    const csv = parseCsv(reportToCsv(agreementReport([]), results));
    expect(csv.find((rec) => rec[4] === 'partial' && rec[5] === 'kappa')).toEqual(['gold', '', '', 'gold', 'partial', 'kappa', String(8 / 18), '5']);
  });

  it('returns nothing without layers', () => {
    expect(againstGold([{ articleId: 'g', length: 3, gold, layers: [] }])).toEqual([]);
  });
});
