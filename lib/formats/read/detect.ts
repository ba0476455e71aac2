import { jsonRecords, type JsonRecord } from './json-records';
import { isLabelStudioMin } from './label-studio';
import type { ImportFormat } from './model';
import { isObject } from './record';

/*
 * Which reader a file needs, when the caller does not say: CSV by extension or by content that
 * is not JSON; otherwise the first records decide (Slant's `type` lines, Label Studio's `data`,
 * doccano's label lists), and only when they say nothing does the extension decide.
 */

const SAMPLE = 50;

function extension(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** True when the file is to be read as CSV: a .csv name, or content that does not start like JSON. */
export function isCsvFile(fileName: string, text: string): boolean {
  const ext = extension(fileName);
  if (ext === 'csv') return true;
  if (ext === 'json' || ext === 'jsonl' || ext === 'ndjson') return false;
  const first = text.replace(/^\ufeff/, '').trimStart()[0];
  return first !== undefined && first !== '[' && first !== '{';
}

/** The format one record belongs to, if it shows. */
function formatOf(value: unknown): ImportFormat | undefined {
  if (!isObject(value)) return undefined;
  const type = value['type'];
  if (type === 'manifest' || type === 'article' || type === 'summary') return 'slant-jsonl';
  if (isObject(value['data'])) return 'label-studio';
  const annotations = value['annotations'];
  if (Array.isArray(annotations) && annotations.some((a) => isObject(a) && 'result' in a)) return 'label-studio';
  if (Array.isArray(value['spans'])) return 'slant-jsonl';
  if (isLabelStudioMin(value)) return 'label-studio';
  if (['label', 'labels', 'entities', 'annotations'].some((k) => Array.isArray(value[k]))) return 'doccano';
  return undefined;
}

/** The format the first records show, or undefined when none of them is telling. */
export function classifyRecords(records: readonly JsonRecord[]): ImportFormat | undefined {
  for (const record of records.slice(0, SAMPLE)) {
    const format = formatOf(record.value);
    if (format) return format;
  }
  return undefined;
}

/** The format by extension alone, for JSON files whose records do not tell. */
export function formatByName(fileName: string): ImportFormat {
  const ext = extension(fileName);
  if (ext === 'csv') return 'csv';
  // Records of bare {"text": ...} read the same with either JSONL reader; doccano's is the plainer.
  return ext === 'json' ? 'label-studio' : 'doccano';
}

/** Works out a file's format from its name and content. */
export function detectFormat(fileName: string, text: string): ImportFormat {
  if (isCsvFile(fileName, text)) return 'csv';
  return classifyRecords(jsonRecords(fileName, text).records) ?? formatByName(fileName);
}
