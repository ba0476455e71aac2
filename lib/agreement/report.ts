import { LABELS } from '../labels';
import { NONE, sortCategories } from './categories';
import { clusterSpans, countStatuses, disagreementScore, type ClusterStatus } from './clusters';
import { addToConfusion, kappaFromConfusion, type Confusion, type KappaResult } from './cohen-kappa';
import { createAlphaAccumulator, type AlphaAccumulator, type CoincidenceMatrix } from './krippendorff-alpha';
import { mergeLayers } from './normalize';
import { scratchArray } from './scratch';
import { addSpeakerCounts, countSpeakerMatches, speakerAgreement, type SpeakerAgreement, type SpeakerCounts } from './speakers';
import { combineF1, countSpanMatches, type F1Summary, type LabelCounts, type SpanF1Result } from './span-f1';
import { articleLength, articleTokens, type Tokens } from './tokens';
import type { ArticleLayers, Layer } from './types';
import { tokenCategoryCodes, tokenLabelCoverageCounts } from './units';
import { concatenateContinua, unitizedAlpha, type Continuum } from './unitized-alpha';

export type ReportOptions = {
  /** Labels listed in `perLabel`; default `LABELS` followed by any other label found in the spans. */
  labels?: readonly string[];
  /** Set false to skip αU (it is the only metric here that looks at exact character extents). */
  unitizedAlpha?: boolean;
};

export type PairReport = {
  annotatorA: string;
  annotatorB: string;
  /** Articles both annotated; only these are compared. */
  articleCount: number;
  tokenCount: number;
  /** Token categories (one per token), pooled over the articles both annotated. */
  kappa: KappaResult;
  /** `annotatorA` is the reference, so precision is the share of B's spans that A also has. */
  exact: SpanF1Result;
  overlap: SpanF1Result;
  /** Of the quotes both marked (matched by overlap), how many they attribute to the same speaker. */
  speakers: SpeakerAgreement;
};

export type LabelReport = {
  label: string;
  /** Spans with this label in all layers. */
  spanCount: number;
  /** Alpha of the binary token variant (this label or not), all annotators. */
  alpha: number | null;
  unitizedAlpha: number | null;
  /** F1 pooled over every annotator pair and article; null when no compared article has the label. */
  exact: F1Summary | null;
  overlap: F1Summary | null;
};

export type ArticleReport = {
  articleId: string;
  annotators: string[];
  tokenCount: number;
  spanCount: number;
  alpha: number | null;
  unitizedAlpha: number | null;
  clusterCount: number;
  /** Null when fewer than two annotators submitted: a cluster nobody else looked at neither agrees nor disagrees. */
  statusCounts: Record<ClusterStatus, number> | null;
  disagreementScore: number | null;
};

export type AgreementReport = {
  overall: {
    articleCount: number;
    /** Articles with at least two annotators (the only ones any metric can compare). */
    comparedArticleCount: number;
    annotators: string[];
    tokenCount: number;
    /** Tokens of compared articles: the units alpha is computed over. */
    pairableTokenCount: number;
    alpha: number | null;
    observedDisagreement: number | null;
    expectedDisagreement: number | null;
    coincidence: CoincidenceMatrix;
    /**
     * Over one group of annotators and the compared articles they all annotated (see
     * largestGroup), laid end to end: αU needs the same annotators throughout, and one person
     * who annotated a few articles must not take the figure away.
     */
    unitizedAlpha: number | null;
    unitizedAlphaArticleCount: number;
    /** Whose articles those are (empty when there is no αU). */
    unitizedAlphaAnnotators: string[];
    /** Span counts pooled over all annotator pairs and articles. */
    exact: SpanF1Result;
    overlap: SpanF1Result;
    /** Speakers of quotes both members of a pair marked, pooled over pairs and articles. */
    speakers: SpeakerAgreement;
  };
  perLabel: Record<string, LabelReport>;
  pairs: PairReport[];
  perArticle: ArticleReport[];
};

type PairState = {
  a: string;
  b: string;
  articleCount: number;
  tokenCount: number;
  confusion: Confusion;
  exact: LabelCounts[];
  overlap: LabelCounts[];
  speakers: SpeakerCounts;
};

