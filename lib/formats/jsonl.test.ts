import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../labels';
import { jsonl } from './jsonl';
import { sortedSpans, type ExportArticle, type ExportManifest, type ExportSpan } from './model';
import { allSpans, cpSlice, decodeUtf8, runWriter, sampleArticles, sampleManifest } from './sample-export';

/** A reader written from the documented layout, independent of the writer's code. */
function readJsonl(text: string) {
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  const [head, ...rest] = lines;
  const tail = rest.pop();
  expect(head?.type).toBe('manifest');
  expect(tail?.type).toBe('summary');
  for (const line of rest) expect(line.type).toBe('article');
  const { type: _h, ...header } = head!;
  const { type: _t, ...summary } = tail!;
  const articles = rest.map(({ type: _a, ...article }) => article as unknown as ExportArticle);
  return { header, summary, manifest: { ...header, ...summary } as unknown as ExportManifest, articles };
}

describe('Slant JSONL', () => {
  it('puts the manifest first without counts, one line per article, and counts, agreement and warnings last', async () => {
    const articles = sampleArticles();
    const manifest = sampleManifest('jsonl');
    const { bytes, final } = await runWriter(jsonl.write, articles, manifest);
    const text = decodeUtf8(bytes);
    expect(text.split('\n')).toHaveLength(articles.length + 3); // + manifest, summary, final empty piece
    const read = readJsonl(text);
    expect(read.header).not.toHaveProperty('counts');
    expect(read.header).toMatchObject({ format: 'jsonl', formatVersion: '1.0', offsets: 'unicode-code-points', project: { id: 'proj-1' } });
    expect(read.summary).toEqual({ counts: final.counts, agreement: final.agreement, warnings: final.warnings });
    expect(read.summary.counts).toMatchObject({ articles: 2, spans: 10, perAnnotator: { gold: 3, 'ana@example.org': 5, 'ben@example.org': 2 } });
    expect(read.manifest).toEqual(final);
    expect(read.articles).toEqual(articles);
  });

  it('keeps every span text equal to the article text sliced in code points', async () => {
    const articles = sampleArticles();
    const { bytes } = await runWriter(jsonl.write, articles, sampleManifest('jsonl'));
    const read = readJsonl(decodeUtf8(bytes));
    const spans = read.articles.flatMap((a) => a.spans.map((s) => ({ text: a.text, s })));
    expect(spans).toHaveLength(allSpans(articles).length);
    for (const { text, s } of spans) expect(cpSlice(text, s.start, s.end)).toBe(s.text);
    // "Ana" follows "Mayor " and a 5-code-point ZWJ family emoji (8 UTF-16 units) and a space:
    // code point 12, UTF-16 index 15. The export must say 12.
    const crossing = spans.find(({ s }) => s.id === 's-quote-crossing')!.s;
    expect(crossing.start).toBe(12);
    expect(articles[0]!.text.indexOf('Ana said')).toBe(15);
  });

  it('escapes U+2028 and U+2029 so line-splitting readers see one record per line', async () => {
    const [article] = sampleArticles();
    const odd = { ...article!, text: 'a\u2028b\u2029c\u0085d', spans: [] };
    const { bytes } = await runWriter(jsonl.write, [odd], sampleManifest('jsonl'));
    const text = decodeUtf8(bytes);
    expect(text).not.toMatch(/[\u2028\u2029\u0085]/);
    expect(readJsonl(text).articles[0]!.text).toBe(odd.text);
  });

  it('writes a header and a summary for an export without articles', async () => {
    const { bytes } = await runWriter(jsonl.write, [], sampleManifest('jsonl'));
    const read = readJsonl(decodeUtf8(bytes));
    expect(read.articles).toEqual([]);
    expect(read.summary.counts).toEqual({ articles: 0, spans: 0, perLabel: {}, perAnnotator: {} });
  });

  it('round-trips random articles and spans, astral characters and overlaps included', async () => {
    const piece = fc.constantFrom('a', 'Zo', ' ', '\n', '\u00a0', '😀', '👩‍👩‍👧', 'e\u0301', 'é', '"', ',', '\\', '\u2028', '\t', '𝒳');
    const textArb = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
    const articleArb = (n: number) =>
      textArb.chain((text) => {
        const length = Array.from(text).length;
        const spanArb = fc.record({
          a: fc.nat({ max: length }),
          b: fc.nat({ max: length }),
          label: fc.constantFrom(...LABELS),
          annotator: fc.constantFrom('gold', 'x@example.org', 'y@example.org'),
          verdict: fc.constantFrom('' as const, 'accepted' as const, 'rejected' as const, 'edited' as const),
          speaker: fc.string({ unit: 'binary', maxLength: 8 }),
          note: fc.string({ unit: 'grapheme', maxLength: 8 }),
        });
        return fc.record({ title: fc.string({ maxLength: 10 }), spans: fc.array(spanArb, { maxLength: 8 }) }).map(({ title, spans }) => {
          const exportSpans: ExportSpan[] = spans.map((s, i) => {
            const start = Math.min(s.a, s.b);
            const end = Math.max(s.a, s.b);
            return {
              id: `a${n}-s${i}`,
              label: s.label,
              start,
              end,
              text: cpSlice(text, start, end),
              speaker: s.speaker,
              note: s.note,
              annotator: s.annotator,
              layer: s.annotator === 'gold' ? 'gold' : 'annotator',
              verdict: s.verdict,
              createdAt: '2026-01-01T00:00:00.000Z',
              updatedAt: '2026-01-02T00:00:00.000Z',
            };
          });
          const article: ExportArticle = {
            id: `article-${n}`,
            title,
            author: '',
            outlet: 'o',
            sourceUrl: '',
            publishedOn: '',
            topic: '',
            createdAt: '2026-01-01T00:00:00.000Z',
            updatedAt: '2026-01-01T00:00:00.000Z',
            text,
            textHash: `h${n}`,
            spans: sortedSpans(exportSpans),
          };
          return article;
        });
      });
    const exportArb = fc.integer({ min: 0, max: 3 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, n) => articleArb(n))));
    await fc.assert(
      fc.asyncProperty(exportArb, async (articles) => {
        const { bytes, final } = await runWriter(jsonl.write, articles, sampleManifest('jsonl'));
        const read = readJsonl(decodeUtf8(bytes));
        expect(read.articles).toEqual(articles);
        expect(read.manifest).toEqual(final);
        for (const a of read.articles) for (const s of a.spans) expect(cpSlice(a.text, s.start, s.end)).toBe(s.text);
      }),
      { numRuns: 60 },
    );
  });
});
