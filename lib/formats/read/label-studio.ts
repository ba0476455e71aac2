import type { ImportedArticle, ImportedSpan, ReadResult } from './model';
import { jsonRecords, recordObject, type JsonSource } from './json-records';
import { describeValue, hasKey, isObject, makeArticle, readMetadata, RecordContext, ResultBuilder, type PlainObject } from './record';
import { checkSpan, recordUnits, type OffsetUnits } from './span-check';
import type { TextMap } from './text-map';

/*
 * Label Studio's JSON export: an array of tasks (also one task, or one task per line)
 *   { "id", "data": { "text", ...metadata }, "annotations": [ { "completed_by", "result": [...] } ], "predictions": [...] }
 * Each `labels` result is a span (one per label it carries); `textarea` results named `speaker` or
 * `note` that belong to a region (same `id`, or `parentID` pointing at it) give its speaker and
 * note. Predictions, cancelled annotations and results that are not spans are ignored; span
 * results of other kinds (`hypertextlabels`, `rectanglelabels`, ...) are problems, not silent losses.
 * The flat JSON-MIN export ({ "text", "label": [{start, end, text, labels}], "annotator" }) is read too.
 */

/** Where the article text is looked for in `data`, in order. */
const TEXT_KEYS = ['text', 'content', 'body', 'article'] as const;
const REGION_DETAILS = ['speaker', 'note'] as const;
type RegionDetails = { speaker?: string; note?: string };

function textKey(data: PlainObject): string {
  return TEXT_KEYS.find((k) => data[k] !== undefined && data[k] !== null) ?? 'text';
}

function userName(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value;
  return undefined;
}

/** `completed_by` is a user id in Label Studio's exports (or an object with the e-mail); Slant's own export names the annotator in `slant_annotator`. */
function annotatorOf(value: unknown): string | undefined {
  if (!isObject(value)) return userName(value);
  return userName(value['email']) ?? userName(value['username']) ?? userName(value['id']);
}

/** A textarea's text: Label Studio stores a list (one entry per line the annotator added). */
function detailText(value: unknown, path: string, ctx: RecordContext, separator: string): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(separator);
  ctx.problem(path, `must be text or a list of texts (it is ${describeValue(value)})`);
  return undefined;
}

/** Speaker and note per region id, from the per-region textarea results. */
function regionDetails(results: unknown[], path: string, ctx: RecordContext): Map<string, RegionDetails> {
  const details = new Map<string, RegionDetails>();
  results.forEach((r, i) => {
    if (!isObject(r) || r['type'] === 'labels') return;
    const name = r['from_name'];
    if (name !== 'speaker' && name !== 'note') return;
    const region = typeof r['parentID'] === 'string' ? r['parentID'] : typeof r['id'] === 'string' ? r['id'] : undefined;
    if (region === undefined) return;
    const value = r['value'];
    const text = detailText(isObject(value) ? value['text'] : value, `${path}[${i}].value.text`, ctx, name === 'speaker' ? ' ' : '\n');
    if (text === undefined) return;
    const entry = details.get(region) ?? {};
    entry[name as (typeof REGION_DETAILS)[number]] = text;
    details.set(region, entry);
  });
  return details;
}

/** One span per label of a region. */
function regionSpans(
  value: unknown,
  args: { map: TextMap | undefined; field: string; ctx: RecordContext; units: OffsetUnits; annotator?: string; details?: RegionDetails },
): ImportedSpan[] {
  const { map, field, ctx } = args;
  if (!isObject(value)) {
    ctx.problem(field, `value must be an object with start, end and labels (it is ${describeValue(value)})`);
    return [];
  }
  const labels = value['labels'];
  if (!Array.isArray(labels) || labels.length === 0) {
    ctx.problem(field, `value.labels must be a non-empty list of labels (it is ${Array.isArray(labels) ? 'empty' : describeValue(labels)})`);
    return [];
  }
  if (!map) return [];
  const spans: ImportedSpan[] = [];
  for (const label of labels as unknown[]) {
    const span = checkSpan(
      map,
      { label, start: value['start'], end: value['end'], text: value['text'], speaker: args.details?.speaker, note: args.details?.note, annotator: args.annotator },
      field,
      ctx,
      { units: args.units },
    );
    if (span) spans.push(span);
  }
  return spans;
}

/** Every region's offsets and text in one annotation's results, to tell which unit they count. */
function annotationRegions(results: unknown[]): { start: unknown; end: unknown; text?: unknown }[] {
  return results
    .flatMap((r) => (isObject(r) && isObject(r['value']) && Array.isArray(r['value']['labels']) ? [r['value']] : []))
    .map((v) => ({ start: v['start'], end: v['end'], text: v['text'] }));
}

/**
 * `slantUnits`: what the task's annotations written by Slant count. An annotation made in Label
 * Studio (no `slant_annotator`) counts code points, as Label Studio's editor does, whatever the
 * task says: a region added there to a task Slant exported is Label Studio's, not Slant's.
 */
