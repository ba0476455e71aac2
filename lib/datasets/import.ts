import { z } from 'zod';
import { speakerKey } from '../agreement';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { DomainError, invalid, parseOrThrow } from '../errors';
import { readDataset, IMPORT_FORMATS, type ImportedSpan, type ReadProblem } from '../formats/read/model';
import { placeName, whereIn, type Place } from '../formats/read/record';
import { hashText } from '../import/canonical';
import { validateDraft } from '../import';
import { titleFromBody } from '../import/scraped-text';
import type { Label } from '../labels';
import { projectFor } from '../projects/service';
import { IMPORT_REFUSED_MESSAGE, mayImportInto } from './targets';
import { resolveLabels, type LabelChoice } from './labels';
import { writeImportedRecords, type ImportedRecord, type ImportTarget, type WritePath } from './write';

/** Dataset files may be larger than single articles; the limit is stated in every refusal. */
export const MAX_DATASET_BYTES = 50 * 1024 * 1024;

/** Raw label in the file → Slant label, or 'skip' to leave its spans out. */
export const labelMapSchema = z.record(
  z.string(),
  z.enum(['claim', 'opinion', 'sourced_quote', 'skip'], { error: 'map each label to claim, opinion, sourced_quote or skip' }),
  { error: "send a JSON object from the file's label names to claim, opinion, sourced_quote or skip" },
);

export const datasetOptionsSchema = z.object({
  format: z.enum(IMPORT_FORMATS).optional(),
  /** 'gold' (the article is adjudicated with these spans) or the e-mail of a project member. */
  layer: z.string().trim().min(1).default('gold'),
  labelMap: labelMapSchema.default({}),
  /** Import the valid records and list the rest, instead of all or nothing. */
  validOnly: z.boolean().default(false),
  allowDuplicates: z.boolean().default(false),
  /**
   * Whose spans to take from a file that holds several annotators' (e.g. a Slant export of every
   * layer): the name the file gives them, 'gold' for its gold layer, '' for spans it names no one for.
   */
  from: z.string().trim().optional(),
  dryRun: z.boolean().default(false),
});
export type DatasetOptions = z.input<typeof datasetOptionsSchema>;

export type DatasetOutcome = {
  dryRun: boolean;
  imported: { articles: number; spans: number };
  skipped: { records: number; spans: number };
  labels: { raw: string; mappedTo: LabelChoice | null; spans: number }[];
  /** The annotators the file's spans name ('' for none), with their spans, in code-unit order. */
  annotators: { name: string; spans: number }[];
  /** Articles left out because the annotator chosen with `from` has no span in them. */
  leftOut: number;
  /** Spans repeated in one article (same label, place and, for a quote, speaker): imported once. */
  duplicateSpans: number;
  /** Spans over nothing but spaces and line breaks: they mark no text, and are left out. */
  blankSpans: number;
  /** Articles imported without any span: they arrive open, to be annotated (not adjudicated, not submitted). */
  openArticles: number;
  problems: ReadProblem[];
};

type ImportedSpanFields = { label: Label; start: number; end: number; note: string; speaker: string };

/**
 * A record's spans with their Slant labels, each distinct span once: a file may repeat a span
 * (an export of every layer holds each annotator's copy), and one layer never holds the same
 * span twice, as the review never puts a span into gold twice. A repeat's note is kept when the
 * first had none. A span over blank text is left out. Returns the spans and how many repeats were
 * merged, spans of skipped labels left out, and blank spans left out.
 */
export function distinctSpans(
  spans: readonly ImportedSpan[],
  mapping: ReadonlyMap<string, LabelChoice>,
): { spans: ImportedSpanFields[]; repeats: number; skipped: number; blank: number } {
  const byKey = new Map<string, ImportedSpanFields>();
  let repeats = 0;
  let skipped = 0;
  let blank = 0;
  for (const s of spans) {
    if (s.blank) {
      blank++;
      continue;
    }
    const label = mapping.get(s.label);
    if (!label || label === 'skip') {
      skipped++;
      continue;
    }
    // One person however the name is typed, as gold compares speakers (`sameGold`).
    const speaker = label === 'sourced_quote' ? speakerKey(s.speaker) : '';
    const key = `${label}\u0000${s.start}\u0000${s.end}\u0000${speaker}`;
    const earlier = byKey.get(key);
    if (earlier) {
      repeats++;
      if (!earlier.note && s.note) earlier.note = s.note;
      continue;
    }
    byKey.set(key, { label: label as Label, start: s.start, end: s.end, note: s.note ?? '', speaker: s.speaker ?? '' });
  }
  return { spans: [...byKey.values()], repeats, skipped, blank };
}

/** What an annotator hears for a layer that is not their own, whoever's address it is. */
export const notYourLayer = (layer: string) => `Annotators import only into their own annotations: "${layer.slice(0, 200)}" is not your e-mail address.`;

