import { describeUnstorableText } from '../errors';
import { isIsoDate } from './dates';
import { articleTooLongMessage, countCodePoints, MAX_ARTICLE_CHARS } from './limits';
import type { ArticleDraft } from './types';
import { hasUnsafeScheme } from './urls';

const FIELD_NAMES: [keyof ArticleDraft, string][] = [
  ['title', 'title'],
  ['author', 'author'],
  ['outlet', 'outlet'],
  ['sourceUrl', 'source URL'],
  ['publishedOn', 'publication date'],
  ['topic', 'topic'],
  ['text', 'text'],
];

/** A problem that blocks saving a draft, and the field it is about (for a form to mark). */
export type DraftProblem = { field: keyof ArticleDraft; message: string };

/** Problems that block saving a draft, phrased for the person editing the preview. */
export function validateDraft(d: ArticleDraft): string[] {
  return draftProblems(d).map((p) => p.message);
}

/**
 * The same problems with their fields, shaped like zod issues (`path`, `message`) so that a refused
 * form marks the fields, as it does for a schema's refusal.
 */
export function draftIssues(d: ArticleDraft): { path: [keyof ArticleDraft]; message: string }[] {
  return draftProblems(d).map((p) => ({ path: [p.field], message: p.message }));
}

function draftProblems(d: ArticleDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (d.title.trim() === '') problems.push({ field: 'title', message: 'The title is empty.' });
  if (/^\s*$/u.test(d.text)) problems.push({ field: 'text', message: 'The text is empty.' });
  else {
    const length = countCodePoints(d.text);
    if (length > MAX_ARTICLE_CHARS) problems.push({ field: 'text', message: `The text is too long: ${articleTooLongMessage(length)}.` });
  }
  if (d.publishedOn !== '' && !isIsoDate(d.publishedOn)) {
    problems.push({ field: 'publishedOn', message: `The publication date "${d.publishedOn}" is not a real date in YYYY-MM-DD form (or leave it empty).` });
  }
  for (const [field, name] of FIELD_NAMES) {
    const problem = describeUnstorableText(d[field]);
    if (problem) problems.push({ field, message: `The ${name} ${problem}.` });
  }
  if (hasUnsafeScheme(d.sourceUrl)) {
    const scheme = d.sourceUrl.replace(/[\u0000-\u0020\u007f]/g, '').split(':')[0]!.toLowerCase();
    problems.push({ field: 'sourceUrl', message: `The source URL uses a "${scheme}:" address, which is not allowed; use an http(s) link.` });
  }
  return problems;
}
