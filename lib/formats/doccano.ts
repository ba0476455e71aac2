import { toJson, utf8 } from './encoding';
import { shiftTally, spanPlacer } from './label-studio';
import { articleMetadata, type ArticleMetadata, type ExportArticle, type ExportOffsets, type ExportSpan } from './model';
import type { FormatWriter } from './writer';

/*
 * doccano's sequence-labelling JSONL: one article per line, `label` as [start, end, label id]
 * triples. doccano keeps keys other than `text` and `label` as the example's metadata, so the
 * Slant fields that have no doccano equivalent go in `meta`; `meta.spans[i]` describes
 * `label[i]`, which is how annotators, speakers, notes and verdicts survive. Both lists are in
 * doccano's own order (start, end, label ascending: its export sorts the spans so), and each
 * `meta.spans` entry repeats its start, end and label, so a file doccano has imported and exported
 * again still pairs up (Slant's reader pairs them by place, not position).
 */

/** `text` repeats the span's text so a reader can check its offsets: text[start:end] == meta.spans[i].text. */
export type DoccanoSpanMeta = Pick<ExportSpan, 'id' | 'text' | 'annotator' | 'layer' | 'verdict' | 'speaker' | 'note' | 'createdAt' | 'updatedAt'> & {
  start: number;
  end: number;
  label: string;
};

export type DoccanoLine = {
  id: string;
  text: string;
  label: [number, number, string][];
  meta: {
    title: string;
    author: string;
    outlet: string;
    sourceUrl: string;
    publishedOn: string;
    topic: string;
    textHash: string;
    createdAt: string;
    updatedAt: string;
    /** What `label`'s offsets count (the manifest's `offsets`): Slant's importer reads it. */
    offsets: ExportOffsets;
    spans: DoccanoSpanMeta[];
  };
};

const withoutId = ({ id: _id, ...rest }: ArticleMetadata) => rest;

export function doccanoLine(a: ExportArticle, offsets: ExportOffsets = 'unicode-code-points'): DoccanoLine {
  const place = spanPlacer(a.text, offsets);
  // In doccano's order: sorted by (start, end, label), as its export writes them.
  const placed = a.spans
    .map((s) => ({ span: s, ...place(s) }))
    .sort((x, y) => x.start - y.start || x.end - y.end || (x.span.label < y.span.label ? -1 : x.span.label > y.span.label ? 1 : 0));
  return {
    id: a.id,
    text: a.text,
    // Label ids ('claim', 'sourced_quote'), not display names: stable, spaceless, and what Slant imports.
    label: placed.map(({ span, start, end }) => [start, end, span.label]),
    meta: {
      ...withoutId(articleMetadata(a)),
      offsets,
      spans: placed.map(({ span: s, start, end }) => ({
        start,
        end,
        label: s.label,
        id: s.id,
        text: s.text,
        annotator: s.annotator,
        layer: s.layer,
        verdict: s.verdict,
        speaker: s.speaker,
        note: s.note,
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
      })),
    },
  };
}

export const doccano: FormatWriter = {
  contentType: 'application/x-ndjson',
  fileExtension: 'jsonl',
  async *write({ manifest, articles }) {
    // No manifest line: doccano would import it as an example. It sits beside the file instead.
    const shifted = shiftTally(manifest, 'doccano', 'utf-16-code-units');
    for await (const article of articles) {
      shifted.add(article);
      yield utf8(toJson(doccanoLine(article, manifest.offsets)) + '\n');
    }
    shifted.warn();
  },
};
