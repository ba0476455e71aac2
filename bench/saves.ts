// Scenario: span saves under load. 1, 10 and 50 signed-in annotators (closed loop, no think time)
// each create a span, change it and delete it, over and over, against the production server
// (`next start` on its own SQLite file). Baseline, in the same run and with the same client: a
// bare node:http server doing each save as one better-sqlite3 statement (bench/baseline-server.ts).
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, createWriteStream, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { LABELS } from '../lib/labels';
import { ensureBuild, ROOT } from '../scripts/lib/setup';
import { annotatorEmail, annotatorId, BENCH_PASSWORD, buildCorpus, databaseFile } from './corpus';
import { count, freePort, percentile, scratchDir, type Result, type ScenarioContext } from './measure';
import { seededRandom } from './random';

const THROUGHPUT_SHARE = 0.5;
const P95_LIMIT_MS = 50;
const HISTORY_ANNOTATORS = 3;

/** Client c talks to ports[c % ports.length]; CPU is summed over every server process. */
export type Target = { name: string; ports: number[]; pids: number[]; headers: (client: number) => Record<string, string> };
export type Article = { id: string; length: number };
type Op = 'create' | 'update' | 'delete';
type LevelStats = { clients: number; seconds: number; ops: number; throughput: number; p50Ms: number; p95Ms: number; p99Ms: number; perOp: Record<Op, { ops: number; p95Ms: number }>; serverCpuMsPerOp: number | null; errors: number; errorSamples: string[] };

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

function send(port: number, args: { method: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: args.method, path: args.path, agent, headers: { ...args.headers, ...(args.body !== undefined ? { 'content-length': Buffer.byteLength(args.body) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(args.body);
  });
}

/** CPU time (user + system) a process has used so far, from /proc; null where there is no /proc. */
function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are the 14th and 15th fields of the line, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

const cookiePairs = (headers: http.IncomingHttpHeaders) => (headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);

/** Signs in through next-auth's credentials endpoint, as the login form does; returns the Cookie header. */
export async function signIn(port: number, email: string): Promise<string> {
  const csrf = await send(port, { method: 'GET', path: '/api/auth/csrf' });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const jar = new Map(cookiePairs(csrf.headers).map((p) => [p.slice(0, p.indexOf('=')), p]));
  const form = new URLSearchParams({ csrfToken, email, password: BENCH_PASSWORD, json: 'true' }).toString();
  const callback = await send(port, {
    method: 'POST',
    path: '/api/auth/callback/credentials',
    headers: { cookie: [...jar.values()].join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  for (const p of cookiePairs(callback.headers)) jar.set(p.slice(0, p.indexOf('=')), p);
  if (![...jar.keys()].some((k) => k.endsWith('next-auth.session-token'))) throw new Error(`Sign-in of ${email} failed: ${callback.status} ${callback.body.slice(0, 200)}`);
  return [...jar.values()].join('; ');
}

function logTail(file: string) {
  try {
    return readFileSync(file, 'utf8').slice(-3000);
  } catch {
    return '';
  }
}

async function waitFor(port: number, child: ChildProcess, log: string, what: string) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}:\n${logTail(log)}`);
    const up = await send(port, { method: 'GET', path: '/api/auth/csrf' }).then((r) => r.status < 500, () => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not answer within 60 s:\n${logTail(log)}`);
}

/** `next start` on a free port against `databaseUrl`, its output in `log`; resolves once it answers. */
export async function startApp(databaseUrl: string, log: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const out = createWriteStream(log);
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_SECRET: 'slant-benchmark-secret-not-for-production-0123456789',
    },
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  await waitFor(port, child, log, 'next start');
  return { child, port };
}

export function startBaseline(file: string, log: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'baseline-server.ts'), file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.pipe(createWriteStream(log));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, port: (JSON.parse(line) as { port: number }).port });
    });
    child.on('exit', (code) => reject(new Error(`The baseline server exited with ${code}:\n${logTail(log)}`)));
  });
}

/** `clients` closed-loop clients for `seconds`: create → update → delete, each on its own annotator's account. */
/** CPU time used so far by all of a target's server processes, or null where it cannot be read. */
const serverCpuMs = (target: Target) => target.pids.reduce<number | null>((sum, pid) => (sum === null ? null : ((c) => (c === null ? null : sum + c))(cpuMs(pid))), 0);

