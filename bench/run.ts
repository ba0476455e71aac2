// `npm run bench`: every scenario beside a baseline measured in the same run, because only
// ratios carry over between noisy machines. `--smoke` runs a tiny corpus so `npm test` keeps
// the benchmark working without spending time on it: it runs every scenario's code path, fails
// on errors, and prints the targets without enforcing them (tiny sizes measure start-up, not
// throughput). `--only a,b` runs the named scenarios.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { agreementBaseline, agreementCorpus, agreementRun } from './agreement';
import { browserScenario } from './browser';
import { exportScenario } from './export';
import { importScenario } from './import';
import { median, type Result, type ScenarioContext } from './measure';
import { savesScenario } from './saves';
import { savesPostgresScenario } from './saves-postgres';

const smoke = process.argv.includes('--smoke');
const onlyArg = process.argv.find((a, i) => process.argv[i - 1] === '--only' || a.startsWith('--only='));
const only = onlyArg ? onlyArg.replace(/^--only=/, '').split(',') : null;

function time(fn: () => unknown, repeats: number): number {
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

function agreementScenario(): Result[] {
  const size = smoke ? { articles: 20, annotators: 3, words: 200, spans: 10 } : { articles: 1000, annotators: 3, words: 800, spans: 30 };
  const corpus = agreementCorpus(size);
  const repeats = smoke ? 1 : 3;
  const baselineMs = time(() => agreementBaseline(corpus), repeats);
  const scenarioMs = time(() => agreementRun(corpus), repeats);
  const limitMs = 2000; // part 5: a project of 1,000 articles × 3 annotators in ≤ 2 s
  return [
    {
      scenario: `agreement report (${size.articles} articles × ${size.annotators} annotators, ~${size.spans} spans each)`,
      measure: 'α, κ, span F1, αu, clusters over the whole project',
      baselineMs,
      scenarioMs,
      baseline: `${baselineMs.toFixed(1)} ms`,
      value: `${scenarioMs.toFixed(1)} ms`,
      ratio: scenarioMs / baselineMs,
      target: `< ${limitMs} ms`,
      pass: scenarioMs < limitMs,
    },
  ];
}

/** Each scenario measures itself and its baseline; they run one after another, never overlapping. */
const SCENARIOS: { name: string; run: (ctx: ScenarioContext) => Result[] | Promise<Result[]> }[] = [
  { name: 'agreement', run: agreementScenario },
  { name: 'saves', run: savesScenario },
  { name: 'saves-postgres', run: savesPostgresScenario },
  { name: 'export', run: exportScenario },
  { name: 'import', run: importScenario },
  { name: 'browser', run: browserScenario },
];

const notes: string[] = [];
const ctx: ScenarioContext = { smoke, note: (line) => notes.push(line) };
const results: Result[] = [];
const started = performance.now();
// Other jobs on the machine skew every figure; the load before and after goes into latest.json.
const loadBefore = os.loadavg().map((l) => Number(l.toFixed(2)));
for (const s of SCENARIOS.filter((s) => !only || only.includes(s.name))) {
  const t0 = performance.now();
  console.error(`[bench] ${s.name}...`);
  try {
    results.push(...(await s.run(ctx)));
  } catch (error) {
    // The smoke run exists to catch exactly this; a full run still reports the other scenarios.
    if (smoke) throw error;
    console.error(error);
    results.push({ scenario: `${s.name}: did not finish`, measure: String(error), baseline: '—', value: String(error).split('\n')[0].slice(0, 160), ratio: Number.NaN, target: '—', pass: false });
  }
  console.error(`[bench] ${s.name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const totalSeconds = (performance.now() - started) / 1000;

const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'CPU', node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg().map((l) => Number(l.toFixed(2))) };
console.log(
  `\nSlant benchmark${smoke ? ' (smoke run)' : ''} on ${machine.cpus} × ${machine.model}, Node ${machine.node}, ${totalSeconds.toFixed(0)} s (load average ${machine.loadAverageBefore[0]} before, ${machine.loadAverageAfter[0]} after)\n`,
);
for (const n of notes) console.log(`Note: ${n}`);
if (notes.length) console.log('');
console.log('| scenario | baseline | scenario | ratio | target | result |');
console.log('|---|---|---|---|---|---|');
for (const r of results) {
  const verdict = r.pass === null ? '—' : r.pass ? 'pass' : 'FAIL';
  console.log(`| ${r.scenario} | ${r.baseline} | ${r.value} | ${Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : '—'} | ${r.target} | ${smoke && r.pass !== null ? `${verdict}*` : verdict} |`);
}
if (smoke) console.log('\n* smoke run: tiny sizes measure start-up rather than the scenario, so targets are shown but not enforced.');
if (!smoke && !only) {
  const dir = path.join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'latest.json'), JSON.stringify({ ranAt: new Date().toISOString(), machine, totalSeconds, results }, null, 2) + '\n');
}
// A smoke run fails only when a scenario fails to run (it throws); a full run when a target is missed.
process.exit(smoke || results.every((r) => r.pass !== false) ? 0 : 1);