/** One article reduced to per-token category codes, shared by every metric that uses tokens. */
type CodedArticle = {
  tokens: Tokens;
  layers: Layer[];
  /** Category names; codes index into it. */
  categories: string[];
  /** codes[layer][token]. */
  codes: (Uint8Array | Uint16Array)[];
};

export function codeArticle(tokens: Tokens, layers: Layer[]): CodedArticle {
  const categories: string[] = [NONE];
  const index = new Map<string, number>([[NONE, 0]]);
  for (const l of layers) for (const s of l.spans) if (!index.has(s.label)) index.set(s.label, categories.push(s.label) - 1);
  const codes = layers.map((l) => {
    const out = categories.length <= 256 ? new Uint8Array(tokens.count) : new Uint16Array(tokens.count);
    tokenCategoryCodes(tokens, l.spans, index, out);
    return out;
  });
  return { tokens, layers, categories, codes };
}

const takePatternCounts = scratchArray((n) => new Uint32Array(n));

/**
 * Feeds token units to alpha accumulators, grouped by their pattern of values so
 * each distinct pattern is added once with its count.
 */
export function addTokenUnits(article: CodedArticle, accumulators: readonly AlphaAccumulator[]): void {
  const { codes, categories, tokens } = article;
  const m = codes.length;
  const base = categories.length;
  const values: string[] = new Array(m);
  if (base ** m > Number.MAX_SAFE_INTEGER) {
    // Too many annotators on one article for a numeric pattern key: add tokens one by one.
    for (let t = 0; t < tokens.count; t++) {
      for (let k = 0; k < m; k++) values[k] = categories[codes[k]![t]!]!;
      for (const acc of accumulators) acc.addUnit(values);
    }
    return;
  }
  // Patterns in the order they first occur, each with its count; a table when there are few.
  const patterns = new Map<number, number>();
  const table = base ** m <= 4096 ? takePatternCounts(base ** m) : null;
  const order: number[] = [];
  for (let t = 0; t < tokens.count; t++) {
    let key = 0;
    for (let k = 0; k < m; k++) key = key * base + codes[k]![t]!;
    if (table) {
      if (table[key]!++ === 0) order.push(key);
    } else {
      patterns.set(key, (patterns.get(key) ?? 0) + 1);
    }
  }
  if (table) for (const key of order) patterns.set(key, table[key]!);
  for (const [pattern, count] of patterns) {
    let key = pattern;
    for (let k = m - 1; k >= 0; k--) {
      values[k] = categories[key % base]!;
      key = Math.floor(key / base);
    }
    for (const acc of accumulators) acc.addUnit(values, count);
  }
}

/** Binary variant of one label: a token's pattern is just how many annotators marked it. */
export function addLabelUnits(tokens: Tokens, layers: Layer[], label: string, acc: AlphaAccumulator): void {
  const m = layers.length;
  const marked = tokenLabelCoverageCounts(tokens, layers, label);
  for (let k = 0; k <= m; k++) {
    if (marked[k] === 0) continue;
    acc.addUnit(Array.from({ length: m }, (_, i) => (i < k ? label : NONE)), marked[k]);
  }
}

function addPairTokens(article: CodedArticle, i: number, j: number, confusion: Confusion): void {
  const { categories } = article;
  const base = categories.length;
  const table = new Float64Array(base * base);
  const a = article.codes[i]!;
  const b = article.codes[j]!;
  for (let t = 0; t < a.length; t++) table[a[t]! * base + b[t]!]!++;
  for (let x = 0; x < base; x++) {
    for (let y = 0; y < base; y++) {
      const count = table[x * base + y]!;
      if (count > 0) addToConfusion(confusion, categories[x]!, categories[y]!, count);
    }
  }
}

/**
 * Agreement figures for a project. A layer means its annotator annotated the
 * article (even with no spans); an annotator without a layer is missing there and
 * is left out of that article's comparisons. Tokens of all articles are pooled as
 * the units of alpha and kappa; span counts are pooled before F1 is computed.
 */
