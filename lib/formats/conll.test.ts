import { describe, expect, it } from 'vitest';
import { conll } from './conll';
import { allSpans, ANN1, ANN2, cpSlice, decodeUtf8, runWriter, sampleArticles, sampleManifest } from './sample-export';

type Doc = { articleId: string; annotator: string; tokens: { token: string; tag: string; start: number; end: number; blockStart: boolean }[] };

/** Reads documents, token lines and the closing block, as the format is documented. */
function readConll(text: string) {
  const docs: Doc[] = [];
  const dropped: string[] = [];
  let doc: Doc | null = null;
  let blank = false;
  let droppedCount = -1;
  for (const line of text.split('\n')) {
    if (line === '') {
      blank = true;
      continue;
    }
    if (line.startsWith('# ')) {
      const m = /^# (\w+(?: \w+)?) = ?(.*)$/.exec(line);
      if (m?.[1] === 'article_id') {
        doc = { articleId: m[2]!, annotator: '', tokens: [] };
        docs.push(doc);
      } else if (m?.[1] === 'annotator') doc!.annotator = m[2]!;
      else if (m?.[1] === 'unrepresentable spans') droppedCount = Number(m[2]);
      else if (line.startsWith('# - ')) dropped.push(/span_id=(\S+)/.exec(line)![1]!);
      continue;
    }
    const [token, offsets, tag, ...extra] = line.split('\t');
    expect(extra).toEqual([]);
    const [start, end] = offsets!.split('-').map(Number) as [number, number];
    doc!.tokens.push({ token: token!, tag: tag!, start, end, blockStart: blank });
    blank = false;
  }
  expect(droppedCount).toBe(dropped.length);
  return { docs, dropped };
}

/** BIO back to spans: B- opens, I- of the same label continues, anything else closes. */
function spansOf(doc: Doc) {
  const spans: { label: string; start: number; end: number }[] = [];
  let open: { label: string; start: number; end: number } | null = null;
  for (const t of doc.tokens) {
    const [prefix, label] = t.tag.split('-') as [string, string | undefined];
    if (prefix === 'I' && open && open.label === label?.toLowerCase()) {
      expect(t.blockStart).toBe(false);
      open.end = t.end;
      continue;
    }
    expect(prefix).not.toBe('I');
    if (open) spans.push(open);
    open = prefix === 'B' ? { label: label!.toLowerCase(), start: t.start, end: t.end } : null;
  }
  if (open) spans.push(open);
  return spans;
}

