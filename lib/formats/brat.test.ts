import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LABELS, type Label } from '../labels';
import { brat } from './brat';
import type { ExportManifest } from './model';
import { allSpans, cpSlice, decodeUtf8, locate, runWriter, sampleArticles, sampleManifest } from './sample-export';

const typeToLabel: Record<string, Label> = { Claim: 'claim', Opinion: 'opinion', Sourced_quote: 'sourced_quote' };

function unescapeNote(value: string): string {
  const simple: Record<string, string> = { '\\': '\\', n: '\n', r: '\r', t: '\t' };
  return value.replace(/\\(\\|n|r|t|u[0-9a-f]{4})/g, (_, e: string) => simple[e] ?? String.fromCharCode(parseInt(e.slice(1), 16)));
}

/** A small standoff reader: T lines, A (Verdict) lines and AnnotatorNotes, joined by T id. */
function readAnn(ann: string, text: string) {
  const entities = new Map<string, { label: Label; fragments: [number, number][]; shown: string; notes: Record<string, string>; verdict: string }>();
  expect(ann.endsWith('\n')).toBe(true);
  for (const line of ann.slice(0, -1).split('\n')) {
    const [id, middle, ...rest] = line.split('\t');
    // Only a T line's text may contain tabs (it is the article's own text).
    if (!id!.startsWith('T')) expect(rest.length).toBeLessThanOrEqual(1);
    if (id!.startsWith('T')) {
      const [type, ...offsets] = middle!.split(' ');
      const fragments = offsets
        .join(' ')
        .split(';')
        .map((f) => f.split(' ').map(Number) as [number, number]);
      entities.set(id!, { label: typeToLabel[type!]!, fragments, shown: rest.join('\t'), notes: {}, verdict: '' });
    } else if (id!.startsWith('A')) {
      const [name, target, value] = middle!.split(' ');
      expect(name).toBe('Verdict');
      entities.get(target!)!.verdict = value!;
    } else if (id!.startsWith('#')) {
      const [kind, target] = middle!.split(' ');
      expect(kind).toBe('AnnotatorNotes');
      // One line per entity, as brat keeps one: "Key: value | Key: value", "|" escaped in values.
      const entity = entities.get(target!)!;
      expect(Object.keys(entity.notes)).toEqual([]);
      for (const field of rest.join('\t').split(' | ')) {
        const colon = field.indexOf(': ');
        entity.notes[field.slice(0, colon)] = unescapeNote(field.slice(colon + 2));
      }
    } else {
      throw new Error(`Unexpected .ann line: ${line}`);
    }
  }
  return [...entities.values()].map((e) => {
    for (const [s, end] of e.fragments) expect(cpSlice(text, s, end)).not.toMatch(/\n/);
    expect(e.fragments.map(([s, end]) => cpSlice(text, s, end)).join(' ')).toBe(e.shown);
    const start = e.fragments[0]![0];
    const end = e.fragments[e.fragments.length - 1]![1];
    return { id: e.notes['Slant span']!, label: e.label, start, end, text: cpSlice(text, start, end), annotator: e.notes.Annotator, speaker: e.notes.Speaker ?? '', note: e.notes.Note ?? '', verdict: e.verdict, fragments: e.fragments.length };
  });
}

async function sampleZip() {
  const articles = sampleArticles();
  const run = await runWriter(brat.write, articles, sampleManifest('brat'));
  return { articles, files: unzipSync(run.bytes), final: run.final };
}

