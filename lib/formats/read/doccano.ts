import type { ImportedArticle, ImportedSpan, ReadResult } from './model';
import { jsonRecords, recordObject, type JsonSource } from './json-records';
import { describeValue, isObject, makeArticle, readMetadata, RecordContext, ResultBuilder, type PlainObject } from './record';
import { checkSpan, recordUnits, type SpanInput } from './span-check';
import type { TextMap } from './text-map';

/*
 * doccano's sequence-labelling JSONL, in the shapes its versions write:
 *   {"text": ..., "label": [[start, end, "LABEL"], ...]}            (doccano 1.x+, also "labels")
 *   {"text": ..., "entities": [{"start_offset", "end_offset", "label"}]}   (relation export)
 *   {"text": ..., "annotations": [{"start_offset", "end_offset", "label", "user"}]}   (doccano 1.0)
 * Metadata is read from the record or its `meta`. Slant's own doccano export (lib/formats/doccano.ts)
 * adds `meta.spans`, an entry per span with its start, end and label (which pair it with its span,
 * in whatever order doccano gives them back) and its text, checked against the offsets, annotator,
 * layer, speaker and note, which are kept.
 */

const GOLD = 'gold';
const SPAN_KEYS = ['label', 'labels', 'entities', 'annotations'] as const;

function spanInput(ctx: RecordContext, field: string, element: unknown): SpanInput | undefined {
  if (Array.isArray(element)) {
    if (element.length < 3) {
      ctx.problem(field, `expected [start, end, label], but it has ${element.length} item${element.length === 1 ? '' : 's'}`);
      return undefined;
    }
    return { start: element[0], end: element[1], label: element[2] };
  }
  if (isObject(element)) {
    const user = element['user'];
    const annotator = typeof user === 'number' && Number.isFinite(user) ? String(user) : typeof user === 'string' ? user : undefined;
    return {
      start: 'start_offset' in element ? element['start_offset'] : element['start'],
      end: 'end_offset' in element ? element['end_offset'] : element['end'],
      label: element['label'],
      text: element['text'],
      annotator,
    };
  }
  const hint = typeof element === 'string' ? ' (a text-classification label, not a span)' : '';
  ctx.problem(field, `expected [start, end, label], but found ${describeValue(element)}${hint}`);
  return undefined;
}

/** Slant's per-span details from `meta.spans[i]`, when it is there. */
function slantDetails(ctx: RecordContext, meta: unknown, i: number): Partial<SpanInput> {
  const entry = isObject(meta) ? meta : undefined;
  if (!entry) return {};
  const path = `meta.spans[${i}]`;
  const annotator = ctx.optionalString(entry, 'annotator', `${path}.annotator`);
  const layer = ctx.optionalString(entry, 'layer', `${path}.layer`);
  const details: Partial<SpanInput> = { text: entry['text'], speaker: entry['speaker'], note: entry['note'] };
  const who = layer === GOLD || annotator === GOLD ? GOLD : annotator;
  if (who) details.annotator = who;
  return details;
}

function readSpans(obj: PlainObject, meta: PlainObject | undefined, map: TextMap | undefined, ctx: RecordContext): ImportedSpan[] {
  const spans: ImportedSpan[] = [];
  const metaSpans = meta && Array.isArray(meta['spans']) ? (meta['spans'] as unknown[]) : undefined;
  for (const key of SPAN_KEYS) {
    const list = obj[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      ctx.problem(key, `must be an array (it is ${describeValue(list)})`);
      continue;
    }
    const described = metaSpans ? describedSpans(list, metaSpans) : undefined;
    const inputs: [string, SpanInput, boolean][] = [];
    list.forEach((element: unknown, i) => {
      const field = `${key}[${i}]`;
      const input = spanInput(ctx, field, element);
      if (!input) return;
      const m = described?.[i];
      const extra = m === undefined ? {} : slantDetails(ctx, metaSpans![m], m);
      inputs.push([field, { ...input, ...withoutUndefined(extra), text: input.text ?? extra.text }, m !== undefined]);
    });
    if (!map) continue;
    // doccano counts UTF-16 code units (its editor measures JavaScript strings); Slant's own
    // doccano export says what it counts in meta.offsets (older ones, recognised by meta.spans,
    // count code points). The declaration holds for the spans meta.spans describes; a span added
    // in doccano afterwards (UTF-16, no text) is read as doccano counts.
    const declared = meta?.['offsets'] === 'utf-16-code-units' ? 'utf-16' : 'code-points';
    const slant = inputs.filter(([, , bySlant]) => bySlant).map(([, input]) => input);
    const others = inputs.filter(([, , bySlant]) => !bySlant).map(([, input]) => input);
    const slantUnits = recordUnits(map, slant, declared);
    const otherUnits = recordUnits(map, others, 'utf-16');
    for (const [field, input, bySlant] of inputs) {
      const span = checkSpan(map, input, field, ctx, { numericLabels: true, units: bySlant ? slantUnits : otherUnits });
      if (span) spans.push(span);
    }
  }
  return spans;
}