export function agreementReport(articles: readonly ArticleLayers[], options: ReportOptions = {}): AgreementReport {
  const prepared = articles.map((article) => {
    const length = articleLength(article);
    return {
      article,
      length,
      tokens: articleTokens({ length, text: article.text }),
      layers: mergeLayers(article.layers, length),
    };
  });
  const annotators = [...new Set(prepared.flatMap((p) => p.layers.map((l) => l.annotator)))].sort();
  const annotatorIndex = new Map(annotators.map((a, i) => [a, i]));
  const found = prepared.flatMap((p) => p.layers.flatMap((l) => l.spans.map((s) => s.label)));
  const labels = options.labels ? [...new Set(options.labels)] : sortCategories([...LABELS, ...found]);
  const withUnitized = options.unitizedAlpha ?? true;

  const overallAlpha = createAlphaAccumulator();
  const labelAlpha = new Map(labels.map((l) => [l, createAlphaAccumulator()]));
  const spanCounts = new Map<string, number>(labels.map((l) => [l, 0]));
  const pairs = new Map<string, PairState>();
  for (let i = 0; i < annotators.length; i++) {
    for (let j = i + 1; j < annotators.length; j++) {
      const [a, b] = [annotators[i]!, annotators[j]!];
      pairs.set(`${i},${j}`, { a, b, articleCount: 0, tokenCount: 0, confusion: new Map(), exact: [], overlap: [], speakers: { matched: 0, same: 0 } });
    }
  }
  const allExact: LabelCounts[] = [];
  const allOverlap: LabelCounts[] = [];
  const allSpeakers: SpeakerCounts = { matched: 0, same: 0 };
  const perArticle: ArticleReport[] = [];
  // Compared articles grouped by who annotated them: αU needs the same annotators throughout.
  const continua = new Map<string, Continuum[]>();
  let tokenCount = 0;
  let pairableTokenCount = 0;
  let comparedArticleCount = 0;

  for (const { article, length, tokens, layers } of prepared) {
    tokenCount += tokens.count;
    for (const l of layers) for (const s of l.spans) if (spanCounts.has(s.label)) spanCounts.set(s.label, spanCounts.get(s.label)! + 1);
    const articleAlpha = createAlphaAccumulator();
    const compared = layers.length >= 2;
    if (compared) {
      comparedArticleCount++;
      pairableTokenCount += tokens.count;
      const coded = codeArticle(tokens, layers);
      addTokenUnits(coded, [overallAlpha, articleAlpha]);
      for (const [label, acc] of labelAlpha) addLabelUnits(tokens, layers, label, acc);
      for (let p = 0; p < layers.length; p++) {
        for (let q = p + 1; q < layers.length; q++) {
          // Orient each pair by the global annotator order so A is always the same person.
          const [i, j] = [p, q].sort((x, y) => annotatorIndex.get(layers[x]!.annotator)! - annotatorIndex.get(layers[y]!.annotator)!) as [number, number];
          const state = pairs.get(`${annotatorIndex.get(layers[i]!.annotator)},${annotatorIndex.get(layers[j]!.annotator)}`)!;
          state.articleCount++;
          state.tokenCount += tokens.count;
          addPairTokens(coded, i, j, state.confusion);
          const exact = countSpanMatches(layers[i]!, layers[j]!, 'exact');
          const overlap = countSpanMatches(layers[i]!, layers[j]!, 'overlap');
          state.exact.push(exact);
          state.overlap.push(overlap);
          const speakers = countSpeakerMatches(layers[i]!.spans, layers[j]!.spans);
          addSpeakerCounts(state.speakers, speakers);
          addSpeakerCounts(allSpeakers, speakers);
          allExact.push(exact);
          allOverlap.push(overlap);
        }
      }
    }
    if (compared) {
      const key = layers.map((l) => l.annotator).sort().join('\u0000');
      const group = continua.get(key) ?? continua.set(key, []).get(key)!;
      group.push({ length, layers });
    }
    const clusters = clusterSpans(layers);
    perArticle.push({
      articleId: article.articleId,
      annotators: layers.map((l) => l.annotator),
      tokenCount: tokens.count,
      spanCount: layers.reduce((s, l) => s + l.spans.length, 0),
      alpha: articleAlpha.result().alpha,
      unitizedAlpha: withUnitized && compared ? unitizedAlpha({ length, layers }).alpha : null,
      clusterCount: clusters.length,
      statusCounts: compared ? countStatuses(clusters) : null,
      disagreementScore: compared ? disagreementScore(clusters, layers.length) : null,
    });
  }

  const overallResult = overallAlpha.result();
  const complete = largestGroup(continua);
  // Overall αU covers every label used, even when `labels` narrows the per-label list.
  const unitized =
    withUnitized && complete.length > 0 ? unitizedAlpha(concatenateContinua(complete), { labels: sortCategories([...labels, ...found]) }) : null;
  const exact = combineF1(allExact, 'exact');
  const overlap = combineF1(allOverlap, 'overlap');

  const perLabel: Record<string, LabelReport> = {};
  for (const label of labels) {
    perLabel[label] = {
      label,
      spanCount: spanCounts.get(label)!,
      alpha: labelAlpha.get(label)!.result().alpha,
      unitizedAlpha: unitized?.perLabel[label]?.alpha ?? null,
      exact: exact.perLabel[label] ?? null,
      overlap: overlap.perLabel[label] ?? null,
    };
  }

  return {
    overall: {
      articleCount: articles.length,
      comparedArticleCount,
      annotators,
      tokenCount,
      pairableTokenCount,
      alpha: overallResult.alpha,
      observedDisagreement: overallResult.observedDisagreement,
      expectedDisagreement: overallResult.expectedDisagreement,
      coincidence: overallResult.coincidence,
      unitizedAlpha: unitized?.alpha ?? null,
      unitizedAlphaArticleCount: unitized ? complete.length : 0,
      unitizedAlphaAnnotators: unitized ? complete[0]!.layers.map((l) => l.annotator).sort() : [],
      exact,
      overlap,
      speakers: speakerAgreement(allSpeakers),
    },
    perLabel,
    pairs: [...pairs.values()].map((s) => ({
      annotatorA: s.a,
      annotatorB: s.b,
      articleCount: s.articleCount,
      tokenCount: s.tokenCount,
      kappa: kappaFromConfusion(s.confusion),
      exact: combineF1(s.exact, 'exact'),
      overlap: combineF1(s.overlap, 'overlap'),
      speakers: speakerAgreement(s.speakers),
    })),
    perArticle,
  };
}

