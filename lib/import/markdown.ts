import { canonicalText, oneLine } from './canonical';
import { parseLooseDate } from './dates';
import { cleanScrapedText } from './scraped-text';
import type { ArticleDraft, DraftMetadata } from './types';
import { cleanSourceUrl, looksLikeBareUrl } from './urls';

type FrontMatter = { fields: Map<string, string>; body: string };

const FIELD_KEYS: Record<keyof DraftMetadata, string[]> = {
  title: ['title', 'headline'],
  author: ['author', 'authors', 'by', 'byline'],
  outlet: ['outlet', 'publication', 'publisher', 'site', 'site_name', 'sitename'],
  sourceUrl: ['sourceurl', 'source_url', 'url', 'link', 'canonical', 'canonical_url', 'source'],
  publishedOn: ['publishedon', 'published_on', 'published', 'published_at', 'date', 'pubdate'],
  topic: ['topic', 'topics', 'category', 'categories', 'section', 'tags', 'tag'],
};

function unquote(value: string): string {
  const v = value.trim();
  const m = /^(["'])(.*)\1$/.exec(v);
  return m ? m[2]! : v;
}

/** "[a, b]" and YAML block lists are reduced to their items. */
function listItems(value: string): string[] {
  const v = value.trim();
  const inner = /^\[(.*)\]$/.exec(v);
  const items = inner ? inner[1]!.split(',') : [v];
  return items.map(unquote).map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Reads simple `key: value` front matter. A leading `---` block that does
 * not consist of such lines is left alone, because it may just be a rule.
 */
function splitFrontMatter(text: string): FrontMatter {
  const none: FrontMatter = { fields: new Map(), body: text };
  if (!/^---[ \t]*\n/.test(text)) return none;
  const lines = text.split('\n');
  let close = -1;
  for (let i = 1; i < lines.length && i < 200; i++) {
    if (/^(?:---|\.\.\.)[ \t]*$/.test(lines[i]!)) {
      close = i;
      break;
    }
  }
  if (close === -1) return none;

  const fields = new Map<string, string>();
  let listKey: string | null = null;
  for (const line of lines.slice(1, close)) {
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    const item = /^\s+-\s+(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item && listKey !== null) {
      const prev = fields.get(listKey);
      fields.set(listKey, prev ? `${prev}, ${unquote(item[1]!)}` : unquote(item[1]!));
      continue;
    }
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!kv) {
      // Nested YAML we do not understand; skip rather than guess.
      if (/^\s/.test(line)) continue;
      return none;
    }
    const key = kv[1]!.toLowerCase();
    const value = kv[2]!.trim();
    listKey = value === '' ? key : null;
    if (!fields.has(key)) fields.set(key, value);
  }
  if (fields.size === 0) return none;
  return { fields, body: lines.slice(close + 1).join('\n') };
}

function metadataFromFrontMatter(fields: Map<string, string>): Partial<DraftMetadata> {
  const get = (name: keyof DraftMetadata): string => {
    for (const key of FIELD_KEYS[name]) {
      const v = fields.get(key);
      if (v !== undefined && v.trim() !== '') return v;
    }
    return '';
  };
  const meta: Partial<DraftMetadata> = {};
  meta.title = oneLine(unquote(get('title')));
  meta.author = oneLine(listItems(get('author')).join(', '));
  meta.outlet = oneLine(unquote(get('outlet')));
  meta.sourceUrl = cleanSourceUrl(unquote(get('sourceUrl')));
  // "source" is sometimes the address and sometimes the outlet's name.
  const source = oneLine(unquote(fields.get('source') ?? ''));
  if (meta.sourceUrl === source && source !== '' && !looksLikeBareUrl(source)) {
    meta.sourceUrl = '';
    if (meta.outlet === '') meta.outlet = source;
  }
  const date = oneLine(unquote(get('publishedOn')));
  // An unreadable date is kept as written so that validateDraft can flag it in the preview.
  meta.publishedOn = date === '' ? '' : parseLooseDate(date) || date;
  meta.topic = oneLine(listItems(get('topic'))[0] ?? '');
  return meta;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_H1 = /^ {0,3}=+[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*\S+/;

type Heading = { title: string; lines: number[] };

function findFirstH1(lines: string[]): Heading | null {
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const f = FENCE.exec(line);
    if (f) {
      if (fence === null) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const atx = ATX_HEADING.exec(line);
    if (atx && atx[1] === '#' && (atx[2] ?? '').trim() !== '') return { title: inlineToText(atx[2]!), lines: [i] };
    const next = lines[i + 1];
    if (line.trim() !== '' && next !== undefined && SETEXT_H1.test(next) && !atx) {
      return { title: inlineToText(line), lines: [i, i + 1] };
    }
  }
  return null;
}

/** State carried across lines while inside an element whose content is never text. */
type HiddenState = { closing: RegExp | null };

const HIDDEN_OPENER = /<!--|<(script|style|template|noscript|iframe)\b[^>]*>/i;

function dropHiddenHtml(line: string, state: HiddenState): string {
  let out = '';
  let rest = line;
  while (rest !== '') {
    if (state.closing) {
      const m = state.closing.exec(rest);
      if (!m) return out;
      rest = rest.slice(m.index + m[0].length);
      state.closing = null;
      continue;
    }
    const m = HIDDEN_OPENER.exec(rest);
    if (!m) return out + rest;
    out += rest.slice(0, m.index);
    rest = rest.slice(m.index + m[0].length);
    state.closing = m[0] === '<!--' ? /-->/ : new RegExp(`</${m[1]!}\\s*>`, 'i');
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

// A span may not contain its own delimiter and is length-bounded, so a long
// line full of unmatched markers is scanned in linear time.
const EMPHASIS: [RegExp, string][] = [
  [/\*\*(?=\S)((?:(?!\*\*).){1,500}?)(?<=\S)\*\*/g, '$1'],
  [/(?<![\p{L}\p{N}_])__(?=\S)((?:(?!__).){1,500}?)(?<=\S)__(?![\p{L}\p{N}_])/gu, '$1'],
  [/\*(?=[^\s*])([^*]{1,500}?)(?<=[^\s*])\*/g, '$1'],
  [/(?<![\p{L}\p{N}_])_(?=[^\s_])([^_]{1,500}?)(?<=[^\s_])_(?![\p{L}\p{N}_])/gu, '$1'],
  [/~~(?=\S)((?:(?!~~).){1,500}?)(?<=\S)~~/g, '$1'],
];

/** Markdown inline syntax to plain text; markup characters that are escaped or inside code survive. */
function inlineToText(line: string, hidden: HiddenState = { closing: null }): string {
  const kept: string[] = [];
  const keep = (s: string) => `\uE000${kept.push(s) - 1}\uE001`;
  let s = line.replace(/(?<!`)(`+)(?!`)(.{1,2000}?)(?<!`)\1(?!`)/g, (_m, _ticks: string, code: string) =>
    keep(code.length > 2 && code.startsWith(' ') && code.endsWith(' ') ? code.slice(1, -1) : code),
  );
  s = s.replace(/\\([!-/:-@[-`{-~])/g, (_m, ch: string) => keep(ch));
  s = dropHiddenHtml(s, hidden);
  s = s.replace(/!\[[^\]]{0,1000}\]\((?:<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g, '');
  s = s.replace(/!\[[^\]]{0,1000}\]\[[^\]]*\]/g, '');
  s = s.replace(/\[([^\]]{0,1000})\]\((?:<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g, '$1');
  s = s.replace(/\[([^\]]{1,1000})\]\[[^\]]*\]/g, '$1');
  s = s.replace(/<((?:https?|mailto|ftp):[^\s<>]+)>/gi, '$1');
  s = s.replace(/<\/?[a-z][a-z0-9-]*(?:\s(?:[^<>"']|"[^"]*"|'[^']*')*)?\/?>/gi, '');
  for (let pass = 0; pass < 3 && /[*_~]/.test(s); pass++) {
    const before = s;
    for (const [re, replacement] of EMPHASIS) s = s.replace(re, replacement);
    if (s === before) break;
  }
  s = decodeEntities(s);
  return s.replace(/\uE000(\d+)\uE001/g, (whole, i: string) => kept[Number(i)] ?? whole);
}

function blockToText(lines: string[], skip: Set<number>): string {
  const out: string[] = [];
  const hidden: HiddenState = { closing: null };
  let fence: { char: string; length: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    if (skip.has(i)) continue;
    const line = lines[i]!;
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1]![0] === fence.char && f[1]!.length >= fence.length && line.trim() === f[1]) fence = null;
      else out.push(line);
      continue;
    }
    if (f) {
      fence = { char: f[1]![0]!, length: f[1]!.length };
      continue;
    }
    if (line.trim() === '') {
      if (hidden.closing === null) out.push(line);
      continue;
    }
    if (REFERENCE_DEFINITION.test(line) || THEMATIC_BREAK.test(line) || SETEXT_H1.test(line)) continue;

    let text = line;
    const heading = ATX_HEADING.exec(text);
    if (heading) text = heading[2] ?? '';
    else {
      while (/^ {0,3}>/.test(text)) text = text.replace(/^ {0,3}> ?/, '');
      text = text.replace(/^(\s*)[*+-][ \t]+/, '$1- ');
    }
    const bullet = /^(\s*- )(.*)$/.exec(text);
    const converted = bullet ? bullet[1]! + inlineToText(bullet[2]!, hidden) : inlineToText(text, hidden);
    // A line that held only markup (an image, a comment) disappears instead of leaving a gap.
    if (converted.trim() !== '') out.push(converted);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

export function markdownToDraft(md: string): ArticleDraft {
  const { fields, body } = splitFrontMatter(canonicalText(md));
  const meta = metadataFromFrontMatter(fields);
  const lines = body.split('\n');
  const heading = findFirstH1(lines);
  const skip = new Set<number>();
  if (heading && (meta.title === '' || oneLine(heading.title).toLowerCase() === meta.title?.toLowerCase())) {
    meta.title = meta.title || oneLine(heading.title);
    for (const i of heading.lines) skip.add(i);
  }
  return cleanScrapedText(blockToText(lines, skip), meta);
}
