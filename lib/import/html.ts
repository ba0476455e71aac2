import { DomUtils, ElementType, parseDocument } from 'htmlparser2';
import { canonicalText, oneLine } from './canonical';
import { parseLooseDate } from './dates';
import { cleanScrapedText } from './scraped-text';
import type { ArticleDraft, DraftMetadata } from './types';
import { cleanSourceUrl, hasUnsafeScheme } from './urls';

type DomNode = ReturnType<typeof DomUtils.getChildren>[number];
type DomElement = Parameters<typeof DomUtils.getAttributeValue>[0];

function isElement(node: DomNode): node is DomElement {
  return ElementType.isTag(node);
}

function textOf(node: DomNode): string | null {
  return node.type === ElementType.Text && 'data' in node ? node.data : null;
}

function childrenOf(node: DomNode): DomNode[] {
  return 'children' in node ? node.children : [];
}

/** Elements whose content is code, chrome or form controls rather than article prose. */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'form', 'button', 'svg', 'math',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'canvas', 'video', 'audio', 'select', 'textarea', 'input',
  'option', 'figcaption', 'head', 'title', 'meta', 'link', 'base', 'dialog', 'menu', 'xmp', 'plaintext', 'map',
]);

/** Elements that end a line rather than a paragraph. */
const LINE_BREAKING = new Set(['br', 'li', 'tr', 'dt', 'dd', 'option']);

const PARAGRAPH_BREAKING = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'details', 'dir', 'div', 'dl',
  'fieldset', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'ul',
]);

const CELLS = new Set(['td', 'th']);

/** HTML's own whitespace; NBSP is deliberately not in it. */
const HTML_SPACE_RUN = /[ \t\n\f\r]+/g;

/**
 * Depth-first walk without recursion: pasted pages can nest thousands of
 * levels deep and a recursive walk would overflow the stack.
 */
function walk(
  roots: DomNode[],
  visit: {
    enter?: (el: DomElement) => boolean | void;
    exit?: (el: DomElement) => void;
    text?: (data: string) => void;
  },
): void {
  type Frame = { node: DomNode; leaving: boolean };
  const stack: Frame[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i]!, leaving: false });
  while (stack.length > 0) {
    const { node, leaving } = stack.pop()!;
    if (isElement(node)) {
      if (leaving) {
        visit.exit?.(node);
        continue;
      }
      // `false` from enter means: do not descend.
      if (visit.enter?.(node) === false) continue;
      stack.push({ node, leaving: true });
      const children = node.children;
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, leaving: false });
      continue;
    }
    const data = textOf(node);
    if (data !== null) {
      visit.text?.(data);
      continue;
    }
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, leaving: false });
  }
}

function isHidden(el: DomElement): boolean {
  const a = el.attribs;
  if ('hidden' in a || a['aria-hidden'] === 'true') return true;
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a['style'] ?? '');
}

/** Visible text of one element on a single line, for metadata. */
function inlineText(el: DomElement): string {
  const parts: string[] = [];
  walk([el], {
    enter: (e) => (e !== el && (SKIPPED.has(e.name) || isHidden(e)) ? false : undefined),
    text: (data) => parts.push(data),
  });
  return oneLine(parts.join(' '));
}

type Collected = {
  ogTitle: string; titleTag: string; h1: string;
  metaAuthor: string; relAuthor: string; bylineAuthor: string;
  outlet: string; canonical: string; ogUrl: string;
  publishedMeta: string; timeDate: string; section: string; keywords: string;
};

function relTokens(el: DomElement): string[] {
  return (el.attribs['rel'] ?? '').toLowerCase().split(/\s+/);
}