async function load(target: Target, articles: Article[], clients: number, seconds: number): Promise<LevelStats> {
  const cpuOf = () => serverCpuMs(target);
  const latencies: Record<Op, number[]> = { create: [], update: [], delete: [] };
  const errorSamples: string[] = [];
  let errors = 0;
  const cpuBefore = cpuOf();
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const op = async (client: number, kind: Op, method: string, route: string, body: unknown, expect: number) => {
    const started = performance.now();
    try {
      const res = await send(target.ports[client % target.ports.length], { method, path: route, headers: { ...target.headers(client), 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status !== expect) throw new Error(`${method} ${route} answered ${res.status}: ${res.body.slice(0, 300)}`);
      latencies[kind].push(performance.now() - started);
      return JSON.parse(res.body) as { span: { id: string; version: number } };
    } catch (error) {
      errors++;
      if (errorSamples.length < 5) errorSamples.push(String(error));
      return null;
    }
  };
  const run = async (client: number) => {
    const rand = seededRandom(7_000 + client);
    for (let k = 0; performance.now() < deadline; k++) {
      const article = articles[(client * 13 + k) % articles.length];
      const start = Math.floor(rand() * (article.length - 80));
      const label = LABELS[k % LABELS.length];
      const created = await op(client, 'create', 'POST', `/api/v1/articles/${article.id}/spans`, { label, start, end: start + 10 + Math.floor(rand() * 60), note: '', speaker: '' }, 201);
      if (!created) continue;
      const updated = await op(client, 'update', 'PATCH', `/api/v1/spans/${created.span.id}`, { version: created.span.version, label: LABELS[(k + 1) % LABELS.length], note: 'checked' }, 200);
      if (!updated) continue;
      await op(client, 'delete', 'DELETE', `/api/v1/spans/${created.span.id}`, { version: updated.span.version }, 200);
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => run(c)));
  const elapsed = (performance.now() - t0) / 1000;
  const cpuAfter = cpuOf();
  const all = [...latencies.create, ...latencies.update, ...latencies.delete];
  const perOp = Object.fromEntries((Object.keys(latencies) as Op[]).map((k) => [k, { ops: latencies[k].length, p95Ms: percentile(latencies[k], 95) }])) as LevelStats['perOp'];
  return { clients, seconds: elapsed, ops: all.length, throughput: all.length / elapsed, p50Ms: percentile(all, 50), p95Ms: percentile(all, 95), p99Ms: percentile(all, 99), perOp, serverCpuMsPerOp: cpuBefore !== null && cpuAfter !== null && all.length ? (cpuAfter - cpuBefore) / all.length : null, errors, errorSamples };
}

/**
 * The app's floor: `clients` clients asking for its cheapest route (GET /api/health,
 * one `SELECT 1`) as fast as they can. No save through `next start` can be faster than this, so
 * it shows how much of the saves' target is within reach at all.
 */
async function loadFloor(target: Target, clients: number, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  const cpuBefore = serverCpuMs(target);
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const run = async (client: number) => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const res = await send(target.ports[client % target.ports.length], { method: 'GET', path: '/api/health', headers: target.headers(client) }).catch(() => null);
      if (res?.status === 200) latencies.push(performance.now() - started);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => run(c)));
  const elapsed = (performance.now() - t0) / 1000;
  const cpuAfter = serverCpuMs(target);
  return {
    clients,
    requests: latencies.length,
    throughput: latencies.length / elapsed,
    p95Ms: percentile(latencies, 95),
    serverCpuMsPerRequest: cpuBefore !== null && cpuAfter !== null && latencies.length ? (cpuAfter - cpuBefore) / latencies.length : null,
    errors,
  };
}

export const rate = (s: LevelStats) => `${count(Math.round(s.throughput))} ops/s`;
const lat = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

/**
 * Warms the baseline and the app, then measures each level on both and turns them into rows.
 * `where` names the setup in the rows' titles (empty for the default SQLite run).
 */
