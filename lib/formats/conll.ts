import { tokenizeText, type Tokens } from '../agreement/tokens';
import { CodePointIndex } from '../anchoring/code-points';
import { oneLine, utf8 } from './encoding';
import { addWarning, sortedSpans, spansByAnnotator, type ExportArticle, type ExportManifest, type ExportSpan } from './model';
import type { FormatWriter } from './writer';

/*
 * Token-level BIO in CoNLL style, one document per (article, annotator or gold):
 *
 *   # article_id = a1
 *   # annotator = gold
 *   # title = Budget day
 *   Taxes<TAB>12-17<TAB>B-CLAIM        token, code point offsets start-end (end exclusive), tag
 *   will<TAB>18-22<TAB>I-CLAIM
 *
 * The tag is the last column, where CoNLL readers look for it (spaCy's converter takes the final
 * column as the tag and a middle one as another annotation; conlleval reads tags from the end).
 *                                      blank line: a line break in the text, or the next document
 *
 * Tokens are maximal runs of non-whitespace code points (whitespace as JavaScript's \s, which
 * includes NBSP, as Slant's agreement figures use), further cut at the boundaries of the spans
 * written, so every span covers whole tokens and the offsets column gives its exact range.
 * Comment lines start with "# " (hash, space); a token line never does, since tokens hold no spaces,
 * though it may start with "#" (a hashtag): the manifest then warns readers to look for "# ".
 *
 * BIO cannot hold overlapping spans. Per document the spans are taken in order (start ascending,
 * longer first); a span that overlaps one already taken is left out, so the outermost of nested
 * spans survives. Every span left out is listed in a comment block at the end of the file and
 * in the manifest's warnings: nothing disappears silently.
 */

export type DroppedSpan = { articleId: string; annotator: string; spanId: string; label: string; start: number; end: number; reason: string };

export function bioTag(prefix: 'B' | 'I', label: string): string {
  return `${prefix}-${label.toUpperCase()}`;
}

function describe(s: ExportSpan): string {
  return `${s.id} (${s.label} ${s.start}-${s.end})`;
}

/** The spans BIO can hold (in order, none overlapping), and why each other one cannot be held. */
export function representableSpans(
  text: CodePointIndex,
  tokenStarts: Int32Array,
  tokenEnds: Int32Array,
  spans: readonly ExportSpan[],
): { kept: ExportSpan[]; dropped: { span: ExportSpan; reason: string }[] } {
  const kept: ExportSpan[] = [];
  const dropped: { span: ExportSpan; reason: string }[] = [];
  for (const span of spans) {
    if (!(span.start >= 0 && span.end <= text.length && span.start < span.end)) {
      dropped.push({ span, reason: `its offsets do not lie inside the text (${text.length} code points)` });
      continue;
    }
    if (!coversToken(tokenStarts, tokenEnds, span)) {
      dropped.push({ span, reason: 'it covers only whitespace, which has no tokens' });
      continue;
    }
    const last = kept[kept.length - 1];
    if (last && span.start < last.end) {
      const relation =
        span.start === last.start && span.end === last.end ? 'has the same range as' : span.end <= last.end ? 'is nested inside' : 'crosses';
      dropped.push({ span, reason: `it ${relation} span ${describe(last)}, and BIO tags cannot overlap` });
      continue;
    }
    kept.push(span);
  }
  return { kept, dropped };
}

/** True when some token shares a code point with the span (binary search over token ends). */
function coversToken(starts: Int32Array, ends: Int32Array, span: { start: number; end: number }): boolean {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid]! <= span.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < starts.length && starts[lo]! < span.end;
}

/**
 * The tokens of a CoNLL document: the agreement tokens (runs of non-whitespace, JavaScript's
 * `\s`), also cut at the separators `\s` does not know (U+001C–U+001F, U+0085, which scraped
 * text holds when cp1252's "…" was decoded as Latin-1). Python's `splitlines()` ends a line at
 * all but U+001F, and its `split()` cuts at all of them, so inside a token they would split its
 * row, or its columns, and shift everything after it.
 */
