import { LABELS, LABEL_INFO, type Label } from '../labels';

/** Version of the export layout (fields and their meaning), not of Slant. */
export const EXPORT_FORMAT_VERSION = '1.0';

export type SpanLayer = 'annotator' | 'gold';
export type SpanVerdict = '' | 'accepted' | 'rejected' | 'edited';

export type ExportSpan = {
  id: string;
  label: Label;
  /** Unicode code points over the article text, `end` exclusive. */
  start: number;
  end: number;
  /** Exact span text: the article text sliced in code points. */
  text: string;
  speaker: string;
  note: string;
  /** Annotator e-mail, or 'gold' for the gold layer. */
  annotator: string;
  layer: SpanLayer;
  verdict: SpanVerdict;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
};

export type ExportArticle = {
  id: string;
  title: string;
  author: string;
  outlet: string;
  sourceUrl: string;
  publishedOn: string;
  topic: string;
  createdAt: string;
  updatedAt: string;
  /** Canonical text: NFC, `\n` line ends. */
  text: string;
  textHash: string;
  /** Sorted by `compareSpans`. */
  spans: ExportSpan[];
};

export const EXPORT_FORMATS = ['jsonl', 'doccano', 'label-studio', 'brat', 'w3c', 'conll', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportCounts = {
  articles: number;
  spans: number;
  perLabel: Record<string, number>;
  perAnnotator: Record<string, number>;
};

export type ExportOffsets = 'unicode-code-points' | 'utf-16-code-units';

/** The formats read by a browser editor that counts UTF-16 code units: they may be written in those. */
export const UTF16_FORMATS = ['doccano', 'label-studio'] as const;

export type ExportManifest = {
  formatVersion: string;
  format: ExportFormat;
  exportedAt: string;
  project: { id: string; name: string };
  filters: { layer: string; articleId?: string };
  guidelines: string;
  /**
   * What `start`/`end` count. Code points everywhere by default (Python's `text[start:end]`);
   * UTF-16 code units on request for doccano and Label Studio, whose editors count those.
   */
  offsets: ExportOffsets;
  /**
   * CSV only, when asked for: cells a spreadsheet would run as formulas have a ' in front (see
   * the warnings for how many). Absent otherwise: every value is exact.
   */
  spreadsheetSafe?: true;
  /** Only final in `finalManifest()`: a streamed export counts while it writes. */
  counts: ExportCounts;
  /** Agreement summary computed elsewhere, passed through as JSON. */
  agreement: unknown | null;
  labels: { id: Label; name: string }[];
  /**
   * Everything a reader should know that the data itself cannot say: articles left out by the
   * filter, spans a format could not represent (CoNLL overlaps), offsets a tool will misread.
   * Writers append to this array while they stream (see `addWarning`).
   */
  warnings: string[];
};

function ordinal(a: string, b: string): number {
  // Code-unit order, not localeCompare: the order must not depend on the server's locale.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** start ascending, end descending (outer spans first), label in `LABELS` order, annotator, id. */
export function compareSpans(a: ExportSpan, b: ExportSpan): number {
  return (
    a.start - b.start ||
    b.end - a.end ||
    LABELS.indexOf(a.label) - LABELS.indexOf(b.label) ||
    ordinal(a.annotator, b.annotator) ||
    ordinal(a.id, b.id)
  );
}

export function sortedSpans(spans: readonly ExportSpan[]): ExportSpan[] {
  return [...spans].sort(compareSpans);
}

export const GOLD = 'gold';

/**
 * Spans grouped by annotator: gold first (it is what most readers want), then annotators in
 * code-unit order; spans inside a group keep `compareSpans` order. Writers that group sort
 * again here rather than trust the caller, so their output stays deterministic.
 */
export function spansByAnnotator(spans: readonly ExportSpan[]): { annotator: string; spans: ExportSpan[] }[] {
  const groups = new Map<string, ExportSpan[]>();
  for (const span of sortedSpans(spans)) {
    const group = groups.get(span.annotator);
    if (group) group.push(span);
    else groups.set(span.annotator, [span]);
  }
  return [...groups.keys()]
    .sort((a, b) => (a === GOLD ? -1 : b === GOLD ? 1 : ordinal(a, b)))
    .map((annotator) => ({ annotator, spans: groups.get(annotator)! }));
}

/** Display name of a label, e.g. 'Sourced quote'. */
export function labelName(label: Label): string {
  return LABEL_INFO[label].name;
}

/**
 * Records a warning where the caller's `finalManifest()` will see it. The export service builds
 * the final manifest by spreading the starting one, so both share this array.
 */
export function addWarning(manifest: ExportManifest, warning: string): void {
  manifest.warnings.push(warning);
}

/**
 * The final manifest plus any warning a writer appended to the starting manifest that the
 * caller's `finalManifest()` does not already carry (a caller may copy the array early).
 */
export function completeManifest(start: ExportManifest, final: ExportManifest): ExportManifest {
  const seen = new Set(final.warnings);
  const extra = start.warnings.filter((w) => !seen.has(w));
  return extra.length ? { ...final, warnings: [...final.warnings, ...extra] } : final;
}

export type ArticleMetadata = Omit<ExportArticle, 'text' | 'spans'>;

/** Everything about an article but its text and spans, in one fixed key order for every format. */
export function articleMetadata(a: ExportArticle): ArticleMetadata {
  return {
    id: a.id,
    title: a.title,
    author: a.author,
    outlet: a.outlet,
    sourceUrl: a.sourceUrl,
    publishedOn: a.publishedOn,
    topic: a.topic,
    textHash: a.textHash,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}
