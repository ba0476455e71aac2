import { readCsv } from './csv';
import { classifyRecords, formatByName, isCsvFile } from './detect';
import { readDoccanoRecords } from './doccano';
import { jsonRecords } from './json-records';
import { readLabelStudioRecords } from './label-studio';
import { readSlantJsonlRecords } from './slant-jsonl';
import { looksLikeUtf16, notUtf8Message } from '../../import/not-utf8';
import type { Place } from './record';

/*
 * Readers for datasets made elsewhere (or exported by Slant) that carry spans. Every reader
 * returns the records it could read in full and one problem per record it could not; a record
 * with any problem is left out of `articles`, and whether to import the rest is the caller's call.
 * Readers never throw on bad input.
 */

export type ImportedSpan = {
  /** Raw label name as found in the file; the caller maps it to a Slant label. */
  label: string;
  /** Unicode code points over the article's (canonical) `text`, `end` exclusive. */
  start: number;
  end: number;
  /** The span's text, when the file carries it: the canonical text at `start..end`. */
  text?: string;
  speaker?: string;
  note?: string;
  /** As named in the file ('gold' for a gold layer), if the file names one. */
  annotator?: string;
  /**
   * The span covers only spaces and line breaks (a stray selection, or a span saved before Slant
   * refused those): it marks no text, so an import leaves it out and counts it.
   */
  blank?: true;
};

export type ImportedArticle = {
  /** Line in the file where the record starts (JSONL line, JSON array element, CSV row). */
  sourceLine?: number;
  /** Where the record is, for messages about it after reading (`whereIn`), named as the reader names it. */
  place: Place;
  title: string;
  author: string;
  outlet: string;
  sourceUrl: string;
  publishedOn: string;
  topic: string;
  /** Canonical text (see `canonicalText`). */
  text: string;
  spans: ImportedSpan[];
  /** The record's id in the file, if it has one. */
  externalId?: string;
};

/**
 * One problem: `message` names the file, the place and the problem, e.g.
 * "data.jsonl line 4: label[1]: end 900 is beyond the text's length of 512".
 * `line` is the 1-based line the record starts on; `record` the 1-based position of the record
 * in a JSON array, or the CSV row (the header is row 1).
 */
export type ReadProblem = { file: string; line?: number; record?: number; field?: string; message: string };

export type ReadResult = {
  articles: ImportedArticle[];
  problems: ReadProblem[];
  /** Distinct raw labels of the spans in `articles`, in code-unit order. */
  labels: string[];
};

export const IMPORT_FORMATS = ['slant-jsonl', 'doccano', 'label-studio', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

function decode(fileName: string, content: string | Uint8Array): { text: string } | { problem: ReadProblem } {
  if (typeof content === 'string') return { text: content.charCodeAt(0) === 0xfeff ? content.slice(1) : content };
  try {
    // fatal: a file that is not UTF-8 would otherwise come through with U+FFFD in place of its characters.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    // UTF-16 of plain ASCII without a byte order mark is valid UTF-8, a NUL beside every letter.
    if (text.includes('\u0000') && looksLikeUtf16(content)) return { problem: { file: fileName, message: `${fileName}: ${notUtf8Message(content)}` } };
    return { text };
  } catch {
    return { problem: { file: fileName, message: `${fileName}: ${notUtf8Message(content)}` } };
  }
}

/**
 * Reads a dataset file. Without `format`, the format is worked out from the file's extension
 * and content (see `detectFormat`).
 */
export function readDataset(args: { fileName: string; content: string | Uint8Array; format?: ImportFormat }): ReadResult {
  const { fileName } = args;
  const decoded = decode(fileName, args.content);
  if ('problem' in decoded) return { articles: [], problems: [decoded.problem], labels: [] };
  const text = decoded.text;
  if (args.format === 'csv' || (!args.format && isCsvFile(fileName, text))) return readCsv(fileName, text);
  // The JSON formats share one parse of the file; without a given format its records decide.
  const source = jsonRecords(fileName, text);
  const format = args.format ?? classifyRecords(source.records) ?? formatByName(fileName);
  switch (format) {
    case 'slant-jsonl':
      return readSlantJsonlRecords(source);
    case 'label-studio':
      return readLabelStudioRecords(source);
    default:
      return readDoccanoRecords(source);
  }
}