describe('CoNLL BIO', () => {
  it('writes one document per article and annotator, tokens with code point offsets', async () => {
    const articles = sampleArticles();
    const { bytes } = await runWriter(conll.write, articles, sampleManifest('conll'));
    const { docs } = readConll(decodeUtf8(bytes));
    expect(docs.map((d) => [d.articleId, d.annotator])).toEqual([
      ['art-1', 'gold'],
      ['art-1', ANN1],
      ['art-1', ANN2],
      ['art/2', 'gold'],
      ['art/2', ANN1],
      ['art/2', ANN2],
    ]);
    for (const doc of docs) {
      const text = articles.find((a) => a.id === doc.articleId)!.text;
      for (const t of doc.tokens) {
        expect(cpSlice(text, t.start, t.end)).toBe(t.token);
        expect(t.token).not.toMatch(/\s/);
      }
      // Every non-whitespace code point is in exactly one token.
      const covered = doc.tokens.reduce((n, t) => n + (t.end - t.start), 0);
      expect(covered).toBe(Array.from(text).filter((c) => !/\s/.test(c)).length);
    }
  });

  it('keeps every span it can, exactly, and reports each overlapping one instead of dropping it silently', async () => {
    const articles = sampleArticles();
    const { bytes, final } = await runWriter(conll.write, articles, sampleManifest('conll'));
    const { docs, dropped } = readConll(decodeUtf8(bytes));
    // ana's crossing quote starts first, so her outer claim and nested opinion cross it; her two spans over
    // "outrageous 😀!" have the same range and claim comes first.
    expect(dropped.sort()).toEqual(['s-claim-outer', 's-opinion-nested', 's-opinion-same']);
    for (const id of dropped) expect(final.warnings.some((w) => w.startsWith('CoNLL:') && w.includes(id))).toBe(true);
    const written = docs.flatMap((d) => spansOf(d).map((s) => ({ ...s, articleId: d.articleId, annotator: d.annotator })));
    const kept = allSpans(articles).filter(({ span }) => !dropped.includes(span.id));
    expect(written).toHaveLength(kept.length);
    for (const { article, span } of kept) {
      const found = written.find((w) => w.articleId === article.id && w.annotator === span.annotator && w.start === span.start && w.end === span.end);
      expect(found?.label).toBe(span.label);
      expect(cpSlice(article.text, found!.start, found!.end)).toBe(span.text);
    }
  });

  it('cuts a token at a span boundary and never opens a block inside a span', async () => {
    const articles = sampleArticles();
    const { bytes } = await runWriter(conll.write, articles, sampleManifest('conll'));
    const { docs } = readConll(decodeUtf8(bytes));
    const ben2 = docs.find((d) => d.articleId === 'art/2' && d.annotator === ANN2)!;
    expect(ben2.tokens.map((t) => t.token)).toContain('sharply"');
    expect(ben2.tokens.map((t) => t.token)).toContain('.');
    const ben1 = docs.find((d) => d.articleId === 'art-1' && d.annotator === ANN2)!;
    const critics = ben1.tokens.find((t) => t.token === 'Critics')!;
    expect([critics.tag, critics.blockStart]).toEqual(['I-CLAIM', false]);
    const sources = ben1.tokens.find((t) => t.token === 'Sources:')!;
    expect([sources.tag, sources.blockStart]).toEqual(['O', true]);
  });

  it('writes an all-O document for an article without spans, named after the filtered layer', async () => {
    const [article] = sampleArticles();
    const { bytes } = await runWriter(conll.write, [{ ...article!, spans: [] }], sampleManifest('conll', 'gold'));
    const { docs, dropped } = readConll(decodeUtf8(bytes));
    expect(docs).toHaveLength(1);
    expect(docs[0]!.annotator).toBe('gold');
    expect(docs[0]!.tokens.every((t) => t.tag === 'O')).toBe(true);
    expect(dropped).toEqual([]);
  });

  it('reports spans over whitespace only or outside the text', async () => {
    const [article] = sampleArticles();
    const base = article!.spans[0]!;
    const spans = [
      { ...base, id: 'ws', start: 5, end: 6, text: ' ' },
      { ...base, id: 'outside', start: 500, end: 510, text: '' },
    ];
    const { bytes, final } = await runWriter(conll.write, [{ ...article!, spans }], sampleManifest('conll'));
    const { dropped } = readConll(decodeUtf8(bytes));
    expect(dropped.sort()).toEqual(['outside', 'ws']);
    expect(final.warnings.filter((w) => w.startsWith('CoNLL:'))).toHaveLength(2);
  });

  it('writes hashtags as tokens, never as comment lines, and warns once that comments start with "# "', async () => {
    const [article] = sampleArticles();
    const text = '#MeToo is # big. #';
    const span = { ...article!.spans[0]!, id: 's', label: 'opinion' as const, start: 0, end: 9, text: '#MeToo is' };
    const { bytes, final } = await runWriter(conll.write, [{ ...article!, text, spans: [span] }], sampleManifest('conll'));
    const written = decodeUtf8(bytes);
    const { docs } = readConll(written);
    expect(docs[0]!.tokens.map((t) => [t.token, t.tag])).toEqual([
      ['#MeToo', 'B-OPINION'],
      ['is', 'I-OPINION'],
      ['#', 'O'],
      ['big.', 'O'],
      ['#', 'O'],
    ]);
    // Every line starting with "# " is a comment; no token line does.
    expect(written.split('\n').filter((l) => l.startsWith('#') && !l.startsWith('# '))).toEqual(['#MeToo\t0-6\tB-OPINION', '#\t10-11\tO', '#\t17-18\tO']);
    expect(final.warnings.filter((w) => w.includes('"#"'))).toEqual([
      'CoNLL: 3 token lines start with "#" (a hashtag, say). Comment lines start with "# " (hash, space): read only those as comments, or these tokens are lost.',
    ]);
  });

  it('gives no hashtag warning when no token starts with "#"', async () => {
    const { final } = await runWriter(conll.write, sampleArticles(), sampleManifest('conll'));
    expect(final.warnings.filter((w) => w.includes('"#"'))).toEqual([]);
  });

  it('cuts tokens at line breaks JavaScript\'s \\s does not know, so a Python reader sees one row per token', async () => {
    const [article] = sampleArticles();
    const text = 'Prices rose\u0085sharply, A\u001cB said\u001fit.';
    const span = { ...article!.spans[0]!, id: 's', label: 'claim' as const, start: 0, end: 19, text: 'Prices rose\u0085sharply' };
    const { bytes } = await runWriter(conll.write, [{ ...article!, text, spans: [span] }], sampleManifest('conll'));
    const written = decodeUtf8(bytes);
    // What Python's str.splitlines() would cut at: no such character is left inside a row.
    expect(/[\u001c-\u001e\u0085\u2028\u2029\v\f\r]/.test(written)).toBe(false);
    // Nor what its str.split() would cut a row into columns at (U+001F too).
    for (const row of written.split('\n').filter((l) => l && !l.startsWith('# '))) expect(row.split(/[\s\u001c-\u001f\u0085]+/u)).toHaveLength(3);
    const { docs } = readConll(written);
    expect(docs[0]!.tokens.map((t) => [t.token, t.tag])).toEqual([
      ['Prices', 'B-CLAIM'],
      ['rose', 'I-CLAIM'],
      ['sharply', 'I-CLAIM'],
      [',', 'O'],
      ['A', 'O'],
      ['B', 'O'],
      ['said', 'O'],
      ['it.', 'O'],
    ]);
    for (const t of docs[0]!.tokens) expect(cpSlice(text, t.start, t.end)).toBe(t.token);
  });
});
