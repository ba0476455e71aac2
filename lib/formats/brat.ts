import { CodePointIndex } from '../anchoring/code-points';
import { isBlank } from '../anchoring/snap';
import { LABELS, type Label } from '../labels';
import { escapeLine, isLineBreak, toJson } from './encoding';
import { addWarning, articleMetadata, completeManifest, labelName, sortedSpans, type ArticleMetadata, type ExportArticle, type ExportSpan } from './model';
import type { FormatWriter } from './writer';
import { zipTime, ZipSink } from './zip-sink';

/*
 * brat standoff, always a ZIP: annotation.conf and visual.conf, then per article <id>.txt (the
 * text), <id>.ann and <id>.json (the article's metadata, which brat has no place for; brat lists
 * only .txt documents, so it ignores it), then manifest.json with the final counts. brat reads the .txt into a
 * Python string, so its character offsets are code points, like Slant's.
 *
 *   T1<TAB>Claim 10 42<TAB>span text           one text-bound annotation per span
 *   T2<TAB>Opinion 5 9;10 20<TAB>first second  a span over a line break: one fragment per line
 *   A1<TAB>Verdict T1 accepted                 the reviewer's verdict, an attribute
 *   #1<TAB>AnnotatorNotes T1<TAB>Speaker: Ana  annotator, speaker, note and Slant span id
 */

/** brat type names cannot contain spaces. */
export function bratType(label: Label): string {
  return labelName(label).replace(/ /g, '_');
}

export const NOTE_KEYS = { annotator: 'Annotator', speaker: 'Speaker', note: 'Note', id: 'Slant span' } as const;
/** Between the fields of an entity's one AnnotatorNotes line. */
export const NOTE_SEPARATOR = ' | ';

export function annotationConf(): string {
  return [
    '# Slant export: one entity type per Slant label.',
    '[entities]',
    ...LABELS.map(bratType),
    '',
    '[relations]',
    '# Spans of several annotators (and nested spans) overlap in every way.',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '',
    '[events]',
    '',
    '[attributes]',
    'Verdict\tArg:<ENTITY>, Value:accepted|rejected|edited',
    '',
  ].join('\n');
}

export function visualConf(): string {
  return ['[labels]', ...LABELS.map((l) => `${bratType(l)} | ${labelName(l)}`), '', '[drawing]', ...LABELS.map((l) => `${bratType(l)}\tbgColor:${LABEL_COLORS[l]}`), ''].join('\n');
}

// Same backgrounds as the Slant editor (lib/labels.ts), so brat looks familiar.
const LABEL_COLORS: Record<Label, string> = { claim: '#b5c7ff', opinion: '#ffd27a', sourced_quote: '#88f2d0' };

export type Fragment = { start: number; end: number; text: string };

/**
 * A span's fragments: the span cut at every line break, empty pieces dropped. A .ann line cannot
 * hold a line break, and brat expresses such spans as discontinuous fragments.
 */
export function fragments(index: CodePointIndex, span: Pick<ExportSpan, 'start' | 'end'>): Fragment[] {
  const result: Fragment[] = [];
  let cp = span.start;
  let start = span.start;
  let text = '';
  for (const ch of index.slice(span.start, span.end)) {
    if (isLineBreak(ch)) {
      if (text) result.push({ start, end: cp, text });
      text = '';
      start = cp + 1;
    } else {
      text += ch;
    }
    cp++;
  }
  if (text) result.push({ start, end: cp, text });
  return result;
}

/** The .ann file of one article, plus the spans it could not hold. */
export function annFile(article: ExportArticle): { content: string; unrepresentable: { span: ExportSpan; reason: string }[] } {
  const index = new CodePointIndex(article.text);
  const lines: string[] = [];
  const unrepresentable: { span: ExportSpan; reason: string }[] = [];
  let t = 0;
  let a = 0;
  let note = 0;
  for (const span of sortedSpans(article.spans)) {
    if (!(span.start >= 0 && span.end <= index.length && span.start < span.end)) {
      unrepresentable.push({ span, reason: `its offsets ${span.start}-${span.end} do not lie inside the text (${index.length} code points)` });
      continue;
    }
    const parts = fragments(index, span);
    // brat reads a text field of nothing but spaces as missing and rewrites it from the text.
    if (parts.every((f) => isBlank(f.text))) {
      unrepresentable.push({ span, reason: 'it covers only spaces or line breaks' });
      continue;
    }
    const id = `T${++t}`;
    lines.push(`${id}\t${bratType(span.label)} ${parts.map((f) => `${f.start} ${f.end}`).join(';')}\t${parts.map((f) => f.text).join(' ')}`);
    if (span.verdict) lines.push(`A${++a}\tVerdict ${id} ${span.verdict}`);
    const notes: [string, string][] = [
      [NOTE_KEYS.annotator, span.annotator],
      [NOTE_KEYS.speaker, span.speaker],
      [NOTE_KEYS.note, span.note],
      [NOTE_KEYS.id, span.id],
    ];
    // One AnnotatorNotes line per entity: brat shows, edits and saves only one, so a second line
    // would be overwritten by the first edit made there. Fields are joined by " | ", and a "|"
    // inside a value is written as \u007c, as other characters that would break the line are.
    const fields = notes.filter(([, value]) => value).map(([key, value]) => `${key}: ${escapeLine(value).replaceAll('|', '\\u007c')}`);
    if (fields.length) lines.push(`#${++note}\tAnnotatorNotes ${id}\t${fields.join(NOTE_SEPARATOR)}`);
  }
  return { content: lines.map((l) => l + '\n').join(''), unrepresentable };
}

export type BratArticleMeta = ArticleMetadata;

/** Everything about the article but its text (in .txt) and spans (in .ann). */
export const articleMeta = articleMetadata;

/** A file name for an article id: ASCII letters, digits, '.', '_' and '-', unique within the archive. */
function fileStem(articleId: string, used: Set<string>): string {
  const base = articleId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'article';
  let stem = base;
  for (let n = 2; used.has(stem.toLowerCase()); n++) stem = `${base}-${n}`;
  // Case-insensitively unique: the archive may be unpacked on macOS or Windows.
  used.add(stem.toLowerCase());
  return stem;
}

export const brat: FormatWriter = {
  contentType: 'application/zip',
  fileExtension: 'zip',
  async *write({ manifest, articles, finalManifest }) {
    const zip = new ZipSink(zipTime(manifest.exportedAt));
    zip.addFile('annotation.conf', annotationConf());
    zip.addFile('visual.conf', visualConf());
    yield* zip.drain();
    const used = new Set<string>(['annotation', 'visual', 'manifest']);
    for await (const article of articles) {
      const stem = fileStem(article.id, used);
      const ann = annFile(article);
      for (const { span, reason } of ann.unrepresentable) {
        addWarning(manifest, `brat: span ${span.id} (${span.label}, article ${article.id}, ${span.annotator}) was left out because ${reason}.`);
      }
      zip.addFile(`${stem}.txt`, article.text);
      zip.addFile(`${stem}.ann`, ann.content);
      zip.addFile(`${stem}.json`, toJson(articleMeta(article), 2) + '\n');
      yield* zip.drain();
    }
    zip.addFile('manifest.json', toJson(completeManifest(manifest, finalManifest()), 2) + '\n');
    zip.end();
    yield* zip.drain();
  },
};