function readAnnotations(obj: PlainObject, map: TextMap | undefined, ctx: RecordContext, slantUnits: OffsetUnits | undefined): ImportedSpan[] {
  const annotations = obj['annotations'];
  if (annotations === undefined || annotations === null) return [];
  if (!Array.isArray(annotations)) {
    ctx.problem('annotations', `must be an array (it is ${describeValue(annotations)})`);
    return [];
  }
  const spans: ImportedSpan[] = [];
  annotations.forEach((annotation: unknown, a) => {
    const path = `annotations[${a}]`;
    if (!isObject(annotation)) {
      ctx.problem(path, `must be an object (it is ${describeValue(annotation)})`);
      return;
    }
    // A skipped task: Label Studio keeps the (empty) annotation with this flag.
    if (annotation['was_cancelled'] === true) return;
    const results = annotation['result'];
    if (results === undefined || results === null) return;
    if (!Array.isArray(results)) {
      ctx.problem(`${path}.result`, `must be an array (it is ${describeValue(results)})`);
      return;
    }
    const annotator = userName(annotation['slant_annotator']) ?? annotatorOf(annotation['completed_by']);
    // Older Slant exports named the annotator in completed_by.email and wrote no slant_offsets.
    const bySlant = hasKey(annotation, 'slant_annotator') || (slantUnits !== undefined && isObject(annotation['completed_by']));
    const units = recordUnits(map, annotationRegions(results), bySlant && slantUnits ? slantUnits : 'code-points');
    const details = regionDetails(results, `${path}.result`, ctx);
    results.forEach((result: unknown, r) => {
      const field = `${path}.result[${r}]`;
      if (!isObject(result)) {
        ctx.problem(field, `must be an object (it is ${describeValue(result)})`);
        return;
      }
      const type = result['type'];
      const value = result['value'];
      const looksLikeLabels = type === undefined && isObject(value) && Array.isArray(value['labels']);
      if (type === 'labels' || looksLikeLabels) {
        const id = result['id'];
        spans.push(...regionSpans(value, { map, field, ctx, units, annotator, details: typeof id === 'string' ? details.get(id) : undefined }));
      } else if (typeof type === 'string' && type.endsWith('labels')) {
        ctx.problem(field, `"${type}" results are not text spans Slant can import (only "labels" results over plain text are)`);
      }
    });
  });
  return spans;
}

/** The arrays of a JSON-MIN record that hold regions ({start, end, labels}). */
function minRegionLists(obj: PlainObject): [string, unknown[]][] {
  return Object.entries(obj).filter(
    (entry): entry is [string, unknown[]] =>
      Array.isArray(entry[1]) && entry[1].length > 0 && entry[1].every((e) => isObject(e) && Array.isArray(e['labels'])),
  );
}

export function isLabelStudioMin(obj: PlainObject): boolean {
  return !hasKey(obj, 'data') && minRegionLists(obj).length > 0;
}

function readMinRecord(obj: PlainObject, ctx: RecordContext): ImportedArticle | undefined {
  const key = textKey(obj);
  const map = ctx.text(obj[key], key);
  const metadata = readMetadata(ctx, [{ obj, prefix: '' }]);
  const externalId = ctx.optionalId(obj, 'id');
  const annotator = annotatorOf(obj['annotator']);
  const spans: ImportedSpan[] = [];
  const lists = minRegionLists(obj);
  const regions = lists.flatMap(([, list]) => list.filter(isObject).map((r) => ({ start: r['start'], end: r['end'], text: r['text'] })));
  const units = recordUnits(map, regions, 'code-points');
  for (const [name, list] of lists) {
    list.forEach((region, i) => spans.push(...regionSpans(region, { map, field: `${name}[${i}]`, ctx, units, annotator })));
  }
  if (!map || ctx.failed) return undefined;
  return makeArticle({ place: ctx.place, metadata, map, spans, externalId });
}

function readTask(obj: PlainObject, ctx: RecordContext): ImportedArticle | undefined {
  if (!hasKey(obj, 'data')) return readMinRecord(obj, ctx);
  const data = obj['data'];
  if (!isObject(data)) {
    ctx.problem('data', `must be an object holding the task's text (it is ${describeValue(data)})`);
    return undefined;
  }
  const key = textKey(data);
  const map = ctx.text(data[key], `data.${key}`);
  const metadata = readMetadata(ctx, [{ obj: data, prefix: 'data.' }]);
  // Slant's export keeps its own article id beside Label Studio's task number.
  const externalId = ctx.optionalId(data, 'slant_id', 'data.slant_id') ?? ctx.optionalId(obj, 'id');
  // Label Studio counts code points (since 1.6 its editor converts selections to them; older
  // versions counted UTF-16 units, which a region's text still tells apart); Slant's own Label
  // Studio export says what it counts in data.slant_offsets (older ones, recognised by
  // data.slant_id, count code points).
  const declared = data['slant_offsets'];
  const slantUnits = declared === 'utf-16-code-units' ? 'utf-16' : declared === 'unicode-code-points' || hasKey(data, 'slant_id') ? 'code-points' : undefined;
  const spans = readAnnotations(obj, map, ctx, slantUnits);
  if (!map || ctx.failed) return undefined;
  return makeArticle({ place: ctx.place, metadata, map, spans, externalId });
}

export function readLabelStudioRecords(source: JsonSource): ReadResult {
  const out = new ResultBuilder();
  for (const p of source.problems) out.problem(p);
  for (const record of source.records) {
    const ctx = new RecordContext(source.file, record.place);
    const obj = recordObject(record, ctx);
    out.add(ctx, obj ? readTask(obj, ctx) : undefined);
  }
  return out.result();
}

/** Reads a Label Studio JSON export (array of tasks, one task, JSONL of tasks, or JSON-MIN). */
export function readLabelStudio(fileName: string, text: string): ReadResult {
  return readLabelStudioRecords(jsonRecords(fileName, text));
}
