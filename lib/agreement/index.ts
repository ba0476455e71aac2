export type { AgreementSpan, AnnotatedSpan, ArticleLayers, Layer } from './types';
export { NONE, compareCategories, sortCategories } from './categories';
export { mergeLayers, usableSpans } from './normalize';
export { maxOverlapMatching, type Interval } from './interval-matching';
export {
  combineF1,
  countSpanMatches,
  scoreCounts,
  spanF1,
  type F1Counts,
  type F1Summary,
  type LabelCounts,
  type MatchMode,
  type SpanF1Result,
} from './span-f1';
export {
  articleLength,
  articleTokens,
  isWhitespaceCodePoint,
  tokenList,
  tokenizeText,
  type Token,
  type Tokens,
} from './tokens';
export { tokenBinaryCategories, tokenCategories, tokenLabelFlags } from './units';
export {
  addRatings,
  addToConfusion,
  cohenKappa,
  cohenKappaFromPairs,
  confusionMatrix,
  kappaFromConfusion,
  type Confusion,
  type KappaResult,
} from './cohen-kappa';
export {
  coincidenceMatrix,
  createAlphaAccumulator,
  krippendorffAlpha,
  type AlphaAccumulator,
  type AlphaResult,
  type CoincidenceMatrix,
} from './krippendorff-alpha';
export {
  concatenateContinua,
  unitizedAlpha,
  type Continuum,
  type UnitizedAlphaResult,
  type UnitizedLabelResult,
} from './unitized-alpha';
export {
  CLUSTER_STATUSES,
  clusterSpans,
  countStatuses,
  disagreementScore,
  type Cluster,
  type ClusterStatus,
} from './clusters';
export {
  agreementReport,
  type AgreementReport,
  type ArticleReport,
  type LabelReport,
  type PairReport,
  type ReportOptions,
} from './report';
export {
  QUOTE_LABEL,
  countSpeakerMatches,
  speakerAgreement,
  speakerKey,
  type SpeakerAgreement,
  type SpeakerCounts,
} from './speakers';
export { againstGold, type GoldAnnotatorReport, type GoldArticle } from './against-gold';
export { CSV_COLUMNS, reportToCsv } from './report-csv';
export { parseCsv, toCsv, type CsvValue } from './csv';
export { createAgreementSummary, type AgreementSummary } from './summary';
