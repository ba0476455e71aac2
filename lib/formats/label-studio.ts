import { CodePointIndex } from '../anchoring/code-points';
import { toJson, utf8 } from './encoding';
import { addWarning, GOLD, labelName, spansByAnnotator, type ExportArticle, type ExportManifest, type ExportOffsets, type ExportSpan } from './model';
import type { FormatWriter } from './writer';

/*
 * Label Studio's JSON task list: one task per article, one annotation per annotator (gold is an
 * annotation with ground_truth: true). Each span is a `labels` region; its speaker, note and
 * verdict are per-region results that share the region's `id`, which is how Label Studio ties
 * per-region controls to a region. The labelling config these results fit is LABEL_STUDIO_CONFIG.
 *
 * Offsets are code points, as in every Slant format, and as Label Studio's editor counts them
 * since version 1.6 (it converts its selections to code points; before, it counted UTF-16 units).
 * UTF-16 offsets are written on request, for an older Label Studio, with a warning of how many
 * spans a current one would show shifted.
 */

export const LABEL_STUDIO_CONFIG = `<View>
  <Labels name="label" toName="text">
    <Label value="Claim"/>
    <Label value="Opinion"/>
    <Label value="Sourced quote"/>
  </Labels>
  <Text name="text" value="$text"/>
  <TextArea name="speaker" toName="text" perRegion="true" placeholder="Speaker"/>
  <TextArea name="note" toName="text" perRegion="true" placeholder="Note"/>
  <Choices name="verdict" toName="text" perRegion="true">
    <Choice value="accepted"/>
    <Choice value="rejected"/>
    <Choice value="edited"/>
  </Choices>
</View>
`;

type Range = { start: number; end: number };

export type LabelStudioResult =
  | { id: string; from_name: 'label'; to_name: 'text'; type: 'labels'; value: Range & { text: string; labels: string[] } }
  | { id: string; from_name: 'speaker' | 'note'; to_name: 'text'; type: 'textarea'; value: Range & { text: string[] } }
  | { id: string; from_name: 'verdict'; to_name: 'text'; type: 'choices'; value: Range & { choices: string[] } };

export type LabelStudioAnnotation = {
  result: LabelStudioResult[];
  ground_truth: boolean;
  /**
   * Whose annotation it is: the e-mail, or 'gold'. Not `completed_by`: Label Studio looks an
   * e-mail there up among its project's members and refuses the whole import for one it does not
   * know (unless its ALLOW_IMPORT_TASKS_WITH_UNKNOWN_EMAILS is set); it ignores this key and
   * gives the annotations to the user who imports.
   */
  slant_annotator: string;
};

export type LabelStudioTask = {
  id: number;
  data: {
    text: string;
    title: string;
    slant_id: string;
    author: string;
    outlet: string;
    source_url: string;
    published_on: string;
    topic: string;
    text_hash: string;
    created_at: string;
    updated_at: string;
    /** What the regions' start/end count (the manifest's `offsets`): Slant's importer reads it. */
    slant_offsets: ExportOffsets;
  };
  annotations: LabelStudioAnnotation[];
};

function spanResults(s: ExportSpan, place: (s: ExportSpan) => { start: number; end: number }): LabelStudioResult[] {
  const range = place(s);
  const results: LabelStudioResult[] = [
    { id: s.id, from_name: 'label', to_name: 'text', type: 'labels', value: { ...range, text: s.text, labels: [labelName(s.label)] } },
  ];
  // Empty values are left out: an empty per-region textarea is what "no speaker" looks like in Label Studio.
  if (s.speaker) results.push({ id: s.id, from_name: 'speaker', to_name: 'text', type: 'textarea', value: { ...range, text: [s.speaker] } });
  if (s.note) results.push({ id: s.id, from_name: 'note', to_name: 'text', type: 'textarea', value: { ...range, text: [s.note] } });
  if (s.verdict) results.push({ id: s.id, from_name: 'verdict', to_name: 'text', type: 'choices', value: { ...range, choices: [s.verdict] } });
  return results;
}

