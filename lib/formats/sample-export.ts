/*
 * Test data for the format writers (not a test file itself): two articles whose texts hold a ZWJ
 * emoji sequence, a plain emoji, a precomposed and a decomposed accent, NBSP and line breaks,
 * with nested, crossing and identical spans, a span over a line break, two annotators and gold.
 */
import { LABELS, LABEL_INFO, type Label } from '../labels';
import { EXPORT_FORMAT_VERSION, sortedSpans, type ExportArticle, type ExportFormat, type ExportManifest, type ExportSpan } from './model';
import type { FormatWriter } from './writer';

export const ANN1 = 'ana@example.org';
export const ANN2 = 'ben@example.org';

export const TEXT1 = 'Mayor 👩‍👩‍👧 Ana said:\u00a0"Taxes will fall 😀 next year."\nCritics call it naïve.\n\nSources: the café, =SUM(A1).';
export const TEXT2 = 'Cafe\u0301 owners said "prices rose, sharply".\nThis is outrageous 😀!';

/** Code point offsets of the `occurrence`-th match of `quote` in `text`. */
export function locate(text: string, quote: string, occurrence = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(quote, at + 1);
    if (at < 0) throw new Error(`"${quote}" not found in the sample text`);
  }
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(quote).length };
}

/** What Python's text[start:end] gives. */
export function cpSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

let created = 0;
function span(text: string, id: string, label: Label, quote: string, annotator: string, extra: Partial<ExportSpan> = {}): ExportSpan {
  const { start, end } = locate(text, quote);
  const stamp = new Date(Date.UTC(2026, 10, 1, 9, 0, created++)).toISOString();
  return {
    id,
    label,
    start,
    end,
    text: quote,
    speaker: '',
    note: '',
    annotator,
    layer: annotator === 'gold' ? 'gold' : 'annotator',
    verdict: '',
    createdAt: stamp,
    updatedAt: stamp,
    ...extra,
  };
}

export function sampleArticles(): ExportArticle[] {
  created = 0;
  const a1: ExportArticle = {
    id: 'art-1',
    title: 'Budget day, "the" plan',
    author: 'Dana Writer',
    outlet: 'Example Times',
    sourceUrl: 'https://example.org/budget?x=1,2',
    publishedOn: '2026-10-30',
    topic: 'economy',
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-02T08:00:00.000Z',
    text: TEXT1,
    textHash: 'hash-1',
    spans: sortedSpans([
      span(TEXT1, 's-claim-outer', 'claim', 'Taxes will fall 😀 next year.', ANN1, { speaker: 'Ana', note: 'promise' }),
      span(TEXT1, 's-opinion-nested', 'opinion', 'will fall', ANN1),
      span(TEXT1, 's-quote-crossing', 'sourced_quote', 'Ana said:\u00a0"Taxes will', ANN1, { speaker: 'Ana Lopez, mayor' }),
      span(TEXT1, 's-claim-newline', 'claim', 'next year."\nCritics call it naïve.', ANN2, {
        verdict: 'accepted',
        note: 'spans two lines;\nnote has "quotes", commas\\backslash',
      }),
      span(TEXT1, 's-gold-emoji', 'claim', '👩‍👩‍👧 Ana', 'gold', { speaker: 'Mayor\tAna' }),
      span(TEXT1, 's-gold-formula', 'opinion', '=SUM(A1).', 'gold', { verdict: 'edited' }),
    ]),
  };
  const a2: ExportArticle = {
    id: 'art/2',
    title: 'Prices',
    author: '',
    outlet: 'Other Paper',
    sourceUrl: '',
    publishedOn: '',
    topic: '',
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-01T08:00:00.000Z',
    text: TEXT2,
    textHash: 'hash-2',
    spans: sortedSpans([
      span(TEXT2, 's-gold-accent', 'opinion', 'Cafe\u0301 owners', 'gold', { note: 'decomposed é' }),
      span(TEXT2, 's-claim-emoji', 'claim', 'outrageous 😀!', ANN1, { verdict: 'rejected' }),
      span(TEXT2, 's-opinion-same', 'opinion', 'outrageous 😀!', ANN1),
      span(TEXT2, 's-quote-comma', 'sourced_quote', '"prices rose, sharply"', ANN2, { speaker: 'owners' }),
    ]),
  };
  return [a1, a2];
}

export function sampleManifest(format: ExportFormat, layer = 'all'): ExportManifest {
  return {
    formatVersion: EXPORT_FORMAT_VERSION,
    format,
    exportedAt: '2026-11-27T12:00:00.000Z',
    project: { id: 'proj-1', name: 'Budget coverage' },
    filters: { layer },
    guidelines: '# Guidelines\nLabel claims.',
    offsets: 'unicode-code-points',
    counts: { articles: 0, spans: 0, perLabel: {}, perAnnotator: {} },
    agreement: { krippendorffAlpha: 0.61, comparedArticles: 2 },
    labels: LABELS.map((id) => ({ id, name: LABEL_INFO[id].name })),
    warnings: ['1 of 3 articles are not adjudicated yet.'],
  };
}

async function* lazily<T>(items: readonly T[], seen: { count: number }): AsyncGenerator<T> {
  for (const item of items) {
    seen.count++;
    yield item;
  }
}

export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Runs a writer the way the export service does: articles counted as they are consumed, and a
 * final manifest that spreads the starting one (so both share `warnings`).
 */
export async function runWriter(
  write: FormatWriter['write'],
  articles: readonly ExportArticle[],
  manifest: ExportManifest,
): Promise<{ bytes: Uint8Array; final: ExportManifest; pulledAtChunk: number[] }> {
  const counts = manifest.counts;
  const seen = { count: 0 };
  async function* counted(): AsyncGenerator<ExportArticle> {
    for await (const a of lazily(articles, seen)) {
      counts.articles++;
      for (const s of a.spans) {
        counts.spans++;
        counts.perLabel[s.label] = (counts.perLabel[s.label] ?? 0) + 1;
        counts.perAnnotator[s.annotator] = (counts.perAnnotator[s.annotator] ?? 0) + 1;
      }
      yield a;
    }
  }
  const finalManifest = () => ({ ...manifest, counts: { ...counts } });
  const chunks: Uint8Array[] = [];
  // How many articles had been pulled when each chunk came out: shows the writer streams.
  const pulledAtChunk: number[] = [];
  for await (const chunk of write({ manifest, articles: counted(), finalManifest })) {
    chunks.push(chunk);
    pulledAtChunk.push(seen.count);
  }
  return { bytes: concat(chunks), final: finalManifest(), pulledAtChunk };
}

/** Strict UTF-8 decoding: a writer must never produce invalid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}

export function allSpans(articles: readonly ExportArticle[]): { article: ExportArticle; span: ExportSpan }[] {
  return articles.flatMap((article) => article.spans.map((span) => ({ article, span })));
}
