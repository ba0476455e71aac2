/**
 * One highlighted passage. Offsets count Unicode code points; `start` inclusive, `end` exclusive.
 * `speaker` is who a sourced quote is attributed to (absent or '' for other labels).
 */
export type AgreementSpan = { id?: string; label: string; start: number; end: number; speaker?: string };

/** All spans one annotator made on one article. A layer with no spans still means "annotated, found nothing". */
export type Layer = { annotator: string; spans: AgreementSpan[] };

export type ArticleLayers = {
  articleId: string;
  /** Text length in code points; ignored in favour of `text` when both are given. */
  length: number;
  text?: string;
  layers: Layer[];
};

export type AnnotatedSpan = AgreementSpan & { annotator: string };