export function conllTokens(text: string): Tokens {
  const tokens = tokenizeText(text);
  const breaks: number[] = [];
  let cp = 0;
  for (let i = 0; i < text.length; i++, cp++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x85 || (unit >= 0x1c && unit <= 0x1f)) breaks.push(cp);
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  if (breaks.length === 0) return tokens;
  const starts: number[] = [];
  const ends: number[] = [];
  let b = 0;
  for (let t = 0; t < tokens.count; t++) {
    let start = tokens.starts[t]!;
    const end = tokens.ends[t]!;
    while (b < breaks.length && breaks[b]! < start) b++;
    while (b < breaks.length && breaks[b]! < end) {
      if (breaks[b]! > start) {
        starts.push(start);
        ends.push(breaks[b]!);
      }
      start = breaks[b]! + 1;
      b++;
    }
    if (start < end) {
      starts.push(start);
      ends.push(end);
    }
  }
  return { count: starts.length, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** One document's lines (without the blank line after it) and the spans it left out. */
export function conllDocument(
  article: ExportArticle,
  annotator: string,
  spans: readonly ExportSpan[],
  index: CodePointIndex = new CodePointIndex(article.text),
  tokens = conllTokens(article.text),
): { text: string; dropped: DroppedSpan[]; hashTokens: number } {
  const { kept, dropped } = representableSpans(index, tokens.starts, tokens.ends, sortedSpans(spans));
  const lines = [`# article_id = ${oneLine(article.id)}`, `# annotator = ${oneLine(annotator)}`.trimEnd(), `# title = ${oneLine(article.title)}`.trimEnd()];
  // Kept spans are sorted and disjoint, so one forward pointer finds the span (if any) over each
  // piece; tokens are cut into pieces wherever a span starts or ends inside them.
  let k = 0;
  let previousEnd = -1;
  let hashTokens = 0;
  for (let t = 0; t < tokens.count; t++) {
    let start = tokens.starts[t]!;
    const tokenEnd = tokens.ends[t]!;
    while (start < tokenEnd) {
      while (k < kept.length && kept[k]!.end <= start) k++;
      const span = kept[k];
      const inside = span !== undefined && span.start <= start;
      // A piece ends at the token's end or at the next span boundary inside the token.
      const end = Math.min(tokenEnd, inside ? span.end : span !== undefined && span.start < tokenEnd ? span.start : tokenEnd);
      const tag = inside ? bioTag(start === firstPieceStart(span, tokens) ? 'B' : 'I', span.label) : 'O';
      // A line break between two pieces starts a new block, unless a span continues across it:
      // a block boundary inside a span would make readers start it again with I-.
      if (previousEnd >= 0 && !tag.startsWith('I-') && /\n/.test(index.slice(previousEnd, start))) lines.push('');
      const token = index.slice(start, end);
      if (token.startsWith('#')) hashTokens++;
      lines.push(`${token}\t${start}-${end}\t${tag}`);
      previousEnd = end;
      start = end;
    }
  }
  return {
    text: lines.map((l) => l + '\n').join(''),
    hashTokens,
    dropped: dropped.map(({ span, reason }) => ({
      articleId: article.id,
      annotator,
      spanId: span.id,
      label: span.label,
      start: span.start,
      end: span.end,
      reason,
    })),
  };
}

/** Where the span's first piece starts: the span start, or the first token after leading whitespace. */
function firstPieceStart(span: ExportSpan, tokens: { starts: Int32Array; ends: Int32Array }): number {
  let lo = 0;
  let hi = tokens.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens.ends[mid]! <= span.start) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(span.start, tokens.starts[lo]!);
}

/** Annotator names of an article's documents; an article without spans still gets one, all O. */
function documents(article: ExportArticle, manifest: ExportManifest): { annotator: string; spans: ExportSpan[] }[] {
  const groups = spansByAnnotator(article.spans);
  if (groups.length) return groups;
  // With a single-layer filter the empty layer has a name; with 'all' nobody's is known.
  return [{ annotator: manifest.filters.layer === 'all' ? '' : manifest.filters.layer, spans: [] }];
}

export function droppedWarning(d: DroppedSpan): string {
  return `CoNLL: span ${d.spanId} (${d.label} ${d.start}-${d.end}, article ${d.articleId}, ${d.annotator}) was left out because ${d.reason}.`;
}

/**
 * Hashtags are tokens, so a token line may start with "#" (never with "# "): a reader told that
 * every line starting with "#" is a comment would lose them.
 */
export function hashTokenWarning(count: number): string {
  const lines = count === 1 ? '1 token line starts' : `${count.toLocaleString('en')} token lines start`;
  return `CoNLL: ${lines} with "#" (a hashtag, say). Comment lines start with "# " (hash, space): read only those as comments, or these tokens are lost.`;
}

export function droppedBlock(dropped: readonly DroppedSpan[]): string {
  const lines = [`# unrepresentable spans = ${dropped.length}`];
  for (const d of dropped) {
    lines.push(`# - article_id=${oneLine(d.articleId)} annotator=${oneLine(d.annotator)} span_id=${oneLine(d.spanId)} label=${d.label} offsets=${d.start}-${d.end}: ${d.reason}`);
  }
  return lines.map((l) => l + '\n').join('');
}

export const conll: FormatWriter = {
  contentType: 'text/plain; charset=utf-8',
  fileExtension: 'conll',
  async *write({ manifest, articles }) {
    // Kept until the end for the closing block; only spans that could not be written, a small share.
    const dropped: DroppedSpan[] = [];
    let hashTokens = 0;
    for await (const article of articles) {
      const index = new CodePointIndex(article.text);
      const tokens = conllTokens(article.text);
      let chunk = '';
      for (const doc of documents(article, manifest)) {
        const result = conllDocument(article, doc.annotator, doc.spans, index, tokens);
        chunk += result.text + '\n';
        hashTokens += result.hashTokens;
        for (const d of result.dropped) {
          dropped.push(d);
          addWarning(manifest, droppedWarning(d));
        }
      }
      yield utf8(chunk);
    }
    if (hashTokens) addWarning(manifest, hashTokenWarning(hashTokens));
    yield utf8(droppedBlock(dropped));
  },
};
