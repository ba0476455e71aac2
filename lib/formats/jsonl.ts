import { toJson, utf8 } from './encoding';
import { articleMetadata, type ExportArticle, type ExportManifest, type ExportSpan } from './model';
import type { FormatWriter } from './writer';

/*
 * Slant's own format, and the only one that round-trips everything. One JSON object per line:
 *   1. {"type":"manifest", ...}  what was exported and how (no counts: they are not known yet),
 *   2. {"type":"article", ...}   one line per article, spans inside,
 *   3. {"type":"summary", ...}   last line: counts, agreement, warnings.
 * manifest line + summary line (without their "type") = the export's full manifest.
 * docs/schemas/slant-export.schema.json describes each line.
 */

export type JsonlManifestLine = { type: 'manifest' } & Omit<ExportManifest, 'counts' | 'agreement' | 'warnings'>;
export type JsonlArticleLine = { type: 'article' } & ExportArticle;
export type JsonlSummaryLine = { type: 'summary' } & Pick<ExportManifest, 'counts' | 'agreement' | 'warnings'>;
export type JsonlLine = JsonlManifestLine | JsonlArticleLine | JsonlSummaryLine;

export function manifestLine(manifest: ExportManifest): JsonlManifestLine {
  // Fields are listed one by one so the line has a fixed key order and nothing unexpected leaks in.
  return {
    type: 'manifest',
    formatVersion: manifest.formatVersion,
    // This file is JSONL whatever the caller asked for.
    format: 'jsonl',
    exportedAt: manifest.exportedAt,
    project: { id: manifest.project.id, name: manifest.project.name },
    filters: { layer: manifest.filters.layer, ...(manifest.filters.articleId !== undefined ? { articleId: manifest.filters.articleId } : {}) },
    guidelines: manifest.guidelines,
    offsets: manifest.offsets,
    labels: manifest.labels.map((l) => ({ id: l.id, name: l.name })),
  };
}

function spanRecord(s: ExportSpan): ExportSpan {
  return {
    id: s.id,
    label: s.label,
    start: s.start,
    end: s.end,
    text: s.text,
    speaker: s.speaker,
    note: s.note,
    annotator: s.annotator,
    layer: s.layer,
    verdict: s.verdict,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export function articleLine(a: ExportArticle): JsonlArticleLine {
  return {
    type: 'article',
    ...articleMetadata(a),
    text: a.text,
    spans: a.spans.map(spanRecord),
  };
}

export function summaryLine(final: ExportManifest): JsonlSummaryLine {
  return { type: 'summary', counts: final.counts, agreement: final.agreement ?? null, warnings: [...final.warnings] };
}

export const jsonl: FormatWriter = {
  contentType: 'application/x-ndjson',
  fileExtension: 'jsonl',
  async *write({ manifest, articles, finalManifest }) {
    yield utf8(toJson(manifestLine(manifest)) + '\n');
    for await (const article of articles) yield utf8(toJson(articleLine(article)) + '\n');
    yield utf8(toJson(summaryLine(finalManifest())) + '\n');
  },
};
