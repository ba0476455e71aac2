import { describe, expect, it } from 'vitest';
import { doccano } from './doccano';
import { allSpans, cpSlice, decodeUtf8, runWriter, sampleArticles, sampleManifest } from './sample-export';

type Line = { id: string; text: string; label: [number, number, string][]; meta: Record<string, unknown> & { spans: Record<string, string>[] } };

function readDoccano(text: string): Line[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);
}

describe('doccano JSONL', () => {
  it('writes one line per article, with [start, end, label id] triples and span details in meta', async () => {
    const articles = sampleArticles();
    const { bytes } = await runWriter(doccano.write, articles, sampleManifest('doccano'));
    const lines = readDoccano(decodeUtf8(bytes));
    expect(lines.map((l) => l.id)).toEqual(['art-1', 'art/2']);
    for (const [i, line] of lines.entries()) {
      const article = articles[i]!;
      expect(line.text).toBe(article.text);
      expect(line.meta).toMatchObject({ title: article.title, outlet: article.outlet, sourceUrl: article.sourceUrl, textHash: article.textHash });
      expect(line.label).toHaveLength(article.spans.length);
      expect(line.meta.spans).toHaveLength(article.spans.length);
      line.label.forEach(([start, end, label], k) => {
        const meta = line.meta.spans[k]!;
        const span = article.spans.find((s) => s.id === meta.id)!;
        expect({ start, end, label }).toEqual({ start: span.start, end: span.end, label: span.label });
        expect(meta).toMatchObject({ start, end, label, text: span.text, annotator: span.annotator, layer: span.layer, verdict: span.verdict, speaker: span.speaker, note: span.note });
        expect(cpSlice(line.text, start, end)).toBe(span.text);
      });
      // In doccano's own order, (start, end, label) ascending, as its export sorts them.
      expect(line.label).toEqual([...line.label].sort((x, y) => x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0)));
    }
    expect(lines.flatMap((l) => l.label)).toHaveLength(allSpans(articles).length);
  });

  it('uses label ids, never numbers or display names', async () => {
    const { bytes } = await runWriter(doccano.write, sampleArticles(), sampleManifest('doccano'));
    const labels = new Set(readDoccano(decodeUtf8(bytes)).flatMap((l) => l.label.map((t) => t[2])));
    expect([...labels].sort()).toEqual(['claim', 'opinion', 'sourced_quote']);
  });

  it('carries no manifest line, since doccano would import it as an example', async () => {
    const { bytes } = await runWriter(doccano.write, [], sampleManifest('doccano'));
    expect(bytes).toHaveLength(0);
  });

  it('warns in the manifest about the spans doccano will show shifted because its editor counts UTF-16 units', async () => {
    const articles = sampleArticles();
    const { final } = await runWriter(doccano.write, articles, sampleManifest('doccano'));
    const shifted = allSpans(articles).filter(
      ({ article, span }) => cpSlice(article.text, 0, span.start).length !== span.start || cpSlice(article.text, 0, span.end).length !== span.end,
    );
    expect(shifted.length).toBeGreaterThan(0);
    expect(final.warnings.find((w) => w.startsWith('doccano:'))).toContain(`${shifted.length} span(s) in 2 article(s)`);
    const none = await runWriter(doccano.write, [], sampleManifest('doccano'));
    expect(none.final.warnings.some((w) => w.startsWith('doccano:'))).toBe(false);
  });

  it('writes UTF-16 offsets on request, as doccano counts them, without the shift warning, and reads back at the same places', async () => {
    const articles = sampleArticles();
    const { bytes, final } = await runWriter(doccano.write, articles, { ...sampleManifest('doccano'), offsets: 'utf-16-code-units' });
    const text = decodeUtf8(bytes);
    const lines = readDoccano(text);
    for (const [i, line] of lines.entries()) {
      expect(line.meta.offsets).toBe('utf-16-code-units');
      // JavaScript's own string slicing finds each span: what doccano's editor does.
      line.label.forEach(([start, end], j) => expect(line.text.slice(start, end)).toBe(articles[i]!.spans.find((s) => s.id === line.meta.spans[j]!.id)!.text));
    }
    expect(final.warnings.some((w) => w.startsWith('doccano:'))).toBe(false);
    const { readDoccano: importDoccano } = await import('./read/doccano');
    const read = importDoccano('utf16.jsonl', text);
    expect(read.problems).toEqual([]);
    // Read back as code points of the (canonical, NFC) text, each span at its own text.
    read.articles.forEach((a, i) => {
      expect(a.spans.map((s) => cpSlice(a.text, s.start, s.end)).sort()).toEqual(articles[i]!.spans.map((s) => s.text.normalize('NFC')).sort());
    });
  });

  it('reads back a file doccano imported and exported again: spans in another order, one relabelled, one added there in UTF-16', async () => {
    // Nested spans that share a start, after an emoji: the order and the units both matter.
    const text = 'Rain 😀 fell. Café owners called it naive.';
    const cp = (quote: string) => {
      const at = [...text.slice(0, text.indexOf(quote))].length;
      return { start: at, end: at + [...quote].length };
    };
    const article = sampleArticles()[0]!;
    const spans = [
      { ...article.spans[0]!, id: 'outer', label: 'opinion' as const, ...cp('Café owners called it naive'), text: 'Café owners called it naive', annotator: 'ann@example.org', speaker: '', note: 'outer note' },
      { ...article.spans[0]!, id: 'inner', label: 'claim' as const, ...cp('Café owners'), text: 'Café owners', annotator: 'ann@example.org', speaker: '', note: 'inner note' },
    ];
    for (const offsets of ['unicode-code-points', 'utf-16-code-units'] as const) {
      const { bytes } = await runWriter(doccano.write, [{ ...article, text, spans }], { ...sampleManifest('doccano'), offsets });
      const [line] = readDoccano(decodeUtf8(bytes));
      // What doccano gives back: its own id, the spans in another order, one more span its editor
      // drew (UTF-16, no details), and Slant's meta as it was.
      const fell = text.indexOf('fell');
      // The inner span relabelled there, as a doccano pass is usually for.
      const relabelled = line!.label.map(([start, end, label]) => [start, end, label === 'claim' ? 'sourced_quote' : label] as const);
      const redone = { id: 17, text: line!.text, label: [[fell, fell + 4, 'claim'], ...[...relabelled].reverse()], meta: line!.meta };
      const { readDoccano: importDoccano } = await import('./read/doccano');
      const read = importDoccano('round-trip.jsonl', JSON.stringify(redone) + '\n');
      expect(read.problems).toEqual([]);
      const got = read.articles[0]!.spans.map((s) => [cpSlice(read.articles[0]!.text, s.start, s.end), s.label, s.note ?? '']).sort();
      expect(got).toEqual(
        [
          ['Café owners', 'sourced_quote', 'inner note'],
          ['Café owners called it naive', 'opinion', 'outer note'],
          ['fell', 'claim', ''],
        ].sort(),
      );
    }
  });
});