export function labelStudioTask(a: ExportArticle, id: number, offsets: ExportOffsets = 'unicode-code-points'): LabelStudioTask {
  const place = spanPlacer(a.text, offsets);
  return {
    id,
    data: {
      text: a.text,
      title: a.title,
      slant_id: a.id,
      author: a.author,
      outlet: a.outlet,
      source_url: a.sourceUrl,
      published_on: a.publishedOn,
      topic: a.topic,
      text_hash: a.textHash,
      created_at: a.createdAt,
      updated_at: a.updatedAt,
      slant_offsets: offsets,
    },
    annotations: spansByAnnotator(a.spans).map((group) => ({
      result: group.spans.flatMap((s) => spanResults(s, place)),
      ground_truth: group.annotator === GOLD,
      slant_annotator: group.annotator,
    })),
  };
}

/** Spans whose UTF-16 offsets differ from their code point offsets: those a tool counting the other unit shows shifted. */
export function shiftedSpanCount(a: ExportArticle): number {
  const index = new CodePointIndex(a.text);
  if (index.isBmpOnly) return 0;
  return a.spans.filter((s) => index.toUtf16(s.start) !== s.start || index.toUtf16(s.end) !== s.end).length;
}

export const labelStudio: FormatWriter = {
  contentType: 'application/json',
  fileExtension: 'json',
  async *write({ manifest, articles }) {
    // A JSON array written piece by piece: "[", tasks separated by ",", "]".
    yield utf8('[');
    let n = 0;
    const shifted = shiftTally(manifest, 'Label Studio', 'unicode-code-points');
    for await (const article of articles) {
      n++;
      shifted.add(article);
      yield utf8((n > 1 ? ',\n' : '\n') + toJson(labelStudioTask(article, n, manifest.offsets)));
    }
    yield utf8(n ? '\n]\n' : ']\n');
    shifted.warn();
  },
};

/**
 * For a tool whose editor counts `toolCounts` (doccano: UTF-16 code units; Label Studio: code
 * points): counts, article by article, the spans an export in the other unit puts where the tool
 * will show them shifted, and adds the manifest warning at the end.
 */
export function shiftTally(manifest: ExportManifest, tool: string, toolCounts: ExportOffsets) {
  let spans = 0;
  let articles = 0;
  return {
    add(article: ExportArticle) {
      if (manifest.offsets === toolCounts) return;
      const shifted = shiftedSpanCount(article);
      if (shifted) {
        spans += shifted;
        articles++;
      }
    },
    warn() {
      if (!spans) return;
      const [written, counted] = toolCounts === 'utf-16-code-units' ? ['code points, as everywhere in Slant', 'UTF-16 code units'] : ['UTF-16 code units, as asked', 'code points (since version 1.6)'];
      addWarning(
        manifest,
        `${tool}: ${spans} span(s) in ${articles} article(s) come after characters outside the Basic Multilingual Plane (such as emoji). ` +
          `Their offsets count ${written}, but ${tool}'s editor counts ${counted}, so it shows them shifted. ` +
          `Export with ${toolCounts === 'utf-16-code-units' ? 'UTF-16' : 'code point'} offsets to edit them there.`,
      );
    },
  };
}

/** A span's start and end in the export's unit: as stored (code points), or converted to UTF-16 code units. */
export function spanPlacer(text: string, offsets: ExportOffsets): (s: { start: number; end: number }) => { start: number; end: number } {
  if (offsets === 'unicode-code-points') return (s) => ({ start: s.start, end: s.end });
  const index = new CodePointIndex(text);
  if (index.isBmpOnly) return (s) => ({ start: s.start, end: s.end });
  return (s) => ({ start: index.toUtf16(s.start), end: index.toUtf16(s.end) });
}