const annotatorName = (name: string) => (name === '' ? 'spans naming no annotator' : `"${name}"`);

/**
 * The spans of one annotator of the file. A layer holds one annotator's work, so a file with
 * several annotators' spans needs `from` to say whose; without it nothing is imported.
 */
function spansFrom(fileName: string, read: ReturnType<typeof readDataset>, from: string | undefined) {
  const counts = new Map<string, number>();
  for (const a of read.articles) for (const s of a.spans) counts.set(s.annotator ?? '', (counts.get(s.annotator ?? '') ?? 0) + 1);
  const annotators = [...counts].map(([name, spans]) => ({ name, spans })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const listed = annotators.map((a) => `${annotatorName(a.name)}: ${a.spans}`).join(', ');
  if (from === undefined) {
    if (annotators.length <= 1) return { articles: read.articles, annotators, problem: null, leftOut: 0 };
    return {
      articles: read.articles,
      annotators,
      problem: `${fileName}: its spans come from ${annotators.length} annotators (${listed}), and one layer holds one annotator's spans; choose whose to import ("from").`,
      leftOut: 0,
    };
  }
  if (!counts.has(from)) {
    return { articles: read.articles, annotators, problem: `${fileName}: no spans come from ${annotatorName(from)} (the file has ${listed || 'no spans'}).`, leftOut: 0 };
  }
  // Only the articles this annotator worked on: the rest would arrive as finished work with
  // nothing in it (adjudicated with empty gold, or submitted without a span).
  const theirs = read.articles.map((a) => ({ ...a, spans: a.spans.filter((s) => (s.annotator ?? '') === from) }));
  const articles = theirs.filter((a) => a.spans.length > 0);
  return { articles, annotators, problem: null, leftOut: theirs.length - articles.length };
}

/**
 * Imports a dataset file (Slant JSONL, doccano, Label Studio, CSV) into a project. Everything is
 * checked before anything is written, then written in one transaction (see `writeImportedRecords`):
 * every record or none, unless `validOnly` asks for the valid ones with the rest listed.
 */
export async function importDataset(
  db: Db,
  actor: Actor,
  args: { projectId: string; fileName: string; content: string | Uint8Array; options: unknown; /** Tests force the portable path on SQLite. */ writePath?: WritePath },
): Promise<DatasetOutcome> {
  const options = parseOrThrow(datasetOptionsSchema, args.options);
  const { project } = await projectFor(db, actor, { projectId: args.projectId, action: 'article.import' });
  const size = typeof args.content === 'string' ? Buffer.byteLength(args.content) : args.content.byteLength;
  if (size > MAX_DATASET_BYTES) {
    throw new DomainError(413, `${args.fileName}: the file is ${size} bytes; the limit for a dataset is ${MAX_DATASET_BYTES / 1024 / 1024} MB.`);
  }
  let target: ImportTarget = { kind: 'gold' };
  if (options.layer !== 'gold') {
    const user = await db.user.findFirst({
      where: { email: options.layer.toLowerCase(), deletedAt: null, memberships: { some: { projectId: project.id } } },
    });
    // An annotator imports only into their own layer, and hears the same about every other
    // address: told "not a member" apart, they could test guessed addresses against the members.
    if (!mayImportInto(actor, { kind: 'gold' }) && user?.id !== actor.id) throw new DomainError(403, notYourLayer(options.layer));
    if (!user) throw invalid(`layer: "${options.layer}" is not gold or the e-mail of a member of this project.`);
    target = { kind: 'annotator', userId: user.id };
  }
  if (!mayImportInto(actor, target)) throw new DomainError(403, IMPORT_REFUSED_MESSAGE);
  const read = readDataset({ fileName: args.fileName, content: args.content, format: options.format });
  const chosen = spansFrom(args.fileName, read, options.from);
  const articles = chosen.articles;
  const labels = read.labels.filter((raw) => articles.some((a) => a.spans.some((s) => s.label === raw)));
  const problems = [...read.problems];
  const { mapping, unmapped } = resolveLabels(labels, options.labelMap);
  for (const raw of unmapped) {
    problems.push({ file: args.fileName, field: 'label', message: `${args.fileName}: label "${raw}" has no Slant label; map it (or choose skip).` });
  }
  // Records with spans of an unmapped label are invalid; with validOnly they are listed, not imported.
  const spanCounts = new Map<string, number>();
  const usable = articles.filter((a) => {
    for (const s of a.spans) spanCounts.set(s.label, (spanCounts.get(s.label) ?? 0) + 1);
    return a.spans.every((s) => mapping.has(s.label));
  });
  const drafts = usable.map((read) => {
    // A record without a title gets the one the article import proposes: its first sentence, on one line.
    const a = { ...read, title: read.title || titleFromBody(read.text) };
    const problems = validateDraft(a);
    return { ...a, problems, textHash: problems.length ? '' : hashText(a.text) };
  });
  // Named as the reader names the record ("row 5 (line 15)", "record 3 (line 40)"), so one record
  // is called the same in every message about it.
  const recordProblem = (d: { place: Place }, detail: string): ReadProblem => {
    const p: ReadProblem = { file: args.fileName, message: `${whereIn(args.fileName, d.place)}: ${detail}` };
    if (d.place.line !== undefined) p.line = d.place.line;
    if (d.place.record !== undefined) p.record = d.place.record;
    return p;
  };
  for (const d of drafts.filter((d) => d.problems.length)) problems.push(recordProblem(d, d.problems.join(' ')));
  let valid = drafts.filter((d) => d.problems.length === 0);
  if (!options.allowDuplicates) {
    const hashes = valid.map((d) => d.textHash);
    // The article already there is named, not the record: the record's title may differ, or be made up.
    const existing = new Map<string, { id: string; title: string }>();
    // No orderBy: with one, Prisma cannot split a long IN list (10,000 hashes) into queries under
    // the database's limit on bound parameters, and refuses it (P2029). The first in queue order is
    // picked here instead.
    const found = await db.article.findMany({
      where: { projectId: project.id, textHash: { in: hashes }, deletedAt: null },
      select: { id: true, title: true, textHash: true, position: true },
    });
    found.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const a of found) if (!existing.has(a.textHash)) existing.set(a.textHash, { id: a.id, title: a.title });
    for (const d of valid) {
      const there = existing.get(d.textHash);
      if (there) problems.push(recordProblem(d, `the same text is already in this project, as “${there.title}” (article ${there.id}).`));
    }
    valid = valid.filter((_, i) => !existing.has(hashes[i]));
    // The same text twice in the file: the first is imported, each repeat is a problem.
    const first = new Map<string, (typeof valid)[number]>();
    valid = valid.filter((d) => {
      const earlier = first.get(d.textHash);
      if (!earlier) {
        first.set(d.textHash, d);
        return true;
      }
      problems.push(recordProblem(d, `the same text as ${placeName(earlier.place) ?? `“${earlier.title}”`} of the file.`));
      return false;
    });
  }
  if (read.articles.length === 0 && problems.length === 0) problems.push({ file: args.fileName, message: `${args.fileName}: no articles found.` });
  const outcome: DatasetOutcome = {
    dryRun: options.dryRun,
    imported: { articles: 0, spans: 0 },
    // A bad record may carry several problems: count each record once.
    skipped: { records: articles.length - valid.length + new Set(read.problems.filter((p) => p.line !== undefined || p.record !== undefined).map((p) => `${p.line}:${p.record}`)).size, spans: 0 },
    labels: labels.map((raw) => ({ raw, mappedTo: mapping.get(raw) ?? null, spans: spanCounts.get(raw) ?? 0 })),
    annotators: chosen.annotators,
    leftOut: chosen.leftOut,
    duplicateSpans: 0,
    blankSpans: 0,
    openArticles: 0,
    problems,
  };
  // Whose spans to take is a choice about the whole file: no record is valid without it.
  if (chosen.problem) {
    problems.push({ file: args.fileName, field: 'from', message: chosen.problem });
    throw new DomainError(422, `Nothing was imported: ${chosen.problem}`, outcome);
  }
  const firstProblems = problems.slice(0, 5).map((p) => p.message).join(' ');
  if (problems.length && !options.validOnly) {
    throw new DomainError(422, `Nothing was imported: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${args.fileName}. ${firstProblems}`, outcome);
  }
  // Asked for the valid records, and there are none: importing nothing is no success to report
  // (the form would show it in green and forget the file, the command line would exit 0).
  if (valid.length === 0) {
    throw new DomainError(422, `No record in ${args.fileName} is valid: nothing was imported. ${firstProblems}`.trim(), outcome);
  }
  const records: ImportedRecord[] = valid.map((a) => {
    const { spans, repeats, skipped, blank } = distinctSpans(a.spans, mapping);
    outcome.duplicateSpans += repeats;
    outcome.blankSpans += blank;
    outcome.skipped.spans += skipped;
    return {
      title: a.title,
      author: a.author,
      outlet: a.outlet,
      sourceUrl: a.sourceUrl,
      publishedOn: a.publishedOn,
      topic: a.topic,
      text: a.text,
      textHash: a.textHash,
      spans,
    };
  });
  outcome.openArticles = records.filter((r) => r.spans.length === 0).length;
  if (options.dryRun) {
    outcome.imported = { articles: records.length, spans: records.reduce((n, r) => n + r.spans.length, 0) };
    return outcome;
  }
  outcome.imported = await writeImportedRecords(db, actor, {
    projectId: project.id,
    fileName: args.fileName,
    layer: options.layer,
    target,
    records,
    path: args.writePath,
    refuseDuplicates: !options.allowDuplicates,
  });
  return outcome;
}
