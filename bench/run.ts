// `npm run bench`: every scenario beside a baseline measured in the same run, because only
// ratios carry over between noisy machines. `--smoke` runs a tiny corpus so `npm test` keeps
// the benchmark working without spending time on it.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { agreementBaseline, agreementCorpus, agreementRun } from './agreement';

const smoke = process.argv.includes('--smoke');

type Result = { scenario: string; measure: string; baselineMs: number; scenarioMs: number; ratio: number; target: string; pass: boolean };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn: () => unknown, repeats: number): number {
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const results: Result[] = [];
{
  const size = smoke ? { articles: 20, annotators: 3, words: 200, spans: 10 } : { articles: 1000, annotators: 3, words: 800, spans: 30 };
  const corpus = agreementCorpus(size);
  const repeats = smoke ? 1 : 3;
  const baselineMs = time(() => agreementBaseline(corpus), repeats);
  const scenarioMs = time(() => agreementRun(corpus), repeats);
  const limitMs = 3000;
  results.push({
    scenario: `agreement report (${size.articles} articles × ${size.annotators} annotators, ~${size.spans} spans each)`,
    measure: 'α, κ, span F1, αu, clusters over the whole project',
    baselineMs,
    scenarioMs,
    ratio: scenarioMs / baselineMs,
    target: `< ${limitMs} ms`,
    pass: scenarioMs < limitMs,
  });
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
console.log(`\nSlant benchmark${smoke ? ' (smoke run)' : ''} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}\n`);
console.log('| scenario | baseline | scenario | ratio | target | result |');
console.log('|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.scenario} | ${fmt(r.baselineMs)} | ${fmt(r.scenarioMs)} | ${r.ratio.toFixed(1)}× | ${r.target} | ${r.pass ? 'pass' : 'FAIL'} |`);
}
if (!smoke) {
  const dir = path.join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'latest.json'),
    JSON.stringify({ ranAt: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, results }, null, 2),
  );
}
process.exit(results.every((r) => r.pass) ? 0 : 1);