function collectMetadata(roots: DomNode[]): Collected {
  const c: Collected = {
    ogTitle: '', titleTag: '', h1: '', metaAuthor: '', relAuthor: '', bylineAuthor: '', outlet: '',
    canonical: '', ogUrl: '', publishedMeta: '', timeDate: '', section: '', keywords: '',
  };
  let bylineTries = 0;
  const setOnce = (key: keyof Collected, value: string) => {
    const v = oneLine(value);
    if (v !== '' && c[key] === '') c[key] = v;
  };
  walk(roots, {
    enter: (el) => {
      const a = el.attribs;
      switch (el.name) {
        case 'meta': {
          const key = (a['property'] ?? a['name'] ?? a['itemprop'] ?? '').toLowerCase();
          const content = a['content'] ?? '';
          if (key === 'og:title' || key === 'twitter:title') setOnce('ogTitle', content);
          else if (['author', 'article:author', 'dc.creator', 'parsely-author', 'sailthru.author'].includes(key)) {
            // article:author is frequently a profile URL, which is not a name.
            if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(content.trim())) setOnce('metaAuthor', content);
          } else if (key === 'og:site_name' || key === 'application-name') setOnce('outlet', content);
          else if (key === 'og:url') setOnce('ogUrl', content);
          else if (['article:published_time', 'datepublished', 'date', 'dc.date', 'pubdate', 'publishdate', 'sailthru.date'].includes(key)) setOnce('publishedMeta', content);
          else if (key === 'article:section') setOnce('section', content);
          else if (key === 'keywords' || key === 'news_keywords' || key === 'article:tag') setOnce('keywords', content);
          return false;
        }
        case 'link':
          if (relTokens(el).includes('canonical')) setOnce('canonical', a['href'] ?? '');
          return false;
        case 'title':
          if (c.titleTag === '') setOnce('titleTag', DomUtils.textContent(el));
          return false;
        case 'time':
          setOnce('timeDate', a['datetime'] ?? '');
          return undefined;
        case 'h1':
          if (c.h1 === '') setOnce('h1', inlineText(el));
          return undefined;
        case 'script':
        case 'style':
        case 'template':
        case 'noscript':
        case 'svg':
        case 'math':
          return false;
        default:
          break;
      }
      if (el.name === 'a' && c.relAuthor === '' && relTokens(el).includes('author')) setOnce('relAuthor', inlineText(el));
      const marker = `${a['class'] ?? ''} ${a['itemprop'] ?? ''} ${a['rel'] ?? ''}`.toLowerCase();
      // Bounded so that a page full of nested "author" boxes cannot make this quadratic.
      if (c.bylineAuthor === '' && bylineTries < 20 && /\b(?:byline|author)\b/.test(marker)) {
        bylineTries++;
        // Bylines often carry the date too: "By Jane Doe | March 3, 2024".
        const text = (inlineText(el).split(/\s*[|•·]\s*/u)[0] ?? '').replace(/^(?:written\s+)?by\s*:?\s*/i, '');
        if (text.length > 0 && text.length <= 100 && !/[.!?]$/.test(text)) setOnce('bylineAuthor', text);
      }
      return undefined;
    },
  });
  return c;
}

function withoutTrailingSpaces(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x20) end--;
  return end === s.length ? s : s.slice(0, end);
}

/**
 * Produces paragraphs separated by blank lines, with HTML whitespace
 * collapsed but NBSP kept. Output is gathered in chunks because re-scanning
 * one growing string at every break made large pages quadratic.
 */
function renderText(roots: DomNode[]): string {
  const chunks: string[] = [];
  let pendingBreak = 0;
  let preDepth = 0;
  const last = () => chunks[chunks.length - 1] ?? '';
  const endsWith = (suffix: string) => last().endsWith(suffix);
  const requestBreak = (n: number) => {
    pendingBreak = Math.max(pendingBreak, n);
  };
  const append = (raw: string, verbatim: boolean) => {
    let text = verbatim ? raw : raw.replace(HTML_SPACE_RUN, ' ');
    // HTML ignores a newline straight after <pre>.
    if (verbatim && pendingBreak > 0) text = text.replace(/^\n/, '');
    const atLineStart = chunks.length === 0 || endsWith('\n') || pendingBreak > 0;
    if (!verbatim && atLineStart) text = text.replace(/^ +/, '');
    if (!verbatim && endsWith(' ') && text.startsWith(' ')) text = text.slice(1);
    if (text === '') return;
    if (pendingBreak > 0 && chunks.length > 0) {
      while (chunks.length > 0) {
        const trimmed = withoutTrailingSpaces(last());
        if (trimmed !== '') {
          chunks[chunks.length - 1] = trimmed;
          break;
        }
        chunks.pop();
      }
      if (chunks.length > 0) chunks.push('\n'.repeat(pendingBreak));
    }
    pendingBreak = 0;
    chunks.push(text);
  };
  walk(roots, {
    enter: (el) => {
      if (SKIPPED.has(el.name) || isHidden(el)) return false;
      if (el.name === 'pre') preDepth++;
      if (PARAGRAPH_BREAKING.has(el.name)) requestBreak(2);
      else if (LINE_BREAKING.has(el.name)) requestBreak(1);
      else if (CELLS.has(el.name) && chunks.length > 0 && pendingBreak === 0 && !endsWith('\n')) append(' ', false);
      return undefined;
    },
    exit: (el) => {
      if (el.name === 'pre') preDepth--;
      if (PARAGRAPH_BREAKING.has(el.name)) requestBreak(2);
      else if (LINE_BREAKING.has(el.name)) requestBreak(1);
    },
    text: (data) => append(data, preDepth > 0),
  });
  return withoutTrailingSpaces(chunks.join(''));
}

function firstElement(roots: DomNode[], name: string): DomElement | null {
  let found: DomElement | null = null;
  walk(roots, {
    enter: (el) => {
      if (found) return false;
      if (el.name === name) {
        found = el;
        return false;
      }
      return SKIPPED.has(el.name) ? false : undefined;
    },
  });
  return found;
}

