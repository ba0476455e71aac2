import { describe, expect, it } from 'vitest';
import type { ExportManifest } from './model';
import { allSpans, cpSlice, decodeUtf8, runWriter, sampleArticles, sampleManifest } from './sample-export';
import { w3c } from './w3c';

type Body = { type: string; purpose: string; value: string };
type Item = {
  id: string;
  type: string;
  motivation: string;
  creator?: { type: string; name: string; email?: string };
  body: Body | Body[];
  target: { id?: string; source?: string; selector?: [{ type: string; exact: string; prefix: string; suffix: string }, { type: string; start: number; end: number }] };
  created: string;
  modified: string;
};
type Collection = { '@context': unknown[]; type: string; first: { type: string; items: Item[] }; total: number; 'slant:manifest': ExportManifest };

async function sample() {
  const articles = sampleArticles();
  const run = await runWriter(w3c.write, articles, sampleManifest('w3c'));
  return { articles, doc: JSON.parse(decodeUtf8(run.bytes)) as Collection, final: run.final };
}

/** Spans as a Web Annotation reader sees them: texts from the describing items, spans from the classifying ones. */
function readSpans(doc: Collection) {
  const texts = new Map<string, string>();
  for (const item of doc.first.items) if (item.motivation === 'describing') texts.set(item.target.id!, (item.body as Body).value);
  return doc.first.items
    .filter((item) => item.motivation === 'classifying')
    .map((item) => {
      const bodies = item.body as Body[];
      const byPurpose = (p: string) => bodies.find((b) => b.purpose === p)?.value ?? '';
      const [quote, position] = item.target.selector!;
      expect([quote.type, position.type]).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
      const text = texts.get(item.target.source!)!;
      expect(text).toBeDefined();
      return {
        id: decodeURIComponent(item.id.replace('urn:slant:span:', '')),
        text,
        start: position.start,
        end: position.end,
        quote,
        label: byPurpose('classifying'),
        speaker: byPurpose('identifying'),
        note: byPurpose('commenting'),
        verdict: byPurpose('assessing'),
        annotator: item.creator!.name,
        creatorType: item.creator!.type,
        created: item.created,
        modified: item.modified,
      };
    });
}

describe('W3C Web Annotation collection', () => {
  it('is one AnnotationCollection with the anno.jsonld context, a page of items, the total and the final manifest', async () => {
    const { doc, final } = await sample();
    expect(doc['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.first.type).toBe('AnnotationPage');
    expect(doc.total).toBe(doc.first.items.length);
    expect(doc.first.items.filter((i) => i.motivation === 'describing').map((i) => i.target.id)).toEqual(['urn:slant:article:art-1', 'urn:slant:article:art%2F2']);
    expect(doc['slant:manifest']).toEqual(final);
    expect(doc['slant:manifest'].counts.spans).toBe(10);
  });

  it('carries each span with both selectors in code points, quote context, label, speaker, note, verdict and creator', async () => {
    const { articles, doc } = await sample();
    const spans = readSpans(doc);
    const expected = allSpans(articles);
    expect(spans).toHaveLength(expected.length);
    for (const { article, span } of expected) {
      const found = spans.find((s) => s.id === span.id)!;
      expect(found).toMatchObject({
        text: article.text,
        start: span.start,
        end: span.end,
        label: span.label,
        speaker: span.speaker,
        note: span.note,
        verdict: span.verdict,
        annotator: span.annotator,
        creatorType: span.layer === 'gold' ? 'Organization' : 'Person',
        created: span.createdAt,
        modified: span.updatedAt,
      });
      expect(cpSlice(found.text, found.start, found.end)).toBe(found.quote.exact);
      expect(found.quote.exact).toBe(span.text);
      expect(found.quote.prefix).toBe(cpSlice(article.text, Math.max(0, span.start - 32), span.start));
      expect(found.quote.suffix).toBe(cpSlice(article.text, span.end, span.end + 32));
    }
  });

  it('is valid JSON without articles', async () => {
    const run = await runWriter(w3c.write, [], sampleManifest('w3c'));
    const doc = JSON.parse(decodeUtf8(run.bytes)) as Collection;
    expect(doc.first.items).toEqual([]);
    expect(doc.total).toBe(0);
  });
});
