import { describeUnstorableText } from '../errors';
import { isIsoDate } from './dates';
import { canonicalText } from './canonical-text';
import { articleTooLongMessage, countCodePoints, MAX_ARTICLE_CHARS, MAX_FIELD_LENGTH, MAX_URL_LENGTH } from './limits';
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
    const limit = field === 'sourceUrl' ? MAX_URL_LENGTH : MAX_FIELD_LENGTH;
    if (field !== 'text' && field !== 'publishedOn' && d[field].length > limit) {
      problems.push({ field, message: `The ${name} is too long: ${d[field].length} characters, at most ${limit}.` });
    }
  }
  if (hasUnsafeScheme(d.sourceUrl)) {
    const scheme = d.sourceUrl.replace(/[\u0000-\u0020\u007f]/g, '').split(':')[0]!.toLowerCase();
    problems.push({ field: 'sourceUrl', message: `The source URL uses a "${scheme}:" address, which is not allowed; use an http(s) link.` });
  }
  return problems;
}

/**
 * The problems of each draft in a preview, as the import page shows them before anything is sent:
 * each draft's own, and a text the same as an earlier chosen draft's (two lines of one file, or a
 * paste and a file), which the save refuses. Drafts left out (`include: false`) are never the
 * repeat or the original. `Article N` counts drafts on the page, from 1.
 */
export function previewProblems(drafts: readonly (ArticleDraft & { include?: boolean })[]): DraftProblem[][] {
  const firstWith = new Map<string, number>();
  return drafts.map((d, i) => {
    const problems = draftProblems(d);
    if (d.include === false) return problems;
    const text = canonicalText(d.text);
    const earlier = firstWith.get(text);
    if (earlier === undefined) firstWith.set(text, i);
    else if (text.trim()) problems.push({ field: 'text', message: `The text is the same as Article ${earlier + 1}'s; import it once.` });
    return problems;
  });
}
