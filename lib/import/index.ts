import { canonicalText } from './canonical';
import { HtmlTooDeepError, htmlToDraft } from './html';
import { parseJsonl } from './jsonl';
import {
  articleTooLongMessage,
  countCodePoints,
  fileTooLargeMessage,
  MAX_ARTICLE_CHARS,
  MAX_UPLOAD_BYTES,
  utf8ByteLength,
} from './limits';
import { markdownToDraft } from './markdown';
import { cleanScrapedText } from './scraped-text';
import type { ArticleDraft, ImportResult } from './types';
import { notUtf8Message } from './not-utf8';

export type { ArticleDraft, DraftMetadata, DraftWithSource, ImportProblem, ImportResult } from './types';
export { canonicalText, hashText } from './canonical';
export { MAX_ARTICLE_CHARS, MAX_UPLOAD_BYTES } from './limits';
export { draftIssues, validateDraft } from './validate';
export { cleanScrapedText } from './scraped-text';
export { HtmlTooDeepError, htmlToDraft, MAX_HTML_DEPTH } from './html';
export { markdownToDraft } from './markdown';
export { parseJsonl } from './jsonl';

export type ImportFormat = 'text' | 'markdown' | 'html' | 'jsonl';

const BY_EXTENSION: Record<string, ImportFormat> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  jsonl: 'jsonl',
};

/** Dataset files (with or without spans): the dataset import reads them, with their columns and labels. */
const DATASET_EXTENSIONS = new Set(['csv', 'json', 'ndjson']);

/** "pdf" for "report.pdf"; undefined for a name without an extension ("pasted text", "notes"). */
function extensionOf(name: string): string | undefined {
  // A letter first and at most ten characters: "Budget 2.5" or "page.constructor" name no file type.
  return /\.([a-z][a-z0-9]{0,9})$/i.exec(name.trim())?.[1]?.toLowerCase();
}

/**
 * Why a file of this name is not read here, or null when it is. A file of another type would be
 * read as plain text and come out as one article of its raw content (a CSV's rows, a PDF's bytes).
 */
export function unsupportedFileProblem(name: string): string | null {
  const ext = extensionOf(name);
  if (ext === undefined || Object.hasOwn(BY_EXTENSION, ext)) return null;
  const accepted = `this form takes ${Object.keys(BY_EXTENSION).map((e) => `.${e}`).join(', ')} files and pasted text`;
  if (DATASET_EXTENSIONS.has(ext)) return `a .${ext} file is a dataset: use "Import a dataset with annotations" below (${accepted}).`;
  return `.${ext} files cannot be imported; ${accepted}.`;
}

/**
 * The extension decides; without a known one (pasted text) a body that
 * opens like an HTML document is read as HTML, so a pasted page source is
 * not stored with its markup.
 */
export function detectFormat(name: string, text: string): ImportFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(name.trim())?.[1]?.toLowerCase();
  // Own keys only: "page.constructor" must not find Object.prototype.constructor.
  const known = ext !== undefined && Object.hasOwn(BY_EXTENSION, ext) ? BY_EXTENSION[ext] : undefined;
  if (known) return known;
  const head = text.trimStart().slice(0, 4096);
  return head.startsWith('<') && /<(?:html|body|article|p|div)\b/i.test(head) ? 'html' : 'text';
}

function decodeUtf8(content: Uint8Array | string): string | null {
  if (typeof content === 'string') return content;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return null;
  }
}

function isBlank(text: string): boolean {
  return /^\s*$/u.test(text);
}

/** Turns one upload or paste into drafts for the editable preview. Never throws on bad input. */
export function extractArticles(input: { name: string; content: Uint8Array | string; label?: string }): ImportResult {
  // `label`: how drafts and problems name the file when its name alone does not tell it apart; the
  // name (its extension) still decides how it is read.
  const source = (input.label ?? input.name).trim() || 'pasted text';
  const fail = (detail: string): ImportResult => ({ drafts: [], problems: [{ source, message: `${source}: ${detail}` }] });

  const size = typeof input.content === 'string' ? utf8ByteLength(input.content) : input.content.byteLength;
  if (size > MAX_UPLOAD_BYTES) return fail(fileTooLargeMessage(size));

  const decoded = decodeUtf8(input.content);
  // NUL never occurs in real text; it means a binary file (or UTF-16) was picked by mistake.
  if (decoded === null || decoded.includes('\u0000')) return fail(notUtf8Message(input.content));
  // After the bytes are read: a binary file picked by mistake is said to be unreadable, whatever its name.
  const unsupported = unsupportedFileProblem(input.name);
  if (unsupported) return fail(unsupported);
  const text = canonicalText(decoded);
  if (isBlank(text)) return fail('the text is empty');

  const format = detectFormat(input.name, text);
  if (format === 'jsonl') return parseJsonl(text, source);

  let draft: ArticleDraft;
  try {
    draft = format === 'html' ? htmlToDraft(text) : format === 'markdown' ? markdownToDraft(text) : cleanScrapedText(text);
  } catch (error) {
    if (error instanceof HtmlTooDeepError) return fail(error.message);
    throw error;
  }
  if (isBlank(draft.text)) return fail('the text is empty');
  const length = countCodePoints(draft.text);
  if (length > MAX_ARTICLE_CHARS) return fail(articleTooLongMessage(length));
  return { drafts: [{ ...draft, source }], problems: [] };
}
