import { parseLooseDate } from '../../import/dates';
import { oneLine } from '../../import/canonical';
import type { ImportedArticle, ImportedSpan, ReadProblem, ReadResult } from './model';
import { TextMap } from './text-map';

/** Where a record sits in its file; what every problem about it names. */
export type Place = { line?: number; record?: number; kind: 'line' | 'array' | 'row' | 'file' };

export type PlainObject = Record<string, unknown>;

export function isObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasKey(obj: PlainObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** What a value is, for messages: 'a number (5)', 'an array', 'null', ... */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string (${quote(value)})`;
  if (typeof value === 'number' || typeof value === 'boolean') return `a ${typeof value} (${String(value)})`;
  return `a ${typeof value}`;
}

/** A string for a message: JSON-quoted (so line breaks show), cut to `max` code points. */
export function quote(value: string, max = 40): string {
  // Only the head is needed; a span text may be a whole article.
  const chars = Array.from(value.slice(0, 2 * max + 2));
  const head = JSON.stringify(chars.length > max ? chars.slice(0, max - 1).join('') + '…' : value);
  // Spaces other than U+0020 and invisible characters are written as escapes: "a\u00a0b" and
  // "a b" would otherwise look the same in a message saying they differ.
  return head.replace(/[\s\p{Cf}]/gu, (ch) => (ch === ' ' ? ch : `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`));
}

/**
 * A record's place as every message names it: "line 4" (JSONL), "record 3 (line 40)" (a JSON
 * array), "row 5 (line 15)" (CSV, whose quoted fields may span lines); undefined for a whole file.
 */
export function placeName(place: Place): string | undefined {
  switch (place.kind) {
    case 'line':
      return `line ${place.line}`;
    case 'array':
      return `record ${place.record}${place.line !== undefined ? ` (line ${place.line})` : ''}`;
    case 'row':
      return `row ${place.record}${place.line !== undefined && place.line !== place.record ? ` (line ${place.line})` : ''}`;
    case 'file':
      return undefined;
  }
}

/** "data.csv row 5 (line 15)": the file and the record's place in it. */
export function whereIn(file: string, place: Place | undefined): string {
  const name = place && placeName(place);
  return name ? `${file} ${name}` : file;
}

/** Collects the problems of one record; the record is imported only if there are none. */
export class RecordContext {
  readonly problems: ReadProblem[] = [];

  constructor(
    readonly file: string,
    readonly place: Place,
  ) {}

  get where(): string {
    return whereIn(this.file, this.place);
  }

  problem(field: string | undefined, detail: string): void {
    const p: ReadProblem = { file: this.file, message: `${this.where}: ${field ? `${field}: ` : ''}${detail}` };
    if (this.place.line !== undefined) p.line = this.place.line;
    if (this.place.record !== undefined) p.record = this.place.record;
    if (field) p.field = field;
    this.problems.push(p);
  }

  get failed(): boolean {
    return this.problems.length > 0;
  }

  /**
   * A string field that may be absent: undefined for missing or null (other tools write null for
   * "no value"), a problem for anything that is not a string.
   */
  optionalString(obj: PlainObject, key: string, path = key): string | undefined {
    if (!hasKey(obj, key)) return undefined;
    const value = obj[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    this.problem(path, `must be a string (it is ${describeValue(value)})`);
    return undefined;
  }

  /** An id: a string or a number. */
  optionalId(obj: PlainObject, key: string, path = key): string | undefined {
    const value = obj[key];
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return this.optionalString(obj, key, path);
  }

  /** The article text: required, a string, not blank. */
  text(value: unknown, path: string): TextMap | undefined {
    if (value === undefined || value === null) {
      this.problem(path, 'is missing; every record needs the article text');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.problem(path, `must be a string (it is ${describeValue(value)})`);
      return undefined;
    }
    const map = new TextMap(value);
    if (map.canonical.trim() === '') {
      this.problem(path, 'is empty');
      return undefined;
    }
    return map;
  }
}

export type Metadata = Pick<ImportedArticle, 'title' | 'author' | 'outlet' | 'sourceUrl' | 'publishedOn' | 'topic'>;

/** The keys each metadata field is looked up under, in order of preference. */
export const METADATA_KEYS: Record<keyof Metadata, readonly string[]> = {
  title: ['title', 'headline'],
  author: ['author', 'byline'],
  outlet: ['outlet', 'publisher'],
  sourceUrl: ['sourceUrl', 'source_url', 'url', 'link'],
  publishedOn: ['publishedOn', 'published_on', 'published', 'date'],
  topic: ['topic'],
};

/** 'YYYY-MM-DD' when the date is readable, else the value as given (trimmed) for the caller to judge. */
export function normaliseDate(value: string): string {
  const trimmed = oneLine(value);
  return parseLooseDate(trimmed, { whole: true }) || trimmed;
}

/**
 * Metadata from one or more objects (e.g. a record and its `meta`), each named by the path
 * prefix problems should use. The first non-blank value wins; non-string values are problems.
 */
export function readMetadata(ctx: RecordContext, sources: { obj: PlainObject; prefix: string }[]): Metadata {
  const out: Metadata = { title: '', author: '', outlet: '', sourceUrl: '', publishedOn: '', topic: '' };
  for (const field of Object.keys(METADATA_KEYS) as (keyof Metadata)[]) {
    for (const { obj, prefix } of sources) {
      for (const key of METADATA_KEYS[field]) {
        const value = ctx.optionalString(obj, key, prefix + key);
        if (value !== undefined && out[field] === '' && value.trim() !== '') out[field] = oneLine(value);
      }
    }
  }
  out.publishedOn = normaliseDate(out.publishedOn);
  return out;
}

/** Accumulates records into a ReadResult. */
export class ResultBuilder {
  private readonly articles: ImportedArticle[] = [];
  private readonly problems: ReadProblem[] = [];

  problem(p: ReadProblem): void {
    this.problems.push(p);
  }

  /** Adds the record's article when the record has no problems, else its problems. */
  add(ctx: RecordContext, article: ImportedArticle | undefined): void {
    if (ctx.failed) this.problems.push(...ctx.problems);
    else if (article) this.articles.push(article);
  }

  result(): ReadResult {
    const labels = new Set<string>();
    for (const a of this.articles) for (const s of a.spans) labels.add(s.label);
    return { articles: this.articles, problems: this.problems, labels: [...labels].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
  }
}

/** The article record Slant imports; optional fields are only set when they have a value. */
export function makeArticle(args: { place: Place; metadata: Metadata; map: TextMap; spans: ImportedSpan[]; externalId?: string }): ImportedArticle {
  const article: ImportedArticle = { ...args.metadata, text: args.map.canonical, spans: args.spans, place: args.place };
  if (args.place.line !== undefined) article.sourceLine = args.place.line;
  if (args.externalId !== undefined && args.externalId !== '') article.externalId = args.externalId;
  return article;
}
