import { graphemeHead } from '../excerpt';
import { canonicalText, oneLine, trimLayoutWhitespace } from './canonical';
import { parseLooseDate } from './dates';
import type { ArticleDraft, DraftMetadata } from './types';
import { cleanSourceUrl, looksLikeBareUrl, outletFromUrl } from './urls';

/*
 * Scraped article text usually looks like: site chrome and metadata lines,
 * the title (often twice), a byline, then prose; after the prose some share
 * buttons, a copyright line or the page address. These rules recognise those
 * shapes in general and never rewrite the prose itself: the body we return
 * is the untouched run of lines between header and trailer, except for
 * stand-alone advertisement markers and a byline just below the first line.
 */

/** Lines that are only ever page chrome. Compared after lower-casing and dropping trailing punctuation. */
const BOILERPLATE = new Set([
  'advertisement', 'advertisements', 'ad', 'sponsored', 'sponsored content', 'promoted',
  'article image', 'image', 'images', 'photo', 'photos', 'photograph', 'picture', 'video', 'audio', 'gallery',
  'ipfs', 'share', 'share this', 'share this article', 'share this story', 'share this post', 'share on facebook',
  'share on twitter', 'shares', 'tweet', 'email', 'e-mail', 'print', 'print this', 'print this article', 'save',
  'bookmark', 'listen', 'listen to this article', 'listen to article', 'play', 'subscribe', 'subscribe now',
  'sign in', 'sign up', 'log in', 'login', 'register', 'menu', 'search', 'close', 'skip to content',
  'skip to main content', 'skip navigation', 'home', 'news', 'comments', 'comment', 'read more', 'more', 'related',
  'related articles', 'related stories', 'related posts', 'back to top', 'top', 'next', 'previous', 'next article',
  'previous article', 'continue reading', 'click here', 'toggle navigation', 'copy link', 'link copied',
  'follow us', 'newsletter', 'opinion', 'editorial', 'breaking', 'breaking news', 'exclusive', 'live', 'updated',
]);

/** Stand-alone markers that interrupt the prose of some sites; removed even inside the body. */
const INLINE_AD_MARKERS = new Set([
  'advertisement', 'skip advertisement', 'story continues below advertisement', 'continue reading the main story',
  'article continues below advertisement', 'article continues below', 'scroll to continue with content',
  'sponsored content',
]);

const SOCIAL_WORDS = new Set([
  'share', 'tweet', 'email', 'e-mail', 'print', 'facebook', 'twitter', 'x', 'linkedin', 'whatsapp', 'reddit',
  'pinterest', 'telegram', 'messenger', 'flipboard', 'copy', 'link', 'mail', 'sms', 'save', 'comment', 'comments',
]);

const RELATED_HEADING =
  /^(?:related|related (?:articles?|stories|posts|coverage|content|reading|links)|read more|more (?:stories|news|coverage|on this(?: story| topic)?)|you (?:may|might) also like|recommended(?: for you| reading)?|what to read next|most (?:read|popular|viewed)|trending(?: now)?)\s*:?$/i;

/** A name-ish word: capitalised, possibly hyphenated or with an apostrophe, or an initial. */
const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’-]*\.?|\p{Lu}\.(?:\p{Lu}\.)*)$/u;
const NAME_PARTICLES = new Set([
  'de', 'da', 'di', 'du', 'del', 'della', 'der', 'den', 'van', 'von', 'la', 'le', 'bin', 'al', 'el', 'y', 'and', '&',
]);

/** Words after which the first line counts as prose even without end punctuation. */
const PROSE_MIN_WORDS = 16;
const TITLE_MAX_WORDS = 20;
const HEADER_MAX_LINES = 40;
const TRAILER_MAX_LINES = 15;
const FALLBACK_TITLE_CHARS = 80;
/** No metadata or chrome line is this long; longer lines skip the (costly) checks and count as prose. */
const MAX_FIELD_LINE = 1000;

type Found = Partial<DraftMetadata> & { updatedOn?: string };

