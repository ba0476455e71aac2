// Scenario: importing a large Slant JSONL dataset (articles with gold spans) through the app's
// importDataset, into an empty project. Baseline: the same files parsed and the same articles and
// spans inserted with prepared better-sqlite3 statements, one transaction per file. A dataset
// file may hold at most MAX_DATASET_BYTES, so the corpus is split into several files, imported
// one after another by both sides.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { makeSelector, resolveIndex } from '../lib/anchoring/selector';
import { createPrismaClient } from '../lib/database/client';
import { importDataset } from '../lib/datasets/import';
import { MAX_DATASET_BYTES } from '../lib/datasets/import';
import { canonicalText, hashText } from '../lib/import/canonical';
import { BENCH_ADMIN_ID, BENCH_PROJECT_ID, buildCorpus, databaseFile, randomSpans, sqliteDate } from './corpus';
import { count, mb, ms, scratchDir, type Result, type ScenarioContext } from './measure';
import { articleMetadata, articleText, seededRandom } from './random';

const TIME_LIMIT = 3;

type DatasetSpan = { label: string; start: number; end: number; text: string; annotator: 'gold'; layer: 'gold' };
type DatasetLine = { type: 'article'; id: string; title: string; author: string; outlet: string; sourceUrl: string; publishedOn: string; topic: string; text: string; spans: DatasetSpan[] };

