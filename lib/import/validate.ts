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

/** Problems that block saving a draft, phrased for the person editing the preview. */
export function validateDraft(d: ArticleDraft): string[] {
  const problems: string[] = [];
  if (d.title.trim() === '') problems.push('The title is empty.');
  if (/^\s*$/u.test(d.text)) problems.push('The text is empty.');
  else {
    const length = countCodePoints(d.text);
    if (length > MAX_ARTICLE_CHARS) problems.push(`The text is too long: ${articleTooLongMessage(length)}.`);
  }
  if (d.publishedOn !== '' && !isIsoDate(d.publishedOn)) {
    problems.push(`The publication date "${d.publishedOn}" is not a real date in YYYY-MM-DD form (or leave it empty).`);
  }
  for (const [field, name] of FIELD_NAMES) {
    const problem = describeUnstorableText(d[field]);
    if (problem) problems.push(`The ${name} ${problem}.`);
  }
  if (hasUnsafeScheme(d.sourceUrl)) {
    const scheme = d.sourceUrl.replace(/[\u0000-\u0020\u007f]/g, '').split(':')[0]!.toLowerCase();
    problems.push(`The source URL uses a "${scheme}:" address, which is not allowed; use an http(s) link.`);
  }
  return problems;
}
