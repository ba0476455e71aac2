// Scenario: a JSONL export of a large project (every layer: annotators and gold), through the
// app's export service and stream in a child process, timed and with its peak memory, at two
// corpus sizes so we see whether memory stays flat. Baseline: the sqlite3 shell dumping the same
// article and span rows as JSON. Without the shell (it is not part of a clean Debian + Node
// machine) the baseline is the same two queries through better-sqlite3 in a Node process,
// each row written with JSON.stringify; the table says which baseline ran.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, statSync } from 'node:fs';
import { BENCH_PROJECT_ID, buildCorpus, databaseFile, type CorpusSize } from './corpus';
import { count, mb, ms, runTsChild, scratchDir, type Result, type ScenarioContext } from './measure';

type ExportFigures = { elapsedMs: number; preparedMs: number; rssBeforeBytes: number; peakRssBytes: number; articles: number; spans: number; bytes: number };
type Baseline = { tool: 'sqlite3 shell' | 'better-sqlite3 fallback'; elapsedMs: number; bytes: number };

const ROWS_SQL = [
  `SELECT * FROM "Article" WHERE projectId = '${BENCH_PROJECT_ID}' AND deletedAt IS NULL ORDER BY position, id`,
  `SELECT s.*, u.email AS authorEmail FROM "Article" a JOIN "Span" s ON s.articleId = a.id JOIN "User" u ON u.id = s.authorId
   WHERE a.projectId = '${BENCH_PROJECT_ID}' AND a.deletedAt IS NULL AND s.deletedAt IS NULL`,
];

const TIME_LIMIT = 3;
const RSS_LIMIT_BYTES = 300 * 1024 * 1024;
const RSS_GROWTH_LIMIT = 0.15;

/** Whether the sqlite3 shell can be run; BENCH_NO_SQLITE3=1 pretends it cannot (to try the fallback). */
export function hasSqliteShell(): boolean {
  if (process.env.BENCH_NO_SQLITE3 === '1') return false;
  return spawnSync('sqlite3', ['-version'], { stdio: 'ignore' }).status === 0;
}

function sqliteShellDump(file: string, out: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const fd = openSync(out, 'w');
    const t0 = performance.now();
    const child = spawn('sqlite3', ['-readonly', '-json', file, ROWS_SQL.join(';\n') + ';'], { stdio: ['ignore', fd, 'pipe'] });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const elapsed = performance.now() - t0;
      closeSync(fd);
      if (code === 0) resolve(elapsed);
      else reject(new Error(`sqlite3 exited with ${code}: ${err}`));
    });
  });
}

async function baseline(file: string, out: string, shell: boolean): Promise<Baseline> {
  if (shell) return { tool: 'sqlite3 shell', elapsedMs: await sqliteShellDump(file, out), bytes: statSync(out).size };
  const figures = await runTsChild<{ elapsedMs: number }>('export-fallback-child.ts', [file, out, ROWS_SQL.join(';')]);
  return { tool: 'better-sqlite3 fallback', elapsedMs: figures.elapsedMs, bytes: statSync(out).size };
}

export async function exportScenario(ctx: ScenarioContext): Promise<Result[]> {
  const base: Omit<CorpusSize, 'articles'> = { annotators: 3, spansPerAnnotator: 15, goldSpans: 5, words: [500, 800], seed: 5_000 };
  const sizes = ctx.smoke ? [20, 40] : [5_000, 10_000];
  const shell = hasSqliteShell();
  if (!shell) ctx.note('export: the sqlite3 shell is missing (apt-get install sqlite3); the baseline is the documented better-sqlite3 fallback.');
  const runs: { articles: number; spans: number; base: Baseline; app: ExportFigures; dbBytes: number }[] = [];
  for (const articles of sizes) {
    const scratch = scratchDir('export');
    try {
      const databaseUrl = scratch.url('export.db');
      const corpus = await buildCorpus(databaseUrl, { ...base, articles });
      const file = databaseFile(databaseUrl);
      const b = await baseline(file, scratch.file('baseline.json'), shell);
      const app = await runTsChild<ExportFigures>('export-child.ts', [databaseUrl, BENCH_PROJECT_ID, scratch.file('export.jsonl')]);
      if (app.articles !== corpus.articles || app.spans !== corpus.spans) {
        throw new Error(`export wrote ${app.articles} articles and ${app.spans} spans; the corpus has ${corpus.articles} and ${corpus.spans}.`);
      }
      runs.push({ articles, spans: corpus.spans, base: b, app, dbBytes: statSync(file).size });
    } finally {
      scratch.remove();
    }
  }
  const results: Result[] = runs.map((r) => {
    const ratio = r.app.elapsedMs / r.base.elapsedMs;
    return {
      scenario: `export jsonl, ${count(r.articles)} articles / ${count(r.spans)} spans (all layers)`,
      measure: `time to write the file (${mb(r.app.bytes)}); baseline: ${r.base.tool} dumping the same rows as JSON`,
      baselineMs: r.base.elapsedMs,
      scenarioMs: r.app.elapsedMs,
      baseline: `${ms(r.base.elapsedMs)} (${r.base.tool})`,
      value: ms(r.app.elapsedMs),
      ratio,
      target: `≤ ${TIME_LIMIT}× baseline`,
      pass: ratio <= TIME_LIMIT,
      figures: {
        articles: r.articles,
        spans: r.spans,
        databaseBytes: r.dbBytes,
        exportBytes: r.app.bytes,
        baselineBytes: r.base.bytes,
        baselineTool: r.base.tool,
        // Of the export's time: preparing (access, counts) and writing the articles (reading them, the agreement summary, the JSON).
        preparedMs: r.app.preparedMs,
        writtenMs: r.app.elapsedMs - r.app.preparedMs,
        peakRssBytes: r.app.peakRssBytes,
        peakRssMB: Math.round(r.app.peakRssBytes / 1024 / 1024),
        // The process before the export began (Node, tsx, Prisma loaded and connected).
        rssBeforeExportMB: Math.round(r.app.rssBeforeBytes / 1024 / 1024),
      },
    };
  });
  const [small, large] = runs;
  const growth = large.app.peakRssBytes / small.app.peakRssBytes;
  results.push({
    scenario: `export peak memory (RSS), ${count(small.articles)} → ${count(large.articles)} articles`,
    measure: 'peak resident set of the exporting process; baseline column: the half-size corpus',
    baseline: `${mb(small.app.peakRssBytes)} (${count(small.articles)} articles)`,
    value: `${mb(large.app.peakRssBytes)} (${count(large.articles)} articles)`,
    ratio: growth,
    target: `≤ 300 MB, ≤ ${1 + RSS_GROWTH_LIMIT}× the half-size run`,
    pass: large.app.peakRssBytes <= RSS_LIMIT_BYTES && small.app.peakRssBytes <= RSS_LIMIT_BYTES && growth <= 1 + RSS_GROWTH_LIMIT,
    figures: { smallArticles: small.articles, largeArticles: large.articles, smallPeakRssBytes: small.app.peakRssBytes, largePeakRssBytes: large.app.peakRssBytes },
  });
  return results;
}
