import { plural } from '../../plural';
import type { ImportedArticle, ImportedSpan, ReadProblem, ReadResult } from './model';
import { jsonRecords, recordObject, type JsonSource } from './json-records';
import { describeValue, isObject, makeArticle, readMetadata, RecordContext, ResultBuilder, type PlainObject } from './record';
import { checkSpan } from './span-check';

/*
 * Slant's own JSONL export (lib/formats/jsonl.ts): a manifest line, one line per article with its
 * spans inside, a summary line. Manifest and summary are skipped; lines without a `type` are read
 * as articles, so hand-made files of {"text": ..., "spans": [...]} work too.
 *
 * The summary line is written last, once every article is out, so an export whose manifest line
 * has no summary line after it was cut off (a download that stopped, a file copied while being
 * written): its articles would import as if they were the whole dataset. The summary's article
 * count catches lines lost or added in between.
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

/**
 * An export inside the file, from its manifest line to its summary line. Lines before any manifest
 * line (a hand-made file has none) form one with `manifestLine` undefined, which needs no summary.
 */
type Section = { manifestLine: number | undefined; articleLines: number };

export function readSlantJsonlRecords(source: JsonSource): ReadResult {
  const { file } = source;
  const out = new ResultBuilder();
  for (const p of source.problems) out.problem(p);
  // Lines that are not JSON still stood where article lines were: they count towards the summary's total.
  const unreadable = source.problems.map((p) => p.line).filter((line): line is number => line !== undefined);
  let section: Section | undefined = { manifestLine: undefined, articleLines: 0 };
  let lastLine = 0;
  // No line on these: the problem is the file's, not a record's, so it is not counted as a skipped record.
  const cutOff = (where: string, manifestLine: number) =>
    out.problem({
      file,
      message:
        manifestLine === 1
          ? `${where} before its summary line: it was cut off; download it again.`
          : `${where} before the summary line of the export that starts on line ${manifestLine}: it was cut off; download it again.`,
    });
  for (const record of source.records) {
    const ctx = new RecordContext(file, record.place);
    const line = record.place.line ?? 0;
    const obj = recordObject(record, ctx);
    let article: ImportedArticle | undefined;
    if (section) section.articleLines += unreadable.filter((l) => l > lastLine && l < line).length;
    lastLine = line;
    if (obj) {
      const type = obj['type'];
      if (type === 'manifest') {
        if (section?.manifestLine !== undefined) cutOff(`${file} line ${line}: a new export starts`, section.manifestLine);
        section = { manifestLine: line, articleLines: 0 };
        continue;
      }
      if (type === 'summary') {
        if (section) checkSummary(obj, ctx, section.articleLines, out);
        section = undefined;
        continue;
      }
      if (type !== undefined && type !== null && type !== 'article') {
        ctx.problem('type', `unknown line type ${describeValue(type)}; expected "manifest", "article" or "summary"`);
      } else {
        article = readArticle(obj, ctx);
      }
    }
    if (section) section.articleLines++;
    out.add(ctx, article);
  }
  if (section?.manifestLine !== undefined) cutOff(`${file}: the file ends`, section.manifestLine);
  return out.result();
}

/** The summary's article count, when it gives one, against the article lines its export holds. */
function checkSummary(summary: PlainObject, ctx: RecordContext, articleLines: number, out: ResultBuilder): void {
  const counts = summary['counts'];
  const stated = isObject(counts) ? counts['articles'] : undefined;
  if (typeof stated !== 'number' || stated === articleLines) return;
  out.problem({
    file: ctx.file,
    field: 'counts.articles',
    message: `${ctx.where}: counts.articles: the summary line counts ${plural(stated, 'article')}, but the export holds ${plural(articleLines, 'article line')}: lines were lost or added; download it again.`,
  });
}

/** Reads Slant's JSONL export (or any JSONL / JSON array of article objects with `spans`). */
export function readSlantJsonl(fileName: string, text: string): ReadResult {
  return readSlantJsonlRecords(jsonRecords(fileName, text));
}