/**
 * Which `meta.spans` entry describes each span of `list` (its index), if any. Entries that repeat
 * their start, end and label (Slant's exports since they pair by place) are matched by those, so
 * the pairing survives doccano re-ordering the spans, and then the spans and entries left by
 * start and end alone: a span relabelled in doccano keeps its details (its label is the list's).
 * Older entries, without a place, describe the list entry for entry, and only while it is as
 * long as they are.
 */
function describedSpans(list: unknown[], metaSpans: unknown[]): (number | undefined)[] {
  const placed = metaSpans.every((m) => isObject(m) && typeof m['start'] === 'number' && typeof m['end'] === 'number' && typeof m['label'] === 'string');
  if (!placed) return list.map((_, i) => (metaSpans.length === list.length ? i : undefined));
  const triples = list.map((element) =>
    Array.isArray(element) ? element : isObject(element) ? [element['start_offset'] ?? element['start'], element['end_offset'] ?? element['end'], element['label']] : [],
  );
  const entries = metaSpans.map((m) => [(m as PlainObject)['start'], (m as PlainObject)['end'], (m as PlainObject)['label']]);
  const paired: (number | undefined)[] = list.map(() => undefined);
  const taken = new Set<number>();
  for (const width of [3, 2]) {
    const key = (t: unknown[]) => t.slice(0, width).map(String).join(':');
    const free = new Map<string, number[]>();
    entries.forEach((e, i) => {
      if (!taken.has(i)) free.set(key(e), [...(free.get(key(e)) ?? []), i]);
    });
    triples.forEach((t, i) => {
      if (paired[i] !== undefined) return;
      const m = free.get(key(t))?.shift();
      if (m === undefined) return;
      paired[i] = m;
      taken.add(m);
    });
  }
  return paired;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function readRecord(obj: PlainObject, ctx: RecordContext): ImportedArticle | undefined {
  const map = ctx.text(obj['text'], 'text');
  const meta = isObject(obj['meta']) ? obj['meta'] : undefined;
  const metadata = readMetadata(ctx, meta ? [{ obj, prefix: '' }, { obj: meta, prefix: 'meta.' }] : [{ obj, prefix: '' }]);
  const externalId = ctx.optionalId(obj, 'id');
  const spans = readSpans(obj, meta, map, ctx);
  if (!map || ctx.failed) return undefined;
  return makeArticle({ place: ctx.place, metadata, map, spans, externalId });
}

export function readDoccanoRecords(source: JsonSource): ReadResult {
  const out = new ResultBuilder();
  for (const p of source.problems) out.problem(p);
  for (const record of source.records) {
    const ctx = new RecordContext(source.file, record.place);
    const obj = recordObject(record, ctx);
    out.add(ctx, obj ? readRecord(obj, ctx) : undefined);
  }
  return out.result();
}

/** Reads a doccano sequence-labelling export (JSONL, or a JSON array of the same records). */
export function readDoccano(fileName: string, text: string): ReadResult {
  return readDoccanoRecords(jsonRecords(fileName, text));
}