describe('brat standoff ZIP', () => {
  it('holds the configuration, per article .txt, .ann and .json, and the final manifest', async () => {
    const { files, final } = await sampleZip();
    expect(Object.keys(files)).toEqual(['annotation.conf', 'visual.conf', 'art-1.txt', 'art-1.ann', 'art-1.json', 'art_2.txt', 'art_2.ann', 'art_2.json', 'manifest.json']);
    const conf = decodeUtf8(files['annotation.conf']!);
    for (const section of ['[entities]', '[relations]', '[events]', '[attributes]']) expect(conf).toContain(section);
    expect(conf).toMatch(/^Claim$/m);
    expect(conf).toMatch(/^Sourced_quote$/m);
    expect(conf).toMatch(/^Verdict\tArg:<ENTITY>, Value:accepted\|rejected\|edited$/m);
    expect(JSON.parse(decodeUtf8(files['art_2.json']!))).toMatchObject({ id: 'art/2', title: 'Prices' });
    const manifest = JSON.parse(decodeUtf8(files['manifest.json']!)) as ExportManifest;
    expect(manifest).toEqual(final);
    expect(manifest.counts.spans).toBe(10);
  });

  it('keeps every span with code point offsets, its speaker, note, annotator and verdict', async () => {
    const { articles, files } = await sampleZip();
    const read = [
      ...readAnn(decodeUtf8(files['art-1.ann']!), decodeUtf8(files['art-1.txt']!)),
      ...readAnn(decodeUtf8(files['art_2.ann']!), decodeUtf8(files['art_2.txt']!)),
    ];
    const expected = allSpans(articles);
    expect(read).toHaveLength(expected.length);
    for (const { article, span } of expected) {
      const found = read.find((r) => r.id === span.id)!;
      expect(found).toMatchObject({ label: span.label, start: span.start, end: span.end, text: span.text, annotator: span.annotator, speaker: span.speaker, note: span.note, verdict: span.verdict });
      expect(cpSlice(article.text, found.start, found.end)).toBe(span.text);
    }
    expect(read.find((r) => r.id === 's-claim-newline')!.fragments).toBe(2);
    expect(LABELS.every((l) => read.some((r) => r.label === l))).toBe(true);
  });

  it('writes the text files byte for byte', async () => {
    const { articles, files } = await sampleZip();
    expect(decodeUtf8(files['art-1.txt']!)).toBe(articles[0]!.text);
    expect(decodeUtf8(files['art_2.txt']!)).toBe(articles[1]!.text);
  });

  it('reports a span it cannot hold instead of dropping it silently', async () => {
    const [article] = sampleArticles();
    const { start, end } = locate(article!.text, '\n\n');
    const broken = { ...article!, spans: [{ ...article!.spans[0]!, id: 'only-newline', start, end, text: '\n\n' }] };
    const run = await runWriter(brat.write, [broken], sampleManifest('brat'));
    expect(decodeUtf8(unzipSync(run.bytes)['art-1.ann']!)).toBe('');
    expect(run.final.warnings.some((w) => w.includes('only-newline') && w.includes('line breaks'))).toBe(true);
  });

  it('leaves out a span of spaces and tabs (brat would refill its text from the file), with a warning', async () => {
    const article = { ...sampleArticles()[0]!, text: 'Before.\t \n\n  After.' };
    const spans = [
      { ...sampleArticles()[0]!.spans[0]!, id: 'spaces', start: 7, end: 13, text: '\t \n\n  ' },
      { ...sampleArticles()[0]!.spans[0]!, id: 'words', start: 0, end: 7, text: 'Before.' },
    ];
    const run = await runWriter(brat.write, [{ ...article, spans }], sampleManifest('brat'));
    const ann = decodeUtf8(unzipSync(run.bytes)['art-1.ann']!);
    expect(ann.split('\n').filter((l) => l.startsWith('T'))).toEqual(['T1\tClaim 0 7\tBefore.']);
    expect(run.final.warnings.some((w) => w.includes('spaces') && w.includes('covers only spaces or line breaks'))).toBe(true);
  });

  it('writes one AnnotatorNotes line per entity (brat keeps one), with a "|" inside a value escaped', async () => {
    const article = { ...sampleArticles()[0]!, text: 'Prices rose sharply.' };
    const spans = [{ ...sampleArticles()[0]!.spans[0]!, id: 's|1', start: 0, end: 11, text: 'Prices rose', label: 'sourced_quote' as const, speaker: 'A | B', note: 'one | two', annotator: 'ann@example.org' }];
    const run = await runWriter(brat.write, [{ ...article, spans }], sampleManifest('brat'));
    const ann = decodeUtf8(unzipSync(run.bytes)['art-1.ann']!);
    const notes = ann.split('\n').filter((l) => l.startsWith('#'));
    expect(notes).toEqual(['#1\tAnnotatorNotes T1\tAnnotator: ann@example.org | Speaker: A \\u007c B | Note: one \\u007c two | Slant span: s\\u007c1']);
    expect(readAnn(ann, article.text)).toEqual([expect.objectContaining({ id: 's|1', speaker: 'A | B', note: 'one | two', annotator: 'ann@example.org' })]);
  });
});