/**
 * The articles αU is computed over, each cut to one group of annotators: of the candidate groups,
 * the one whose articles (those all its members annotated, others' layers left out) give the most
 * pairwise comparisons, articles × pairs of annotators. The candidates are every set of annotators
 * that annotated some article together, and every set of two or more that two such sets share: two
 * core annotators joined by a different third on each article are a candidate on every article.
 * So a reviewer who tried one article does not take the figure away, and one article an annotator
 * skipped does not drop them from it. Ties go to more articles, then to the larger group, then to
 * the first in sorted order: the same data always gives the same figure.
 */
function largestGroup(groups: Map<string, Continuum[]>): Continuum[] {
  const all = [...groups.values()].flat().map((c) => ({ continuum: c, annotators: new Set(c.layers.map((l) => l.annotator)) }));
  const sets = [...groups.values()].map((parts) => parts[0]!.layers.map((l) => l.annotator).sort());
  const candidates = new Map<string, string[]>();
  const consider = (members: string[]) => {
    if (members.length >= 2) candidates.set(members.join('\u0000'), members);
  };
  sets.forEach(consider);
  for (let i = 0; i < sets.length; i++) {
    const mine = new Set(sets[i]);
    for (let j = i + 1; j < sets.length; j++) consider(sets[j]!.filter((m) => mine.has(m)));
  }
  let best: { key: string; size: number; parts: Continuum[]; score: number } | null = null;
  for (const [key, members] of candidates) {
    const kept = new Set(members);
    const covered = all
      .filter((c) => members.every((m) => c.annotators.has(m)))
      .map(({ continuum }) => ({ length: continuum.length, layers: continuum.layers.filter((l) => kept.has(l.annotator)) }));
    const size = members.length;
    const score = (covered.length * size * (size - 1)) / 2;
    const better =
      !best ||
      score > best.score ||
      (score === best.score &&
        (covered.length > best.parts.length || (covered.length === best.parts.length && (size > best.size || (size === best.size && key < best.key)))));
    if (better) best = { key, size, parts: covered, score };
  }
  return best?.parts ?? [];
}