export async function measureLevels(
  ctx: ScenarioContext,
  targets: [baseline: Target, app: Target],
  articles: Article[],
  options: { levels: number[]; seconds: number; warmup: number; where: string },
): Promise<Result[]> {
  const { levels, seconds, warmup } = options;
  const clients = Math.max(...levels);
  // Warm both servers (Next loads and JIT-compiles the routes on first use), then measure each level on both.
  for (const t of targets) await load(t, articles, Math.min(clients, 10), warmup);
  const results: Result[] = [];
  for (const clientsAtLevel of levels) {
    const base = await load(targets[0], articles, clientsAtLevel, seconds);
    const mine = await load(targets[1], articles, clientsAtLevel, seconds);
    if (base.errors) throw new Error(`The saves baseline failed ${base.errors} times: ${base.errorSamples.join('\n')}`);
    if (ctx.smoke && mine.errors) throw new Error(`Span saves failed ${mine.errors} times: ${mine.errorSamples.join('\n')}`);
    const share = mine.throughput / base.throughput;
    const checksP95 = clientsAtLevel === clients;
    const pass = share >= THROUGHPUT_SHARE && mine.errors === 0 && (!checksP95 || mine.p95Ms <= P95_LIMIT_MS);
    if (mine.errors) ctx.note(`saves${options.where} at ${clientsAtLevel} clients: ${mine.errors} errors, e.g. ${mine.errorSamples[0]}`);
    results.push({
      scenario: `span saves over HTTP${options.where}, ${clientsAtLevel} signed-in client${clientsAtLevel === 1 ? '' : 's'} (create → update → delete, ${seconds} s)`,
      measure: 'throughput (ops/s) and latency; ratio = app throughput / baseline throughput',
      baseline: `${rate(base)}, p95 ${lat(base.p95Ms)} ms`,
      value: `${rate(mine)}, p50 ${lat(mine.p50Ms)} / p95 ${lat(mine.p95Ms)} ms, ${mine.errors} errors`,
      ratio: share,
      target: `≥ ${THROUGHPUT_SHARE}× baseline ops/s, 0 errors${checksP95 ? `, p95 ≤ ${P95_LIMIT_MS} ms` : ''}`,
      pass,
      figures: { baseline: base, app: mine },
    });
  }
  // The floor, at the level where the baseline is fastest: the share of it the app's cheapest route reaches.
  const best = results.reduce((a, b) => ((a.figures!.baseline as LevelStats).throughput >= (b.figures!.baseline as LevelStats).throughput ? a : b));
  const bestBase = best.figures!.baseline as LevelStats;
  await loadFloor(targets[1], bestBase.clients, warmup);
  const floor = await loadFloor(targets[1], bestBase.clients, seconds);
  results.push({
    scenario: `the app's floor${options.where}: its cheapest route (GET /api/health, one SELECT 1), ${bestBase.clients} clients, ${seconds} s`,
    measure: 'requests/s through next start; ratio = floor / the baseline saves at that level: no save can reach a larger share',
    baseline: `${rate(bestBase)} (saves)`,
    value: `${count(Math.round(floor.throughput))} requests/s, p95 ${lat(floor.p95Ms)} ms, ${floor.errors} errors`,
    ratio: floor.throughput / bestBase.throughput,
    target: '— (context for the rows above)',
    pass: null,
    figures: { floor, baseline: bestBase },
  });
  return results;
}

/** The corpus both saves scenarios write into: members without spans yet are the clients. */
export async function savesCorpus(ctx: ScenarioContext, scratch: ReturnType<typeof scratchDir>, levels: number[]) {
  const appUrl = scratch.url('app.db');
  const clients = Math.max(...levels);
  await buildCorpus(appUrl, { articles: ctx.smoke ? 30 : 1000, annotators: HISTORY_ANNOTATORS, spansPerAnnotator: 15, goldSpans: 0, members: clients, words: [500, 800], seed: 50 });
  const sqlite = new Database(databaseFile(appUrl), { readonly: true });
  const articles = sqlite.prepare('SELECT id, length(text) AS length FROM "Article" ORDER BY position').all() as Article[];
  sqlite.close();
  // Members without any span yet: their first save on an article also starts its annotation status.
  const member = (client: number) => annotatorId(HISTORY_ANNOTATORS + client);
  /** Signs every client in, five at a time, client c through ports[c % ports.length]. */
  const signInAll = async (ports: number[]) => {
    const cookies: string[] = [];
    for (let c = 0; c < clients; c += 5) {
      const batch = Array.from({ length: Math.min(5, clients - c) }, (_, i) => signIn(ports[(c + i) % ports.length], annotatorEmail(HISTORY_ANNOTATORS + c + i)));
      cookies.push(...(await Promise.all(batch)));
    }
    return cookies;
  };
  return { appUrl, articles, member, signInAll };
}

export const saveLevels = (ctx: ScenarioContext) => ({ levels: ctx.smoke ? [1, 3] : [1, 10, 50], seconds: ctx.smoke ? 1 : 10, warmup: ctx.smoke ? 0.5 : 3 });

export async function savesScenario(ctx: ScenarioContext): Promise<Result[]> {
  const { levels, seconds, warmup } = saveLevels(ctx);
  ensureBuild();
  const scratch = scratchDir('saves');
  const children: ChildProcess[] = [];
  try {
    const { appUrl, articles, member, signInAll } = await savesCorpus(ctx, scratch, levels);
    const baselineFile = scratch.file('baseline.db');
    copyFileSync(databaseFile(appUrl), baselineFile);
    const baseline = await startBaseline(baselineFile, scratch.file('baseline.log'));
    children.push(baseline.child);
    const app = await startApp(appUrl, scratch.file('app.log'));
    children.push(app.child);
    const cookies = await signInAll([app.port]);
    const targets: [Target, Target] = [
      { name: 'baseline', ports: [baseline.port], pids: [baseline.child.pid!], headers: (c) => ({ 'x-user': member(c) }) },
      { name: 'app', ports: [app.port], pids: [app.child.pid!], headers: (c) => ({ cookie: cookies[c] }) },
    ];
    return await measureLevels(ctx, targets, articles, { levels, seconds, warmup, where: '' });
  } finally {
    for (const child of children) child.kill('SIGKILL');
    agent.destroy();
    scratch.remove();
  }
}
