import { addRatings, kappaFromConfusion, type Confusion, type KappaResult } from './cohen-kappa';
import { mergeLayers, usableSpans } from './normalize';
import { combineF1, countSpanMatches, type LabelCounts, type SpanF1Result } from './span-f1';
import { addSpeakerCounts, countSpeakerMatches, speakerAgreement, type SpeakerAgreement, type SpeakerCounts } from './speakers';
import { articleLength, articleTokens } from './tokens';
import type { AgreementSpan, Layer } from './types';
import { tokenCategories } from './units';

export type GoldArticle = { articleId: string; length: number; text?: string; gold: AgreementSpan[]; layers: Layer[] };

export type GoldAnnotatorReport = {
  annotator: string;
  /** Articles this annotator annotated; only these are scored. */
  articleCount: number;
  tokenCount: number;
  /** Token categories against the gold layer's, pooled over the annotator's articles. */
  kappa: KappaResult;
  /** The gold layer is the reference: precision is the share of the annotator's spans found in gold. */
  exact: SpanF1Result;
  overlap: SpanF1Result;
  /** Of the gold quotes the annotator also marked (matched by overlap), how many name gold's speaker. */
  speakers: SpeakerAgreement;
};

/** Scores each annotator against the adjudicated (gold) layer, pooling counts over articles. */
export function againstGold(articles: readonly GoldArticle[]): GoldAnnotatorReport[] {
  const states = new Map<
    string,
    { articleCount: number; tokenCount: number; confusion: Confusion; exact: LabelCounts[]; overlap: LabelCounts[]; speakers: SpeakerCounts }
  >();
  for (const article of articles) {
    const length = articleLength(article);
    const tokens = articleTokens({ length, text: article.text });
    const gold = usableSpans(article.gold, length);
    const goldCategories = tokenCategories(tokens, gold);
    for (const layer of mergeLayers(article.layers, length)) {
      let state = states.get(layer.annotator);
      if (!state) {
        state = { articleCount: 0, tokenCount: 0, confusion: new Map(), exact: [], overlap: [], speakers: { matched: 0, same: 0 } };
        states.set(layer.annotator, state);
      }
      state.articleCount++;
      state.tokenCount += tokens.count;
      const categories = tokenCategories(tokens, layer.spans);
      addRatings(state.confusion, goldCategories, categories);
      state.exact.push(countSpanMatches(gold, layer.spans, 'exact'));
      state.overlap.push(countSpanMatches(gold, layer.spans, 'overlap'));
      addSpeakerCounts(state.speakers, countSpeakerMatches(gold, layer.spans));
    }
  }
  return [...states.keys()].sort().map((annotator) => {
    const s = states.get(annotator)!;
    return {
      annotator,
      articleCount: s.articleCount,
      tokenCount: s.tokenCount,
      kappa: kappaFromConfusion(s.confusion),
      exact: combineF1(s.exact, 'exact'),
      overlap: combineF1(s.overlap, 'overlap'),
      speakers: speakerAgreement(s.speakers),
    };
  });
}
