import { z } from 'zod';
import { jsonErrorReason } from '../formats/read/json-syntax';
import { canonicalText, oneLine } from './canonical';
import { parseLooseDate } from './dates';
import { articleTooLongMessage, countCodePoints, MAX_ARTICLE_CHARS } from './limits';
import { titleFromBody } from './scraped-text';
import type { DraftWithSource, ImportProblem, ImportResult } from './types';
import { cleanSourceUrl, outletFromUrl } from './urls';

// null is accepted because exports from other tools write it for "no value".
const optionalText = z.string().nullish();

/** Also matches Slant's own export lines, which use the same field names and may carry extra ones. */
const lineSchema = z.object({
  text: z.string(),
  title: optionalText,
  author: optionalText,
  outlet: optionalText,
  url: optionalText,
  source_url: optionalText,
  sourceUrl: optionalText,
  date: optionalText,
  published: optionalText,
  publishedOn: optionalText,
  topic: optionalText,
});

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return `a ${typeof value} (${String(value)})`;
  return `a ${typeof value}`;
}

function describeIssues(issues: z.ZodError['issues'], value: Record<string, unknown>): string {
  const messages = issues.map((issue) => {
    const key = issue.path.map(String).join('.');
    if (key === 'text') return `"text" is missing or not a string (it is ${describeValue(value['text'])})`;
    if (key === '') return issue.message;
    return `"${key}" must be a string (it is ${describeValue(value[key])})`;
  });
  return [...new Set(messages)].join('; ');
}

function firstOf(...values: (string | null | undefined)[]): string {
  for (const v of values) if (v !== null && v !== undefined && v.trim() !== '') return v;
  return '';
}

/**
 * A Slant JSONL export's first and last lines (lib/formats/jsonl.ts) describe the export, not an
 * article. People upload an export here to annotate its articles again (in a new project, say):
 * its article lines are articles like any other, so those lines are skipped rather than the file
 * refused. The spans inside the article lines are not what this form imports; the dataset form
 * beside it, "with annotations", is where they go.
 */
const EXPORT_LINE_TYPES = new Set(['manifest', 'summary']);

/**
 * One article per non-blank line. Bad lines become problems with their
 * 1-based line number while the rest still produce drafts; whether a
 * partial import is acceptable is the caller's decision.
 */
export function parseJsonl(text: string, source: string): ImportResult {
  const drafts: DraftWithSource[] = [];
  const problems: ImportProblem[] = [];
  // An export's manifest line waiting for its summary line: without one, the file was cut off.
  let openExport = false;
  const lines = canonicalText(text).split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const lineNo = index + 1;
    const where = `${source} line ${lineNo}`;
    const problem = (detail: string) => problems.push({ source, line: lineNo, message: `${where}: ${detail}` });

    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const { at, reason } = jsonErrorReason(line, error);
      problem(`not valid JSON (${at === undefined ? '' : `column ${Array.from(line.slice(0, at)).length + 1}: `}${reason})`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problem(`expected a JSON object with a "text" field, but found ${describeValue(value)}`);
      return;
    }
    const type = (value as Record<string, unknown>)['type'];
    if (typeof type === 'string' && EXPORT_LINE_TYPES.has(type)) {
      openExport = type === 'manifest';
      return;
    }
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) {
      problem(describeIssues(parsed.error.issues, value as Record<string, unknown>));
      return;
    }
    const row = parsed.data;
    const body = canonicalText(row.text);
    if (/^\s*$/u.test(body)) {
      problem('the text is empty');
      return;
    }
    const length = countCodePoints(body);
    if (length > MAX_ARTICLE_CHARS) {
      problem(articleTooLongMessage(length));
      return;
    }
    const sourceUrl = cleanSourceUrl(firstOf(row.sourceUrl, row.source_url, row.url));
    const date = oneLine(firstOf(row.publishedOn, row.published, row.date));
    drafts.push({
      // Without a title the preview would open with an error, so propose one as the other formats do.
      title: oneLine(row.title ?? '') || titleFromBody(body),
      author: oneLine(row.author ?? ''),
      outlet: oneLine(row.outlet ?? '') || outletFromUrl(sourceUrl),
      sourceUrl,
      // An unreadable date is kept as written so that validateDraft flags it in the preview.
      publishedOn: date === '' ? '' : parseLooseDate(date) || date,
      topic: oneLine(row.topic ?? ''),
      text: body,
      source: where,
    });
  });
  // Its articles would otherwise look like the whole export (as the dataset import says too).
  if (openExport) problems.push({ source, message: `${source}: the file ends before its summary line: it was cut off; download it again.` });
  return { drafts, problems };
}
