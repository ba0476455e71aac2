// "No lost work": the production server killed with SIGKILL in the middle of a burst of saves
// loses none it acknowledged and leaves no half-written span; twenty concurrent writers plus a
// second process writing the same SQLite file see no "database is locked". Each test starts its
// own `next start` (the shared build) on its own database file and port.
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApiToken } from '../lib/auth/tokens';
import { createPrismaClient } from '../lib/database/client';
import { hashText } from '../lib/import/canonical';
import { createUser } from '../lib/users/service';
import { prepareDatabase, ROOT } from '../scripts/lib/setup';
import { sendJson, signInOverHttp, startAppServer, stopServer, type Answer, type Client, type Server } from './app-server';

test.describe.configure({ mode: 'serial' });

const PORT = Number(process.env.DURABILITY_PORT ?? 3110);
const PASSWORD = 'demo-password';
const ARTICLES = ['demo-article-bridge', 'demo-article-schools', 'demo-article-wind'];
const LABELS = ['claim', 'opinion', 'sourced_quote'] as const;
const TSX_CLI = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

const workDir = mkdtempSync(path.join(tmpdir(), 'slant-durability-'));
const running = new Set<ChildProcess>();
test.afterAll(async () => {
  // Whatever a failed test left behind: servers, the second writer.
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
});
const startServer = (options: { port: number; file: string }) =>
  startAppServer({ port: options.port, databaseUrl: `file:${options.file}`, password: PASSWORD, running, portVariable: 'DURABILITY_PORT', secret: 'durability-test-secret-not-for-production' });
const signIn = (port: number, email: string) => signInOverHttp(port, email, PASSWORD);

// ---------------------------------------------------------------------------------------------
// The server

/** The process and everything under it, read from /proc: whatever `next start` forks dies too. */
function processTree(root: number): { pid: number; name: string }[] {
  const parents = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...; comm may itself contain spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      names.set(Number(entry), stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while /proc was being read.
    }
  }
  const tree: { pid: number; name: string }[] = [];
  const visit = (pid: number) => {
    tree.push({ pid, name: names.get(pid) ?? '?' });
    for (const c of parents.get(pid) ?? []) visit(c);
  };
  visit(root);
  return tree;
}

/** SIGKILL, as a power cut or the OOM killer would: no shutdown hook runs, no buffer is flushed. */
async function killHard(server: Server): Promise<string[]> {
  const tree = processTree(server.child.pid!);
  // The Node process that serves requests renames itself "next-server (v16...)"; make sure the
  // kill hits it, not just a wrapper.
  expect(tree.some((p) => p.name.startsWith('next-server'))).toBe(true);
  const exited = new Promise((r) => server.child.once('exit', r));
  for (const p of tree) process.kill(p.pid, 'SIGKILL');
  await exited;
  // Anything forked below it is reparented and reaped elsewhere: wait until it is gone too.
  const alive = (pid: number) => {
    try {
      return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
    } catch {
      return false;
    }
  };
  while (tree.some((p) => alive(p.pid))) await new Promise((r) => setTimeout(r, 20));
  return tree.map((p) => `${p.pid} ${p.name}`);
}

/** A fresh database the way `npm start` makes one, plus annotators with API tokens. */
async function prepare(file: string, extraAnnotators: number): Promise<Client[]> {
  await prepareDatabase({ databaseUrl: `file:${file}`, seed: true, demoPassword: PASSWORD });
  const db = createPrismaClient(`file:${file}`);
  try {
    const clients: Client[] = [];
    for (let i = 1; i <= extraAnnotators; i++) {
      const email = `writer${String(i).padStart(2, '0')}@durability.test`;
      const user = await createUser(db, { actorId: null, input: { email, role: 'annotator', password: PASSWORD } });
      await db.membership.create({ data: { projectId: 'demo-project', userId: user.id } });
      const { token } = await createApiToken(db, { userId: user.id, input: { name: 'durability test' } });
      clients.push({ email, headers: { authorization: `Bearer ${token}` } });
    }
    return clients;
  } finally {
    await db.$disconnect();
  }
}

