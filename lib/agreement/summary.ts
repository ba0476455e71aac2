import { LABELS } from '../labels';
import { createAlphaAccumulator } from './krippendorff-alpha';
import { mergeLayers } from './normalize';
import { combineF1, countLabelGroupMatches, spansByLabel, type LabelCounts } from './span-f1';
import { addLabelUnits, addTokenUnits, codeArticle } from './report';
import { addSpeakerCounts, countSpeakerMatches, speakerAgreement } from './speakers';
import { articleLength, articleTokens } from './tokens';
import type { ArticleLayers } from './types';

export type AgreementSummary = {
  comparedArticles: number;
  tokens: number;
  krippendorffAlpha: number | null;
  perLabelAlpha: Record<string, number | null>;
  spanF1Exact: number | null;
  spanF1Overlap: number | null;
  /** Of the quotes two annotators both marked, the share attributed to the same speaker. */
  quoteSpeakerAgreement: number | null;
  quotesCompared: number;
};

function mergeCounts(into: LabelCounts, add: LabelCounts) {
  for (const [label, c] of Object.entries(add)) {
    const t = (into[label] ??= { tp: 0, fp: 0, fn: 0 });
    t.tp += c.tp;
    t.fp += c.fp;
    t.fn += c.fn;
  }
}

/**
 * The headline agreement figures, fed one article at a time so a caller can stream a project
 * through it in batches: memory holds running totals, never the whole project. Same units and
 * conventions as `agreementReport` (tokens, "none" as a category, pooled pairwise span F1).
 */
export function createAgreementSummary(labels: readonly string[] = LABELS) {
  const overall = createAlphaAccumulator();
  const perLabel = new Map(labels.map((l) => [l, createAlphaAccumulator()]));
  const exact: LabelCounts = {};
  const overlap: LabelCounts = {};
  let comparedArticles = 0;
  let tokens = 0;
  const speakers = { matched: 0, same: 0 };
  return {
    add(article: ArticleLayers): void {
      const length = articleLength(article);
      const layers = mergeLayers(article.layers, length);
      if (layers.length < 2) return;
      const units = articleTokens({ length, text: article.text });
      comparedArticles++;
      tokens += units.count;
      // Tokens grouped by their pattern of values, as the full report does: an export feeds every
      // article of a project through here, and most tokens of an article look alike.
      addTokenUnits(codeArticle(units, layers), [overall]);
      for (const [label, acc] of perLabel) addLabelUnits(units, layers, label, acc);
      const groups = layers.map(spansByLabel);
      for (let i = 0; i < groups.length; i++) {
        for (let j = i + 1; j < groups.length; j++) {
          mergeCounts(exact, countLabelGroupMatches(groups[i]!, groups[j]!, 'exact'));
          mergeCounts(overlap, countLabelGroupMatches(groups[i]!, groups[j]!, 'overlap'));
          addSpeakerCounts(speakers, countSpeakerMatches(layers[i]!.spans, layers[j]!.spans));
        }
      }
    },
    result(): AgreementSummary {
      return {
        comparedArticles,
        tokens,
        krippendorffAlpha: overall.result().alpha,
        perLabelAlpha: Object.fromEntries([...perLabel].map(([l, acc]) => [l, acc.result().alpha])),
        spanF1Exact: combineF1([exact], 'exact').micro.f1,
        spanF1Overlap: combineF1([overlap], 'overlap').micro.f1,
        quoteSpeakerAgreement: speakerAgreement(speakers).share,
        quotesCompared: speakers.matched,
      };
    },
  };
}