type SegmentReading = { kind: 'boilerplate' } | { kind: 'meta'; found: Found };

function squeeze(line: string): string {
  return line.replace(/\s+/gu, ' ').trim();
}

function isBlankLine(line: string): boolean {
  return !/\S/u.test(line);
}

function wordCount(s: string): number {
  const t = squeeze(s);
  return t === '' ? 0 : t.split(' ').length;
}

function boilerplateKey(s: string): string {
  return squeeze(s).toLowerCase().replace(/[\s:.!|•·»›>-]+$/u, '').replace(/^[\s|•·«‹<-]+/u, '');
}

function isBoilerplate(s: string): boolean {
  const key = boilerplateKey(s);
  if (key === '' || BOILERPLATE.has(key)) return true;
  if (/^\d+\s*(?:min|mins|minute|minutes)(?:\s+read)?$/.test(key)) return true;
  if (/^\(?(?:photo|photograph|image|illustration|picture)s?\s+(?:by|credit|courtesy)\b/.test(key)) return true;
  if (/^(?:getty images|ap photo|reuters photo)\b/.test(key)) return true;
  // A row of share buttons; one word alone ("X", "Link") is too ambiguous to drop.
  const tokens = key.split(/[\s|•·,/]+/).filter((t) => t !== '');
  return tokens.length >= 2 && tokens.length <= 8 && tokens.every((t) => SOCIAL_WORDS.has(t));
}

function looksLikeName(s: string): boolean {
  const words = s.split(/[\s,]+/).filter((w) => w !== '');
  if (words.length === 0 || words.length > 12) return false;
  let nameWords = 0;
  for (const w of words) {
    if (NAME_PARTICLES.has(w.toLowerCase())) continue;
    if (!NAME_WORD.test(w)) return false;
    nameWords++;
  }
  return nameWords > 0 && NAME_WORD.test(words[0]!);
}

function cleanName(s: string): string {
  return oneLine(s).replace(/[\s,;:.|]+$/u, '').replace(/\.$/, '');
}

function firstItem(list: string): string {
  const cleaned = list.replace(/^\[|\]$/g, '');
  const first = cleaned.split(/[,;|]/)[0] ?? '';
  return oneLine(first.replace(/^["'#]+|["']+$/g, ''));
}

const TOPIC_LABELS = new Set([
  'subject', 'subjects', 'topic', 'topics', 'category', 'categories', 'section', 'tag', 'tags', 'filed under',
  'keywords', 'posted in',
]);
const PUBLISHED_LABELS = new Set([
  'published', 'published on', 'date', 'posted', 'posted on', 'first published', 'originally published', 'dateline',
]);
const UPDATED_LABELS = new Set(['updated', 'updated on', 'last updated', 'last modified', 'modified']);
const URL_LABELS = new Set(['source', 'url', 'link', 'source url', 'original', 'original url', 'canonical', 'permalink']);
const AUTHOR_LABELS = new Set(['author', 'authors', 'written by', 'byline', 'reporter', 'by']);
const OUTLET_LABELS = new Set(['outlet', 'publication', 'publisher', 'site', 'website']);
const CAPTION_LABELS = new Set(['photo', 'photos', 'image', 'images', 'credit', 'photo credit', 'image credit', 'caption', 'picture']);

function readLabelled(label: string, value: string): SegmentReading | null {
  const key = label.toLowerCase().replace(/\s+/g, ' ');
  const v = value.trim();
  if (CAPTION_LABELS.has(key)) return { kind: 'boilerplate' };
  const known =
    TOPIC_LABELS.has(key) || PUBLISHED_LABELS.has(key) || UPDATED_LABELS.has(key) || URL_LABELS.has(key) ||
    AUTHOR_LABELS.has(key) || OUTLET_LABELS.has(key);
  if (!known) return null;
  // An over-long "value" means this is a sentence that happens to contain a colon.
  if (v.length > 200 || wordCount(v) > 20) return null;
  if (v === '') return { kind: 'boilerplate' };
  if (TOPIC_LABELS.has(key)) return { kind: 'meta', found: { topic: firstItem(v) } };
  if (PUBLISHED_LABELS.has(key)) return { kind: 'meta', found: { publishedOn: parseLooseDate(v) } };
  if (UPDATED_LABELS.has(key)) return { kind: 'meta', found: { updatedOn: parseLooseDate(v) } };
  if (AUTHOR_LABELS.has(key)) return { kind: 'meta', found: { author: cleanName(v) } };
  if (OUTLET_LABELS.has(key)) return { kind: 'meta', found: { outlet: oneLine(v) } };
  if (looksLikeBareUrl(v)) return { kind: 'meta', found: { sourceUrl: cleanSourceUrl(v) } };
  // "Source: Reuters" names an outlet; "Source: a senior official who asked not to be named." is prose.
  return key === 'source' && looksLikeOutletName(v) ? { kind: 'meta', found: { outlet: oneLine(v) } } : null;
}

/** A short name ("Reuters", "The Riverside Ledger", "AP/dpa"), not a sentence: few words, a capital first, no closing stop. */
function looksLikeOutletName(value: string): boolean {
  const v = value.trim();
  return wordCount(v) <= 5 && /^[\p{Lu}\p{N}]/u.test(v) && !/[.!?…]$/u.test(v);
}

/**
 * Reads one header/trailer segment. Returns null for anything that is not
 * recognisably metadata or chrome, which leaves it to title/prose detection.
 */
function readSegment(raw: string, depth = 0): SegmentReading | null {
  if (raw.length > MAX_FIELD_LINE) return null;
  const s = squeeze(raw).replace(/^[|•·]\s*|\s*[|•·]$/gu, '');
  if (s === '' || isBoilerplate(s)) return { kind: 'boilerplate' };

  const byline = /^(?:written\s+|posted\s+|story\s+)?by\b\s*:?\s*(.*)$/i.exec(s);
  if (byline) {
    const rest = byline[1]!.trim();
    if (rest === '') return { kind: 'boilerplate' };
    // "Written by Subject: China": the byline is empty and the rest is another field.
    const inner = depth < 2 && /:/.test(rest) ? readSegment(rest, depth + 1) : null;
    if (inner) return inner;
    if (looksLikeName(rest)) return { kind: 'meta', found: { author: cleanName(rest) } };
    return null;
  }

  const labelled = /^([\p{L}][\p{L} ]{0,24}?)\s*:\s*(.*)$/u.exec(s);
  if (labelled) {
    const reading = readLabelled(labelled[1]!, labelled[2]!);
    if (reading) return reading;
  }

  const dateWord = /^(published|posted|updated|last updated|first published)(?:\s+on)?\s+(.+)$/i.exec(s);
  if (dateWord) {
    const date = parseLooseDate(dateWord[2]!, { whole: true });
    if (date !== '') {
      const updated = /updated/i.test(dateWord[1]!);
      return { kind: 'meta', found: updated ? { updatedOn: date } : { publishedOn: date } };
    }
  }

  const date = parseLooseDate(s, { whole: true });
  if (date !== '') return { kind: 'meta', found: { publishedOn: date } };

  if (looksLikeBareUrl(s)) return { kind: 'meta', found: { sourceUrl: cleanSourceUrl(s) } };
  return null;
}

/** Splits "By Jane Doe | Published: March 3, 2024" into its parts; the line counts only if every part does. */
function readLine(line: string): SegmentReading | null {
  if (line.length > MAX_FIELD_LINE) return null;
  const whole = readSegment(line);
  if (whole) return whole;
  const parts = squeeze(line).split(/\s+[|•·\u2013\u2014-]\s+|\s*[|•·]\s*/u).filter((p) => p !== '');
  if (parts.length < 2) return null;
  const found: Found = {};
  for (const part of parts) {
    const reading = readSegment(part);
    if (!reading) return null;
    if (reading.kind === 'meta') mergeMissing(found, reading.found);
  }
  return { kind: 'meta', found };
}

function mergeMissing(into: Found, from: Found): void {
  for (const [k, v] of Object.entries(from) as [keyof Found, string | undefined][]) {
    if (v && !into[k]) into[k] = v;
  }
}

function isProseLine(line: string): boolean {
  if (line.length > MAX_FIELD_LINE) return true;
  const t = squeeze(line);
  return /[.!?…"”’»]$/u.test(t) || wordCount(t) >= PROSE_MIN_WORDS;
}

function isTitleLike(line: string): boolean {
  const t = squeeze(line);
  const words = wordCount(t);
  return words >= 2 && words <= TITLE_MAX_WORDS && t.length <= 250 && /\p{L}/u.test(t) && !/:$/.test(t);
}

function titleKey(line: string): string {
  return squeeze(line).toLowerCase();
}

/** Trailer-only chrome that would be too eager at the top of an article. */
function isTrailerBoilerplate(line: string): boolean {
  if (line.length > MAX_FIELD_LINE) return false;
  const t = squeeze(line);
  if (/^(?:©|\(c\)\s)/i.test(t)) return wordCount(t) <= 30;
  // "Copyright 2026 The Ledger", not prose about copyright ("Copyright law has not kept pace."):
  // the word counts as a notice only with a year or the notice's own words beside it.
  if (/^copyright\b/i.test(t)) return wordCount(t) <= 30 && /\b(?:1[89]|20)\d{2}\b|©|all rights reserved/i.test(t);
  if (/all rights reserved\.?$/i.test(t)) return wordCount(t) <= 30;
  if (/^(?:read more|related|see also|more from|share this|follow us|like us|sign up|subscribe|continue reading)\b/i.test(t)) {
    return wordCount(t) <= 15 && !/[.!?]$/.test(t.replace(/\s*(?:read more|…|\.\.\.)$/i, ''));
  }
  return /^(?:leave a (?:comment|reply)|\d+\s+comments?|post a comment|join the conversation)$/i.test(t);
}

type Bounds = { start: number; end: number };

/** Returns the index of the first prose line, or -1 when the text never settles into prose. */
function findProseStart(lines: string[], found: Found, consumed: Set<number>, others: number[]): number {
  let nonBlank = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlankLine(line)) continue;
    if (++nonBlank > HEADER_MAX_LINES) return -1;
    const reading = readLine(line);
    if (reading) {
      consumed.add(i);
      if (reading.kind === 'meta') mergeMissing(found, reading.found);
      continue;
    }
    if (isProseLine(line)) return i;
    others.push(i);
  }
  return -1;
}

/** Small words that stay lower-case in a Title Case headline. */
const MINOR_WORDS = new Set([
  'a', 'an', 'the', 'of', 'on', 'in', 'to', 'for', 'and', 'or', 'but', 'nor', 'at', 'by', 'with', 'from', 'as',
  'is', 'vs', 'via', 'into', 'over', 'per',
]);

function isHeadingLike(line: string): boolean {
  const words = squeeze(line).split(' ').filter((w) => /\p{L}/u.test(w));
  const major = words.filter((w, i) => i === 0 || !MINOR_WORDS.has(w.toLowerCase()));
  if (major.length === 0) return false;
  const capitalised = major.filter((w) => /^[^\p{L}]*\p{Lu}/u.test(w)).length;
  return capitalised / major.length >= 0.7;
}

/**
 * Hard-wrapped text splits a paragraph over several lines, only the last of
 * which ends a sentence. Lines that run straight on into the first prose line
 * belong to it, unless they look like a headline set directly above it.
 */
function startOfParagraph(lines: string[], proseStart: number, consumed: Set<number>): number {
  let start = proseStart;
  while (start > 0) {
    const prev = lines[start - 1]!;
    if (isBlankLine(prev) || consumed.has(start - 1)) break;
    const t = squeeze(prev);
    const next = lines[start]!.trimStart();
    const continues = /^\p{Ll}/u.test(next) || /^\p{Ll}/u.test(t) || /[,;:\u2013\u2014-]$/u.test(t) || !isHeadingLike(t);
    if (!continues) break;
    start--;
  }
  return start;
}

function readHeader(lines: string[], knownTitle: string, found: Found): number {
  const consumed = new Set<number>();
  const others: number[] = [];
  const headerFound: Found = {};
  const proseStart = findProseStart(lines, headerFound, consumed, others);
  // Without prose there is no telling header from content, so nothing is taken out or read.
  if (proseStart < 0) return 0;
  mergeMissing(found, headerFound);
  const paragraphStart = startOfParagraph(lines, proseStart, consumed);
  while (others.length > 0 && others[others.length - 1]! >= paragraphStart) others.pop();

  if (knownTitle !== '') {
    const key = titleKey(knownTitle);
    for (const i of others) if (titleKey(lines[i]!) === key) consumed.add(i);
  } else {
    const counts = new Map<string, number>();
    for (const i of others) counts.set(titleKey(lines[i]!), (counts.get(titleKey(lines[i]!)) ?? 0) + 1);
    // A line repeated in the header is almost always the headline (page title plus on-page heading).
    const repeated = others.find((i) => (counts.get(titleKey(lines[i]!)) ?? 0) >= 2 && isTitleLike(lines[i]!));
    const titleIndex = repeated ?? others.find((i) => isTitleLike(lines[i]!));
    if (titleIndex !== undefined) {
      found.title = oneLine(lines[titleIndex]!);
      const key = titleKey(lines[titleIndex]!);
      for (const i of others) if (titleKey(lines[i]!) === key) consumed.add(i);
    }
    // Lone words such as "IPFS" or "Politics" above the headline are navigation, not content.
    for (const i of others) if (wordCount(lines[i]!) < 2 || !/\p{L}/u.test(lines[i]!)) consumed.add(i);
  }

  // Unrecognised lines after the last recognised one (a standfirst, say) stay in the body.
  return consumed.size === 0 ? 0 : Math.max(...consumed) + 1;
}

/** Returns the exclusive end of the body after peeling chrome off the bottom. */
function readTrailer(lines: string[], start: number, found: Found): number {
  let end = lines.length;
  for (let changed = true; changed; ) {
    changed = false;
    let i = end - 1;
    while (i >= start) {
      const line = lines[i]!;
      if (isBlankLine(line)) {
        i--;
        continue;
      }
      if (!isTrailerBoilerplate(line)) {
        const reading = readTrailerLine(line);
        if (reading === null) break;
        if (reading.kind === 'meta') mergeMissing(found, reading.found);
      }
      end = i;
      changed = true;
      i--;
    }
    const cut = findRelatedSection(lines, start, end);
    if (cut !== -1) {
      end = cut;
      changed = true;
    }
  }
  return end;
}

function readTrailerLine(line: string): SegmentReading | null {
  const reading = readLine(line);
  // A closing line that merely looks like a name ("by Any Means") is too risky to drop; only explicit fields count here.
  if (reading?.kind === 'meta' && reading.found.author && /^\s*by\b/i.test(line)) return null;
  return reading;
}

/** "Related:" followed only by headline-sized lines marks the end of the article. */
function findRelatedSection(lines: string[], start: number, end: number): number {
  let seen = 0;
  for (let i = end - 1; i >= start && seen < TRAILER_MAX_LINES; i--) {
    if (isBlankLine(lines[i]!)) continue;
    const t = squeeze(lines[i]!.slice(0, MAX_FIELD_LINE));
    seen++;
    if (RELATED_HEADING.test(t)) return i;
    if (wordCount(t) > 25) return -1;
  }
  return -1;
}

/** A byline set just under a standfirst, e.g. title, one-sentence summary, "By Jane Doe". */
function findEarlyByline(lines: string[], bounds: Bounds, found: Found): number {
  let seen = 0;
  for (let i = bounds.start; i < bounds.end && seen < 3; i++) {
    if (isBlankLine(lines[i]!)) continue;
    const t = squeeze(lines[i]!.slice(0, MAX_FIELD_LINE));
    seen++;
    if (seen === 1) continue;
    const m = /^by\s+(.+)$/i.exec(t);
    if (!m) continue;
    const parts = m[1]!.split(/\s*[|•·]\s*/u);
    if (!looksLikeName(parts[0]!)) continue;
    const extra: Found = {};
    if (parts.slice(1).some((p) => {
      const r = readSegment(p);
      if (r?.kind === 'meta') mergeMissing(extra, r.found);
      return r === null;
    })) continue;
    mergeMissing(found, { author: cleanName(parts[0]!), ...extra });
    return i;
  }
  return -1;
}

function assembleBody(lines: string[], bounds: Bounds, dropped: Set<number>): string {
  const out: string[] = [];
  for (let i = bounds.start; i < bounds.end; i++) {
    const line = lines[i]!;
    const drop = dropped.has(i) || (line.length > 1 && line.length < 80 && INLINE_AD_MARKERS.has(boilerplateKey(line)));
    if (!drop) {
      out.push(line);
      continue;
    }
    // Removing a paragraph must not leave a double gap where it stood.
    const prevBlank = out.length === 0 || isBlankLine(out[out.length - 1]!);
    if (prevBlank && i + 1 < bounds.end && isBlankLine(lines[i + 1]!)) i++;
  }
  return trimLayoutWhitespace(out.join('\n'));
}

/**
 * First sentence of the body, on one line, cut at a word boundary, for texts that carry no
 * headline. Cuts count what a reader sees as one character, so none splits an emoji or a letter
 * from its accent.
 */
export function titleFromBody(body: string): string {
  const firstLine = body.split('\n').find((l) => !isBlankLine(l)) ?? '';
  const line = squeeze(graphemeHead(firstLine, 4 * FALLBACK_TITLE_CHARS));
  // Two lower-case letters before the stop keep "U.S." and "Mr." from ending the sentence.
  const sentenceEnd = /(?<=[\p{Ll}\d)"”’]{2})[.!?](?=\s+["“‘(]?\p{Lu}|$)/u.exec(line);
  let title = sentenceEnd ? line.slice(0, sentenceEnd.index + (sentenceEnd[0] === '.' ? 0 : 1)) : line;
  const cut = graphemeHead(title, FALLBACK_TITLE_CHARS);
  if (cut !== title) {
    const space = cut.lastIndexOf(' ');
    title = `${(space > 20 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/u, '')}…`;
  }
  return title;
}

/**
 * Turns scraped plain text into a draft. `known` carries metadata the caller
 * already has (from HTML meta tags or front matter); it wins over anything
 * found in the text, and a known title switches off title guessing so that
 * short section headings in the body are not mistaken for a headline.
 */
export function cleanScrapedText(text: string, known: Partial<DraftMetadata> = {}): ArticleDraft {
  const canonical = canonicalText(text);
  const lines = canonical.split('\n');
  const found: Found = {};
  const knownTitle = oneLine(known.title ?? '');

  const start = readHeader(lines, knownTitle, found);
  const end = readTrailer(lines, start, found);
  const bounds: Bounds = { start, end: Math.max(start, end) };
  const dropped = new Set<number>();
  const byline = findEarlyByline(lines, bounds, found);
  if (byline !== -1) dropped.add(byline);
  const body = assembleBody(lines, bounds, dropped);

  const pick = (key: keyof DraftMetadata): string => oneLine(known[key] ?? '') || (found[key] ?? '');
  const sourceUrl = cleanSourceUrl(pick('sourceUrl'));
  return {
    title: knownTitle || found.title || titleFromBody(body),
    author: pick('author'),
    outlet: pick('outlet') || outletFromUrl(sourceUrl),
    sourceUrl,
    publishedOn: pick('publishedOn') || found.updatedOn || '',
    topic: pick('topic'),
    text: body,
  };
}
