import type { ImportedArticle, ImportedSpan, ReadResult } from './model';
import { jsonRecords, recordObject, type JsonSource } from './json-records';
import { describeValue, isObject, makeArticle, readMetadata, RecordContext, ResultBuilder, type PlainObject } from './record';
import { checkSpan } from './span-check';

/*
 * Slant's own JSONL export (lib/formats/jsonl.ts): a manifest line, one line per article with its
 * spans inside, a summary line. Manifest and summary are skipped; lines without a `type` are read
 * as articles, so hand-made files of {"text": ..., "spans": [...]} work too.
 */

const GOLD = 'gold';

function readArticle(obj: PlainObject, ctx: RecordContext): ImportedArticle | undefined {
  const map = ctx.text(obj['text'], 'text');
  const metadata = readMetadata(ctx, [{ obj, prefix: '' }]);
  const externalId = ctx.optionalId(obj, 'id');
  const rawSpans = obj['spans'];
  const spans: ImportedSpan[] = [];
  if (rawSpans !== undefined && rawSpans !== null && !Array.isArray(rawSpans)) {
    ctx.problem('spans', `must be an array (it is ${describeValue(rawSpans)})`);
  } else if (Array.isArray(rawSpans)) {
    rawSpans.forEach((raw: unknown, i) => {
      const field = `spans[${i}]`;
      if (!isObject(raw)) {
        ctx.problem(field, `must be an object (it is ${describeValue(raw)})`);
        return;
      }
      const annotator = ctx.optionalString(raw, 'annotator', `${field}.annotator`);
      const layer = ctx.optionalString(raw, 'layer', `${field}.layer`);
      if (!map) return;
      const span = checkSpan(
        map,
        {
          label: raw['label'],
          start: raw['start'],
          end: raw['end'],
          text: raw['text'],
          speaker: raw['speaker'],
          note: raw['note'],
          // Gold spans are marked by their layer; the annotator field says 'gold' too in Slant's exports.
          annotator: layer === GOLD || annotator === GOLD ? GOLD : annotator,
        },
        field,
        ctx,
      );
      if (span) spans.push(span);
    });
  }
  if (!map || ctx.failed) return undefined;
  return makeArticle({ place: ctx.place, metadata, map, spans, externalId });
}

export function readSlantJsonlRecords(source: JsonSource): ReadResult {
  const out = new ResultBuilder();
  for (const p of source.problems) out.problem(p);
  for (const record of source.records) {
    const ctx = new RecordContext(source.file, record.place);
    const obj = recordObject(record, ctx);
    let article: ImportedArticle | undefined;
    if (obj) {
      const type = obj['type'];
      if (type === 'manifest' || type === 'summary') continue;
      if (type !== undefined && type !== null && type !== 'article') {
        ctx.problem('type', `unknown line type ${describeValue(type)}; expected "manifest", "article" or "summary"`);
      } else {
        article = readArticle(obj, ctx);
      }
    }
    out.add(ctx, article);
  }
  return out.result();
}

/** Reads Slant's JSONL export (or any JSONL / JSON array of article objects with `spans`). */
export function readSlantJsonl(fileName: string, text: string): ReadResult {
  return readSlantJsonlRecords(jsonRecords(fileName, text));
}