type SpanAnswer = { id: string; articleId: string; version: number; label: string; start: number; end: number };

/** Where a lane's next save goes: a new span, or a label change on the one it saved last. */
function nextSave(lane: number, i: number, last: SpanAnswer | undefined) {
  if (last && i % 3 === 2) {
    const label = LABELS[(LABELS.indexOf(last.label as (typeof LABELS)[number]) + 1) % 3];
    return { method: 'PATCH', url: `/api/v1/spans/${last.id}`, body: { version: last.version, label }, expect: { id: last.id, version: last.version + 1, label } };
  }
  const articleId = ARTICLES[(lane + i) % ARTICLES.length];
  const start = (lane * 13 + i * 7) % 200;
  return {
    method: 'POST',
    url: `/api/v1/articles/${articleId}/spans`,
    body: { label: LABELS[i % 3], start, end: start + 5 + (i % 40), note: `lane ${lane} save ${i}` },
    expect: null,
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/** integrity_check, and every span whole: offsets, quote, text hash and one audit event per version. */
function checkDatabase(file: string) {
  const sqlite = new Database(file, { readonly: true });
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    const articles = new Map(
      (sqlite.prepare('SELECT id, text, textHash FROM Article').all() as { id: string; text: string; textHash: string }[]).map((a) => [a.id, a]),
    );
    const spans = sqlite.prepare('SELECT id, articleId, start, "end", quote, prefix, suffix, textHash, label, version FROM Span').all() as {
      id: string;
      articleId: string;
      start: number;
      end: number;
      quote: string;
      textHash: string;
      label: string;
      version: number;
    }[];
    const audits = new Map(
      (sqlite.prepare(`SELECT entityId, COUNT(*) AS n FROM AuditEvent WHERE entityType = 'span' GROUP BY entityId`).all() as { entityId: string; n: number }[]).map((r) => [
        r.entityId,
        r.n,
      ]),
    );
    const broken: string[] = [];
    for (const s of spans) {
      const article = articles.get(s.articleId);
      if (!article) broken.push(`${s.id}: no article`);
      else {
        const points = Array.from(article.text);
        if (!(s.start >= 0 && s.start < s.end && s.end <= points.length)) broken.push(`${s.id}: offsets ${s.start}-${s.end}`);
        if (s.quote !== points.slice(s.start, s.end).join('')) broken.push(`${s.id}: quote differs from the text at its offsets`);
        if (Array.from(s.quote).length !== s.end - s.start) broken.push(`${s.id}: quote length`);
        if (s.textHash !== article.textHash || article.textHash !== hashText(article.text)) broken.push(`${s.id}: text hash`);
      }
      // The seed writes its spans without audit events; every saved span has one per version
      // (create, then one per update), written in the same transaction.
      if (!s.id.startsWith('demo-span-') && audits.get(s.id) !== s.version) broken.push(`${s.id}: version ${s.version} but ${audits.get(s.id) ?? 0} audit events`);
    }
    const ids = new Set(spans.map((s) => s.id));
    for (const entityId of audits.keys()) if (!ids.has(entityId)) broken.push(`audit event for a span that is not there: ${entityId}`);
    return { integrity, broken, spans: new Map(spans.map((s) => [s.id, s])) };
  } finally {
    sqlite.close();
  }
}

// ---------------------------------------------------------------------------------------------

test('a server killed with SIGKILL mid-burst keeps every save it acknowledged, and no half-written span', async () => {
  test.setTimeout(120_000);
  const file = path.join(workDir, 'crash.db');
  const tokens = await prepare(file, 4);
  let server = await startServer({ port: PORT, file });
  const clients = [await signIn(PORT, 'ann1@demo.test'), await signIn(PORT, 'ann2@demo.test'), ...tokens];

  const LANES_PER_CLIENT = 5;
  const SAVES_PER_LANE = 12; // 6 clients x 5 lanes x 12 = 360 saves planned
  const KILL_AFTER = 150; // acknowledged saves
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const acked = new Map<string, SpanAnswer & { email: string }>(); // latest acknowledged state per span
  const inDoubt = new Map<string, { version: number; label: string }>(); // updates cut off by the kill
  const answers: number[] = [];
  const connectionErrors: Record<string, number> = {};
  let ackCount = 0;
  let ackedBeforeKill = 0;
  let sent = 0;
  let killed: Promise<string[]> | undefined;

  const lane = async (client: Client, laneNo: number) => {
    let last: SpanAnswer | undefined;
    for (let i = 0; i < SAVES_PER_LANE; i++) {
      const save = nextSave(laneNo, i, last);
      sent++;
      let answer: Answer;
      try {
        answer = await sendJson(agent, PORT, client, save.method, save.url, save.body);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        connectionErrors[code] = (connectionErrors[code] ?? 0) + 1;
        // In flight at the kill (reset), or sent after it (refused): the client was told "not saved".
        if (save.expect) inDoubt.set(save.expect.id, save.expect);
        continue;
      }
      answers.push(answer.status);
      expect(answer.status, answer.body).toBeLessThan(300);
      last = (JSON.parse(answer.body) as { span: SpanAnswer }).span;
      acked.set(last.id, { ...last, email: client.email });
      ackCount++;
      if (!killed) ackedBeforeKill = ackCount;
      if (ackCount >= KILL_AFTER && !killed) killed = killHard(server);
    }
  };
  await Promise.all(clients.flatMap((c, ci) => Array.from({ length: LANES_PER_CLIENT }, (_, l) => lane(c, ci * LANES_PER_CLIENT + l))));
  expect(killed, 'the burst finished before the kill: raise SAVES_PER_LANE').toBeDefined();
  const killedTree = await killed!;
  agent.destroy();
  const hadWal = existsSync(`${file}-wal`);

  // Restart on the same file: SQLite recovers from the write-ahead log when it first opens it.
  server = await startServer({ port: PORT, file });
  const after = new http.Agent({ keepAlive: true });
  try {
    // Through the API, as each annotator: every acknowledged span, at its acknowledged version.
    const missing: string[] = [];
    let updatesCommittedUnanswered = 0;
    for (const client of clients) {
      const seen = new Map<string, SpanAnswer>();
      for (const articleId of ARTICLES) {
        const list = await sendJson(after, PORT, client, 'GET', `/api/v1/articles/${articleId}/spans`);
        expect(list.status).toBe(200);
        for (const s of (JSON.parse(list.body) as { spans: SpanAnswer[] }).spans) seen.set(s.id, s);
      }
      for (const ack of [...acked.values()].filter((a) => a.email === client.email)) {
        const now = seen.get(ack.id);
        const doubt = inDoubt.get(ack.id);
        if (now && now.version === ack.version && now.label === ack.label) continue;
        // An update the kill cut off may have committed without its answer reaching the client.
        if (now && doubt && now.version === doubt.version && now.label === doubt.label) {
          updatesCommittedUnanswered++;
          continue;
        }
        missing.push(`${client.email} ${ack.id} v${ack.version} ${ack.label}: found ${now ? `v${now.version} ${now.label}` : 'nothing'}`);
      }
    }
    expect(missing).toEqual([]);

    const db = checkDatabase(file);
    expect(db.integrity).toBe('ok');
    expect(db.broken).toEqual([]);
    const createsCommittedUnanswered = [...db.spans.keys()].filter((id) => !id.startsWith('demo-span-') && !acked.has(id)).length;

    // And the restarted server takes new saves.
    const fresh = await sendJson(after, PORT, clients[0], 'POST', `/api/v1/articles/${ARTICLES[0]}/spans`, { label: 'claim', start: 0, end: 7 });
    expect(fresh.status).toBe(201);

    const figures = {
      planned: clients.length * LANES_PER_CLIENT * SAVES_PER_LANE,
      sent,
      acknowledgedBeforeKill: ackedBeforeKill,
      acknowledgedInAll: ackCount,
      spansAcknowledged: acked.size,
      connectionErrors,
      committedButUnanswered: { creates: createsCommittedUnanswered, updates: updatesCommittedUnanswered },
      writeAheadLogLeftByTheKill: hadWal,
      killed: killedTree,
    };
    console.log(`crash test: ${JSON.stringify(figures)}`);
    test.info().annotations.push({ type: 'crash figures', description: JSON.stringify(figures) });
    // Every save that was not acknowledged failed as a connection error, none with an HTTP error.
    expect(Object.keys(connectionErrors).every((code) => ['ECONNRESET', 'ECONNREFUSED', 'EPIPE'].includes(code)), JSON.stringify(connectionErrors)).toBe(true);
    expect(Object.values(connectionErrors).reduce((a, b) => a + b, 0)).toBe(sent - answers.length);
    expect(answers.every((s) => s >= 200 && s < 300)).toBe(true);
  } finally {
    after.destroy();
    await stopServer(server);
  }
});

test('twenty concurrent writers and a second process writing the same file get no "database is locked"', async () => {
  test.setTimeout(120_000);
  const file = path.join(workDir, 'writers.db');
  const clients = await prepare(file, 20);
  const server = await startServer({ port: PORT + 1, file });
  // A fixed amount of work, not a time box: how fast it goes is the benchmark's business
  // (npm run bench); this test needs the overlap and counts the answers.
  const SAVES_PER_WRITER = 15;

  // The second process: the app's own client and services on the same file, as the command line
  // or a second server would use them. It saves a span every few milliseconds and, meanwhile,
  // imports a dataset of 150 spans in one transaction (the command line's import, without its
  // start-up migration check).
  const sentences = Array.from({ length: 150 }, (_, i) => `Sentence ${i + 1} says the council spent ${i + 3} million on roads.`);
  const text = sentences.join(' ');
  const labels = sentences.map((sentence, i) => {
    const start = text.indexOf(sentence);
    return [start, start + sentence.length, i % 2 ? 'opinion' : 'claim'];
  });
  const dataset = JSON.stringify({ text, label: labels, meta: { title: 'Roads, line by line' } }) + '\n';
  const writer = path.join(workDir, 'second-writer.mts');
  const moduleUrl = (rel: string) => JSON.stringify(pathToFileURL(path.join(ROOT, rel)).href);
  writeFileSync(
    writer,
    `import { createPrismaClient } from ${moduleUrl('lib/database/client.ts')};
import { importDataset } from ${moduleUrl('lib/datasets/import.ts')};
import { createSpan } from ${moduleUrl('lib/spans/service.ts')};
const db = createPrismaClient(process.argv[2]);
const annotator = { id: 'demo-user-ann1', role: 'annotator' };
const admin = { id: 'demo-user-admin', role: 'admin' };
const errors = [];
const ms = [];
let importing;
let stop = false;
process.stdin.on('data', () => (stop = true));
process.stdin.on('end', () => (stop = true));
// At least 60 saves, so the import (at the 50th) always runs while the others write.
for (let i = 0; !stop || i < 60; i++) {
  if (i === 50) {
    importing = importDataset(db, admin, { projectId: 'demo-project', fileName: 'roads.jsonl', content: ${JSON.stringify(dataset)}, options: { format: 'doccano' } })
      .then((outcome) => outcome.imported, (e) => { errors.push('import: ' + String(e?.message ?? e)); return null; });
  }
  const started = performance.now();
  try {
    await createSpan(db, annotator, { articleId: 'demo-article-schools', input: { label: 'opinion', start: i % 100, end: 110 } });
    ms.push(performance.now() - started);
    if (i === 0) console.log('ready');
  } catch (e) {
    errors.push(String(e?.message ?? e).split('\\n').at(-1));
  }
  await new Promise((r) => setTimeout(r, 5));
}
const imported = await importing;
await db.$disconnect();
ms.sort((a, b) => a - b);
console.log(JSON.stringify({ saved: ms.length, imported, errors, p50: ms[Math.floor(ms.length / 2)], p95: ms[Math.floor(ms.length * 0.95)], max: ms.at(-1) }));
`,
  );
  const second = spawn(process.execPath, [TSX_CLI, writer, `file:${file}`], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(second);
  let secondOut = '';
  second.stdout!.on('data', (c: Buffer) => (secondOut += c.toString()));
  second.stderr!.on('data', (c: Buffer) => (secondOut += c.toString()));
  const secondDone = new Promise<number | null>((r) => second.on('exit', r));

  let server5xx = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  try {
    await new Promise<void>((resolve, reject) => {
      second.stdout!.on('data', () => secondOut.includes('ready') && resolve());
      second.on('exit', () => reject(new Error(`the second writer exited early:\n${secondOut}`)));
    });
    const latencies: number[] = [];
    const statuses: Record<number, number> = {};
    const failures: string[] = [];
    const started = performance.now();
    await Promise.all(
      clients.map(async (client, laneNo) => {
        let last: SpanAnswer | undefined;
        for (let i = 0; i < SAVES_PER_WRITER; i++) {
          const save = nextSave(laneNo, i, last);
          try {
            const answer = await sendJson(agent, server.port, client, save.method, save.url, save.body);
            latencies.push(answer.ms);
            statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
            if (answer.status >= 500) server5xx++;
            if (answer.status >= 300) failures.push(`${answer.status} ${answer.body.slice(0, 200)}`);
            else last = (JSON.parse(answer.body) as { span: SpanAnswer }).span;
          } catch (error) {
            failures.push(`connection: ${(error as Error).message}`);
          }
        }
      }),
    );
    const elapsed = performance.now() - started;
    second.stdin!.end();
    expect(await secondDone, secondOut).toBe(0);
    const secondResult = JSON.parse(secondOut.trim().split('\n').at(-1)!) as {
      saved: number;
      imported: { articles: number; spans: number } | null;
      errors: string[];
      p50: number;
      p95: number;
      max: number;
    };

    latencies.sort((a, b) => a - b);
    const figures = {
      writers: clients.length,
      seconds: +(elapsed / 1000).toFixed(1),
      requests: latencies.length,
      perSecond: +(latencies.length / (elapsed / 1000)).toFixed(0),
      statuses,
      p50ms: +percentile(latencies, 0.5).toFixed(0),
      p95ms: +percentile(latencies, 0.95).toFixed(0),
      maxMs: +latencies.at(-1)!.toFixed(0),
      errors: failures.length,
      secondProcess: {
        saved: secondResult.saved,
        imported: secondResult.imported,
        errors: secondResult.errors.length,
        p50ms: +secondResult.p50.toFixed(0),
        p95ms: +secondResult.p95.toFixed(0),
        maxMs: +secondResult.max.toFixed(0),
      },
    };
    console.log(`20 writers: ${JSON.stringify(figures)}`);
    test.info().annotations.push({ type: '20 writers', description: JSON.stringify(figures) });

    expect(failures).toEqual([]);
    expect(server5xx).toBe(0);
    expect(secondResult.errors).toEqual([]);
    expect(secondResult.imported).toEqual({ articles: 1, spans: 150 });
    expect(server.output()).not.toMatch(/database is locked|SQLITE_BUSY|timed out|Unexpected error/i);
    expect(latencies.length).toBe(clients.length * SAVES_PER_WRITER);
    expect(secondResult.saved).toBeGreaterThanOrEqual(60);

    const db = checkDatabase(file);
    expect(db.integrity).toBe('ok');
    expect(db.broken).toEqual([]);
  } finally {
    agent.destroy();
    if (second.exitCode === null) second.kill('SIGKILL');
    await stopServer(server);
  }
});
