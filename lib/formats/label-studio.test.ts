import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LABEL_INFO, LABELS, type Label } from '../labels';
import { LABEL_STUDIO_CONFIG, labelStudio } from './label-studio';
import { allSpans, ANN1, ANN2, cpSlice, decodeUtf8, runWriter, sampleArticles, sampleManifest } from './sample-export';

type Result = { id: string; from_name: string; to_name: string; type: string; value: Record<string, unknown> & { start: number; end: number } };
type Task = { id: number; data: Record<string, string>; annotations: { result: Result[]; ground_truth: boolean; slant_annotator: string; completed_by?: unknown }[] };

const labelByName = new Map<string, Label>(LABELS.map((l) => [LABEL_INFO[l].name, l]));

/** Spans as a Label Studio reader sees them: regions joined with their per-region results by id. */
function readSpans(tasks: Task[]) {
  return tasks.flatMap((task) =>
    task.annotations.flatMap((annotation) => {
      const byId = new Map<string, Result[]>();
      for (const r of annotation.result) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
      return [...byId.entries()].map(([id, results]) => {
        const region = results.find((r) => r.type === 'labels')!;
        const textarea = (name: string) => (results.find((r) => r.from_name === name)?.value.text as string[] | undefined)?.[0] ?? '';
        for (const r of results) expect([r.value.start, r.value.end]).toEqual([region.value.start, region.value.end]);
        return {
          articleText: task.data.text!,
          slantId: task.data.slant_id,
          id,
          label: labelByName.get((region.value.labels as string[])[0]!),
          start: region.value.start,
          end: region.value.end,
          text: region.value.text as string,
          annotator: annotation.slant_annotator,
          gold: annotation.ground_truth,
          speaker: textarea('speaker'),
          note: textarea('note'),
          verdict: (results.find((r) => r.from_name === 'verdict')?.value.choices as string[] | undefined)?.[0] ?? '',
        };
      });
    }),
  );
}

describe('Label Studio JSON', () => {
  it('writes a JSON array of tasks with one annotation per annotator and gold as ground truth', async () => {
    const articles = sampleArticles();
    const { bytes } = await runWriter(labelStudio.write, articles, sampleManifest('label-studio'));
    const tasks = JSON.parse(decodeUtf8(bytes)) as Task[];
    expect(tasks.map((t) => t.id)).toEqual([1, 2]);
    expect(tasks.map((t) => t.data.slant_id)).toEqual(['art-1', 'art/2']);
    expect(tasks[0]!.data).toMatchObject({ text: articles[0]!.text, title: articles[0]!.title, source_url: articles[0]!.sourceUrl });
    // No completed_by: Label Studio would refuse the import for an e-mail it does not know.
    expect(tasks.flatMap((t) => t.annotations).some((a) => 'completed_by' in a)).toBe(false);
    expect(tasks[0]!.annotations.map((a) => [a.slant_annotator, a.ground_truth])).toEqual([
      ['gold', true],
      [ANN1, false],
      [ANN2, false],
    ]);
    for (const annotation of tasks.flatMap((t) => t.annotations)) {
      for (const r of annotation.result) expect([r.to_name, r.from_name]).toContain('text');
    }
  });

  it('keeps every span, its label name, speaker, note and verdict, with code point offsets', async () => {
    const articles = sampleArticles();
    const { bytes } = await runWriter(labelStudio.write, articles, sampleManifest('label-studio'));
    const spans = readSpans(JSON.parse(decodeUtf8(bytes)) as Task[]);
    const expected = allSpans(articles);
    expect(spans).toHaveLength(expected.length);
    for (const { article, span } of expected) {
      const found = spans.find((s) => s.id === span.id)!;
      expect(found).toEqual({
        articleText: article.text,
        slantId: article.id,
        id: span.id,
        label: span.label,
        start: span.start,
        end: span.end,
        text: span.text,
        annotator: span.annotator,
        gold: span.layer === 'gold',
        speaker: span.speaker,
        note: span.note,
        verdict: span.verdict,
      });
      expect(cpSlice(found.articleText, found.start, found.end)).toBe(found.text);
    }
  });

  it('writes code points, as Label Studio 1.6 and later counts them, with no shift warning', async () => {
    const articles = sampleArticles();
    const { bytes, final } = await runWriter(labelStudio.write, articles, sampleManifest('label-studio'));
    // The sample has spans after astral characters, where the two units differ.
    const differing = allSpans(articles).filter(
      ({ article, span }) => cpSlice(article.text, 0, span.start).length !== span.start || cpSlice(article.text, 0, span.end).length !== span.end,
    );
    expect(differing.length).toBeGreaterThan(0);
    expect(final.warnings.some((w) => w.startsWith('Label Studio:'))).toBe(false);
    // Label Studio's own check: the region's text is [...text].slice(start, end) (code points).
    for (const task of JSON.parse(decodeUtf8(bytes)) as Task[]) {
      for (const r of task.annotations.flatMap((a) => a.result).filter((r) => r.type === 'labels')) {
        expect([...task.data.text!].slice(r.value.start, r.value.end).join('')).toBe(r.value['text']);
      }
    }
  });

  it('writes valid JSON for no articles, and a config that names every label', async () => {
    const { bytes, final } = await runWriter(labelStudio.write, [], sampleManifest('label-studio'));
    expect(JSON.parse(decodeUtf8(bytes))).toEqual([]);
    expect(final.warnings.some((w) => w.startsWith('Label Studio:'))).toBe(false);
    for (const l of LABELS) expect(LABEL_STUDIO_CONFIG).toContain(`<Label value="${LABEL_INFO[l].name}"/>`);
  });

  it('documents the same labelling config in docs/formats.md', () => {
    const docs = readFileSync(fileURLToPath(new URL('../../docs/formats.md', import.meta.url)), 'utf8');
    const indented = LABEL_STUDIO_CONFIG.trimEnd()
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n');
    expect(docs).toContain(indented);
  });

  it('writes UTF-16 offsets on request (for a Label Studio older than 1.6), warns how many spans a current one shows shifted, and reads back at the same places', async () => {
    const articles = sampleArticles();
    const { bytes, final } = await runWriter(labelStudio.write, articles, { ...sampleManifest('label-studio'), offsets: 'utf-16-code-units' });
    const text = decodeUtf8(bytes);
    const tasks = JSON.parse(text) as Task[];
    for (const task of tasks) {
      expect(task.data.slant_offsets).toBe('utf-16-code-units');
      for (const r of task.annotations.flatMap((a) => a.result).filter((r) => r.type === 'labels')) expect(task.data.text!.slice(r.value.start, r.value.end)).toBe(r.value['text']);
    }
    const shifted = allSpans(articles).filter(
      ({ article, span }) => cpSlice(article.text, 0, span.start).length !== span.start || cpSlice(article.text, 0, span.end).length !== span.end,
    );
    const warning = final.warnings.find((w) => w.startsWith('Label Studio:'));
    expect(warning).toContain(`${shifted.length} span(s) in 2 article(s)`);
    expect(warning).toContain("Their offsets count UTF-16 code units, as asked, but Label Studio's editor counts code points (since version 1.6)");
    const { readLabelStudio } = await import('./read/label-studio');
    const read = readLabelStudio('utf16.json', text);
    expect(read.problems).toEqual([]);
    // Read back as code points of the (canonical, NFC) text, each span at its own text.
    read.articles.forEach((a, i) => {
      expect(a.spans.map((s) => cpSlice(a.text, s.start, s.end)).sort()).toEqual(articles[i]!.spans.map((s) => s.text.normalize('NFC')).sort());
    });
  });
});
