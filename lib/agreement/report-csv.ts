import type { GoldAnnotatorReport } from './against-gold';
import { CLUSTER_STATUSES } from './clusters';
import { toCsv, type CsvValue } from './csv';
import type { AgreementReport } from './report';
import type { F1Summary, SpanF1Result } from './span-f1';
import type { SpeakerAgreement } from './speakers';

/*
 * One row per figure ("tidy"), so the file loads straight into R or pandas:
 * scope (overall, label, pair, article, gold), the article, label and annotators
 * it concerns (empty when not applicable), the metric name, its value (empty when
 * undefined) and n, the number of observations behind it (empty when not meaningful).
 * For precision n = tp + fp, for recall n = tp + fn, for F1 n = tp + fp + fn.
 * The gold rows (each annotator against the gold layer) follow in the same columns, so the
 * file is one table with one header.
 */
export const CSV_COLUMNS = ['scope', 'article_id', 'label', 'annotator_a', 'annotator_b', 'metric', 'value', 'n'] as const;

type Context = { scope: string; articleId?: string; label?: string; a?: string; b?: string };
type Row = CsvValue[];

function row(ctx: Context, metric: string, value: number | null, n: number | null = null): Row {
  return [ctx.scope, ctx.articleId ?? '', ctx.label ?? '', ctx.a ?? '', ctx.b ?? '', metric, value, n];
}

function summaryRows(ctx: Context, s: F1Summary, suffix: string): Row[] {
  return [
    row(ctx, `precision_${suffix}`, s.precision, s.tp + s.fp),
    row(ctx, `recall_${suffix}`, s.recall, s.tp + s.fn),
    row(ctx, `f1_${suffix}`, s.f1, s.tp + s.fp + s.fn),
    row(ctx, `tp_${suffix}`, s.tp),
    row(ctx, `fp_${suffix}`, s.fp),
    row(ctx, `fn_${suffix}`, s.fn),
  ];
}

function speakerRows(ctx: Context, s: SpeakerAgreement): Row[] {
  return [row(ctx, 'speaker_agreement', s.share, s.matched), row(ctx, 'speaker_matched_quotes', s.matched)];
}

/** Micro and macro rows for the whole result, then per-label rows (with the label column set). */
function f1Rows(ctx: Context, result: SpanF1Result, perLabel = true): Row[] {
  const rows = [
    ...summaryRows(ctx, result.micro, result.mode),
    row(ctx, `macro_f1_${result.mode}`, result.macroF1, Object.keys(result.perLabel).length),
  ];
  if (perLabel) {
    for (const [label, s] of Object.entries(result.perLabel)) rows.push(...summaryRows({ ...ctx, label }, s, result.mode));
  }
  return rows;
}

/** The report as one tidy table; `gold` (the `againstGold` results) adds its rows under scope "gold". */
/**
 * `identify` names an annotator in the annotator columns (the app gives their e-mail, as the
 * dataset exports do, so the files join); by default the ids the report holds. "gold" stays.
 */
export function reportToCsv(report: AgreementReport, gold: readonly GoldAnnotatorReport[] = [], identify: (annotator: string) => string = (a) => a): string {
  const named = (v: CsvValue) => (typeof v === 'string' && v !== '' && v !== 'gold' ? identify(v) : v);
  const rows = [...reportRows(report), ...goldRows(gold)].map((r) => r.map((v, i) => (i === A_COLUMN || i === B_COLUMN ? named(v) : v)));
  return toCsv(CSV_COLUMNS, rows);
}
const A_COLUMN = CSV_COLUMNS.indexOf('annotator_a');
const B_COLUMN = CSV_COLUMNS.indexOf('annotator_b');

function reportRows(report: AgreementReport): Row[] {
  const rows: Row[] = [];
  const o = report.overall;
  const overall: Context = { scope: 'overall' };
  rows.push(
    row(overall, 'article_count', o.articleCount),
    row(overall, 'compared_article_count', o.comparedArticleCount),
    row(overall, 'annotator_count', o.annotators.length),
    row(overall, 'token_count', o.tokenCount),
    row(overall, 'alpha', o.alpha, o.pairableTokenCount),
    row(overall, 'observed_disagreement', o.observedDisagreement, o.pairableTokenCount),
    row(overall, 'expected_disagreement', o.expectedDisagreement, o.pairableTokenCount),
    row(overall, 'unitized_alpha', o.unitizedAlpha, o.unitizedAlphaArticleCount),
    // Per-label figures of the pooled F1 appear under scope "label" below.
    ...f1Rows(overall, o.exact, false),
    ...f1Rows(overall, o.overlap, false),
    ...speakerRows(overall, o.speakers),
  );
  for (const l of Object.values(report.perLabel)) {
    const ctx: Context = { scope: 'label', label: l.label };
    rows.push(
      row(ctx, 'span_count', l.spanCount),
      row(ctx, 'alpha', l.alpha, o.pairableTokenCount),
      row(ctx, 'unitized_alpha', l.unitizedAlpha, o.unitizedAlphaArticleCount),
    );
    if (l.exact) rows.push(...summaryRows(ctx, l.exact, 'exact'));
    if (l.overlap) rows.push(...summaryRows(ctx, l.overlap, 'overlap'));
  }
  for (const p of report.pairs) {
    const ctx: Context = { scope: 'pair', a: p.annotatorA, b: p.annotatorB };
    rows.push(
      row(ctx, 'article_count', p.articleCount),
      row(ctx, 'kappa', p.kappa.kappa, p.kappa.n),
      row(ctx, 'observed_agreement', p.kappa.observedAgreement, p.kappa.n),
      row(ctx, 'expected_agreement', p.kappa.expectedAgreement, p.kappa.n),
      ...f1Rows(ctx, p.exact),
      ...f1Rows(ctx, p.overlap),
      ...speakerRows(ctx, p.speakers),
    );
  }
  for (const a of report.perArticle) {
    const ctx: Context = { scope: 'article', articleId: a.articleId };
    // An article only one annotator submitted was not compared: its figures are undefined, not 0
    // (no disagreement) or "agree" (a cluster nobody else looked at).
    const compared = a.annotators.length >= 2;
    rows.push(
      row(ctx, 'annotator_count', a.annotators.length),
      row(ctx, 'token_count', a.tokenCount),
      row(ctx, 'span_count', a.spanCount),
      row(ctx, 'alpha', a.alpha, compared ? a.tokenCount : 0),
      row(ctx, 'unitized_alpha', a.unitizedAlpha, compared ? 1 : 0),
      row(ctx, 'disagreement_score', a.disagreementScore, compared ? a.clusterCount : 0),
      ...CLUSTER_STATUSES.map((status) => row(ctx, `clusters_${status}`, a.statusCounts?.[status] ?? null)),
    );
  }
  return rows;
}

/** Each annotator against gold; annotator_a is "gold" (the reference), annotator_b the annotator. */
function goldRows(results: readonly GoldAnnotatorReport[]): Row[] {
  const rows: Row[] = [];
  for (const r of results) {
    const ctx: Context = { scope: 'gold', a: 'gold', b: r.annotator };
    rows.push(
      row(ctx, 'article_count', r.articleCount),
      row(ctx, 'kappa', r.kappa.kappa, r.kappa.n),
      row(ctx, 'observed_agreement', r.kappa.observedAgreement, r.kappa.n),
      row(ctx, 'expected_agreement', r.kappa.expectedAgreement, r.kappa.n),
      ...f1Rows(ctx, r.exact),
      ...f1Rows(ctx, r.overlap),
      ...speakerRows(ctx, r.speakers),
    );
  }
  return rows;
}