function isAbsoluteHttp(url: string): boolean {
  return /^https?:\/\//i.test(url.trim());
}

function pickSourceUrl(c: Collected): string {
  const candidates = [c.canonical, c.ogUrl].filter((u) => u !== '' && !hasUnsafeScheme(u));
  return cleanSourceUrl(candidates.find(isAbsoluteHttp) ?? candidates[0] ?? '');
}

/** "Headline | Site" in <title> is reduced to the headline when the site name is known. */
function stripSiteSuffix(title: string, outlet: string): string {
  if (outlet === '') return title;
  for (const sep of [' | ', ' - ', ' – ', ' — ', ' · ', ' :: ']) {
    const suffix = `${sep}${outlet}`;
    if (title.toLowerCase().endsWith(suffix.toLowerCase()) && title.length > suffix.length) {
      return title.slice(0, -suffix.length).trim();
    }
  }
  return title;
}

function dropLeadingTitle(body: string, titles: string[]): string {
  const keys = new Set(titles.filter((t) => t !== '').map((t) => oneLine(t).toLowerCase()));
  const m = /^[\n \t]*([^\n]*)(?:\n|$)/.exec(body);
  if (!m || !keys.has(oneLine(m[1]!).toLowerCase())) return body;
  return body.slice(m[0].length);
}

/** Far beyond any real page; htmlparser2's open-element stack is quadratic in depth, so deeper input is refused. */
export const MAX_HTML_DEPTH = 1000;

export class HtmlTooDeepError extends Error {
  constructor() {
    super(`the HTML is nested more than ${MAX_HTML_DEPTH} elements deep, which no article needs`);
    this.name = 'HtmlTooDeepError';
  }
}

const VOID_ELEMENTS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen',
]);
/** Elements the parser closes when a sibling of the same kind opens, so a run of them never nests. */
const SELF_CLOSING_RUNS = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'rt', 'rp']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);

/**
 * Linear scan that over-approximates how deep the parser's element stack
 * will get, without building anything.
 */
export function estimateNestingDepth(html: string): number {
  const lower = html.toLowerCase();
  let depth = 0;
  let max = 0;
  let i = 0;
  while ((i = lower.indexOf('<', i)) !== -1) {
    if (lower.startsWith('<!--', i)) {
      const close = lower.indexOf('-->', i + 4);
      if (close === -1) break;
      i = close + 3;
      continue;
    }
    const tagEnd = lower.indexOf('>', i);
    // No '>' anywhere further means no more tags; stopping here keeps the scan linear.
    if (tagEnd === -1) break;
    const m = /^<(\/?)([a-z][^\s/>]*)/.exec(lower.slice(i, i + 64));
    if (!m) {
      i++;
      continue;
    }
    const [, closing, name] = m as unknown as [string, string, string];
    i = tagEnd + 1;
    if (closing) {
      if (depth > 0 && !VOID_ELEMENTS.has(name) && !SELF_CLOSING_RUNS.has(name)) depth--;
      continue;
    }
    if (RAW_TEXT.has(name)) {
      const close = lower.indexOf(`</${name}`, i);
      if (close === -1) break;
      i = close;
      continue;
    }
    if (VOID_ELEMENTS.has(name) || SELF_CLOSING_RUNS.has(name)) continue;
    depth++;
    if (depth > max) max = depth;
  }
  return max;
}

/**
 * Converts an HTML page or fragment to a draft. Nothing from the markup
 * survives except text: attributes are never read into the body, and
 * script-like elements are not descended into. Throws HtmlTooDeepError for
 * pathologically nested input.
 */
export function htmlToDraft(html: string): ArticleDraft {
  const source = canonicalText(html);
  if (estimateNestingDepth(source) > MAX_HTML_DEPTH) throw new HtmlTooDeepError();
  const doc = parseDocument(source, { decodeEntities: true });
  const roots = doc.children;
  const c = collectMetadata(roots);

  const container = firstElement(roots, 'article') ?? firstElement(roots, 'main') ?? firstElement(roots, 'body');
  const body = canonicalText(renderText(container ? [container] : roots));

  const title = c.ogTitle || stripSiteSuffix(c.titleTag, c.outlet) || c.h1;
  const known: DraftMetadata = {
    title,
    author: c.metaAuthor || c.relAuthor || c.bylineAuthor,
    outlet: c.outlet,
    sourceUrl: pickSourceUrl(c),
    publishedOn: parseLooseDate(c.publishedMeta) || parseLooseDate(c.timeDate),
    topic: c.section || (c.keywords ? oneLine(c.keywords.split(',')[0] ?? '') : ''),
  };
  return cleanScrapedText(dropLeadingTitle(body, [title, c.h1, c.titleTag]), known);
}