/** Writes the dataset as Slant JSONL files of at most MAX_DATASET_BYTES each; returns their paths. */
function distinct<S extends { label: string; start: number; end: number }>(spans: S[]): S[] {
  const seen = new Set<string>();
  return spans.filter((s) => {
    const key = `${s.label}:${s.start}:${s.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function writeDataset(file: (name: string) => string, size: { articles: number; spans: number }) {
  const rand = seededRandom(10_000);
  const files: string[] = [];
  let lines: string[] = [];
  let bytes = 0;
  let spans = 0;
  const flush = () => {
    const path = file(`dataset-${files.length + 1}.jsonl`);
    writeFileSync(path, lines.join(''));
    files.push(path);
    lines = [];
    bytes = 0;
  };
  for (let a = 0; a < size.articles; a++) {
    const text = canonicalText(articleText(rand, 500 + Math.floor(rand() * 301)));
    const index = resolveIndex(text);
    const line: DatasetLine = {
      type: 'article',
      id: `source-${a}`,
      ...articleMetadata(rand, a),
      text,
      // Distinct spans: the import keeps one of a repeated span, the baseline would insert both.
      spans: distinct(randomSpans(rand, index.length, size.spans)).map((s) => ({ ...s, text: index.slice(s.start, s.end), annotator: 'gold', layer: 'gold' })),
    };
    spans += line.spans.length;
    const json = JSON.stringify(line) + '\n';
    const length = Buffer.byteLength(json);
    if (bytes + length > MAX_DATASET_BYTES) flush();
    lines.push(json);
    bytes += length;
  }
  if (lines.length) flush();
  return { files, spans };
}

/** The least an import must do: parse, canonicalise and hash the text, locate the spans, insert the rows. */
function baselineImport(databaseUrl: string, files: string[]) {
  const sqlite = new Database(databaseFile(databaseUrl));
  sqlite.pragma('synchronous = FULL');
  const insertArticle = sqlite.prepare(
    `INSERT INTO "Article" (id, projectId, title, author, outlet, sourceUrl, publishedOn, topic, text, textHash, position, reviewState,
       adjudicatedAt, adjudicatedById, createdById, createdAt, updatedAt)
     VALUES (@id, @projectId, @title, @author, @outlet, @sourceUrl, @publishedOn, @topic, @text, @textHash, @position, 'adjudicated',
       @now, @actor, @actor, @now, @now)`,
  );
  const insertSpan = sqlite.prepare(
    `INSERT INTO "Span" (id, articleId, authorId, layer, label, start, "end", quote, prefix, suffix, textHash, createdAt, updatedAt)
     VALUES (@id, @articleId, @actor, 'gold', @label, @start, @end, @quote, @prefix, @suffix, @textHash, @now, @now)`,
  );
  let position = 0;
  let spans = 0;
  try {
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      sqlite.transaction(() => {
        const now = sqliteDate(Date.now());
        for (const raw of lines) {
          const a = JSON.parse(raw) as DatasetLine;
          const text = canonicalText(a.text);
          const textHash = hashText(text);
          const id = `base-${position}`;
          insertArticle.run({ id, projectId: BENCH_PROJECT_ID, title: a.title, author: a.author, outlet: a.outlet, sourceUrl: a.sourceUrl, publishedOn: a.publishedOn, topic: a.topic, text, textHash, position: position++, now, actor: BENCH_ADMIN_ID });
          const index = resolveIndex(text);
          for (const s of a.spans) {
            insertSpan.run({ id: `${id}-${spans++}`, articleId: id, actor: BENCH_ADMIN_ID, label: s.label, ...makeSelector(text, s, index), textHash, now });
          }
        }
      })();
    }
  } finally {
    sqlite.close();
  }
  return { articles: position, spans };
}

async function appImport(databaseUrl: string, files: string[]) {
  const db = createPrismaClient(databaseUrl);
  const imported = { articles: 0, spans: 0 };
  try {
    for (const file of files) {
      const outcome = await importDataset(db, { id: BENCH_ADMIN_ID, role: 'admin' }, {
        projectId: BENCH_PROJECT_ID,
        fileName: file.split('/').at(-1)!,
        content: readFileSync(file),
        options: { format: 'slant-jsonl', layer: 'gold' },
      });
      imported.articles += outcome.imported.articles;
      imported.spans += outcome.imported.spans;
    }
  } finally {
    await db.$disconnect();
  }
  return imported;
}

const emptyProject = (databaseUrl: string) => buildCorpus(databaseUrl, { articles: 0, annotators: 0, spansPerAnnotator: 0, goldSpans: 0, words: [1, 1], seed: 1 });

export async function importScenario(ctx: ScenarioContext): Promise<Result[]> {
  const size = ctx.smoke ? { articles: 30, spans: 5 } : { articles: 10_000, spans: 20 };
  const scratch = scratchDir('import');
  try {
    const dataset = writeDataset(scratch.file, size);
    const bytes = dataset.files.reduce((n, f) => n + readFileSync(f).byteLength, 0);
    const baseUrl = scratch.url('baseline.db');
    const appUrl = scratch.url('app.db');
    await emptyProject(baseUrl);
    await emptyProject(appUrl);

    let t0 = performance.now();
    const base = baselineImport(baseUrl, dataset.files);
    const baselineMs = performance.now() - t0;
    t0 = performance.now();
    const app = await appImport(appUrl, dataset.files);
    const scenarioMs = performance.now() - t0;
    for (const [who, got] of [['baseline', base], ['importDataset', app]] as const) {
      if (got.articles !== size.articles || got.spans !== dataset.spans) {
        throw new Error(`${who} imported ${got.articles} articles and ${got.spans} spans of ${size.articles} and ${dataset.spans}.`);
      }
    }
    const ratio = scenarioMs / baselineMs;
    return [
      {
        scenario: `import Slant JSONL, ${count(size.articles)} articles / ${count(dataset.spans)} gold spans (${dataset.files.length} file${dataset.files.length === 1 ? '' : 's'}, ${mb(bytes)})`,
        measure: `importDataset per file of ≤ ${mb(MAX_DATASET_BYTES)}; baseline: parse + prepared better-sqlite3 inserts, a transaction per file`,
        baselineMs,
        scenarioMs,
        baseline: ms(baselineMs),
        value: ms(scenarioMs),
        ratio,
        target: `≤ ${TIME_LIMIT}× baseline`,
        pass: ratio <= TIME_LIMIT,
        figures: { articles: size.articles, spans: dataset.spans, files: dataset.files.length, datasetBytes: bytes },
      },
    ];
  } finally {
    scratch.remove();
  }
}
