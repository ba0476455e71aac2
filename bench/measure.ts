// What every scenario shares: the result row, percentiles, a child process that reports its own
// figures, and a scratch folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One row of the table; `figures` carries the scenario's own numbers into latest.json. */
export type Result = {
  scenario: string;
  measure: string;
  /** Set for rows that compare two durations. */
  baselineMs?: number;
  scenarioMs?: number;
  /** As printed in the table's baseline and scenario columns. */
  baseline: string;
  value: string;
  /** Scenario over baseline: a time ratio (lower is better) or, for throughput, a share (higher is better). */
  ratio: number;
  target: string;
  /** null for a row that gives context and has no target of its own. */
  pass: boolean | null;
  figures?: Record<string, unknown>;
};

export type ScenarioContext = { smoke: boolean; /** says what ran where, above the table */ note: (line: string) => void };

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN for none. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const count = (n: number) => n.toLocaleString('en-US');

/** A scratch folder under the system's temporary directory, removed by `remove()`. */
export function scratchDir(name: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `slant-bench-${name}-`));
  return { dir, url: (file: string) => `file:${path.join(dir, file)}`, file: (file: string) => path.join(dir, file), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export { freeLocalPort as freePort } from '../scripts/lib/ports';

/**
 * Runs a TypeScript file of the benchmark in its own Node process (so its memory is its own) and
 * parses the JSON it prints as its last line.
 */
export function runTsChild<T>(file: string, args: string[], env: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, file), ...args], {
      cwd: path.resolve(import.meta.dirname, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${file} exited with ${code}:\n${err.slice(-4000)}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${file} printed no result:\n${out.slice(-2000)}\n${err.slice(-2000)}`));
      }
    });
  });
}
