// Several app instances on one PostgreSQL database (part 6): two production servers started the
// way docs/deploy.md starts them (`npm run serve`: start-up migration under an advisory lock,
// then `next start`), on two ports, sharing one database and one session secret. What one
// instance writes the other serves; concurrent edits through both get the same 409 as on one;
// the sign-in limit holds across both.
//
// `npm test` passes the throwaway PostgreSQL server it started (SLANT_TEST_POSTGRES_URL); run
// alone, the spec starts one of its own (PostgreSQL must be installed).
import { expect, test } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { ACCOUNT_LIMIT } from '../lib/auth/rate-limit';
import { createPrismaClient } from '../lib/database/client';
import { seedDemo } from '../lib/database/seed';
import { adminQuery } from '../lib/testing/test-db';
import { createUser } from '../lib/users/service';
import { databaseUrlOn, startThrowawayPostgres, type ThrowawayPostgres } from '../scripts/lib/postgres';
import { attemptSignIn, sendJson, signInOverHttp, startAppServer, stopServer, type Client, type Server } from './app-server';

test.describe.configure({ mode: 'serial' });

const BASE_PORT = Number(process.env.INSTANCES_PORT ?? 3120);
const PASSWORD = 'demo-password';
const SECRET = 'instances-test-secret-shared-by-both-instances';
const ARTICLE = 'demo-article-schools';

const running = new Set<ChildProcess>();
let cluster: ThrowawayPostgres | undefined;
let serverUrl: string;
let databaseName: string;
let servers: [Server, Server];
// No keep-alive: a socket that one server closed while idle must not be reused.
const agent = new http.Agent({ keepAlive: false, maxSockets: 32 });

const admin = (sql: string) => adminQuery(serverUrl, sql);

test.beforeAll(async () => {
  test.setTimeout(240_000);
  serverUrl = process.env.SLANT_TEST_POSTGRES_URL ?? (cluster = await startThrowawayPostgres()).url;
  databaseName = `slant_instances_${process.pid}`;
  await admin(`CREATE DATABASE ${databaseName}`);
  const databaseUrl = databaseUrlOn(serverUrl, databaseName);
  // Both start on the empty database at the same time: one migrates, the other waits for it.
  const start = (port: number) =>
    startAppServer({ port, databaseUrl, password: PASSWORD, running, portVariable: 'INSTANCES_PORT', secret: SECRET, viaServeScript: true });
  servers = await Promise.all([start(BASE_PORT), start(BASE_PORT + 1)]);
  const db = createPrismaClient(databaseUrl);
  try {
    await seedDemo(db, { password: PASSWORD });
  } finally {
    await db.$disconnect();
  }
});

test.afterAll(async () => {
  agent.destroy();
  await Promise.all((servers ?? []).map((s) => stopServer(s)));
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (serverUrl && databaseName) await admin(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`).catch(() => undefined);
  cluster?.stop();
});

type SpanAnswer = { id: string; version: number; label: string; note: string };
const spanOf = (answer: { body: string }) => (JSON.parse(answer.body) as { span: SpanAnswer }).span;

test('both instances are healthy and migrated the shared database exactly once', async () => {
  for (const server of servers) {
    const answer = await sendJson(agent, server.port, { email: '', headers: {} }, 'GET', '/api/health');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
  }
  const applied = servers.map((s) => s.output().match(/Applied migrations: (.*)/)?.[1]).filter(Boolean);
  expect(applied).toHaveLength(1);
});

test('an annotation made through one instance is served by the other, and a session works on both', async () => {
  const [a, b] = servers;
  const viaA = await signInOverHttp(a.port, 'ann1@demo.test', PASSWORD);
  const created = await sendJson(agent, a.port, viaA, 'POST', `/api/v1/articles/${ARTICLE}/spans`, { label: 'claim', start: 10, end: 30, note: 'made on A' });
  expect(created.status).toBe(201);
  const span = spanOf(created);

  // The cookie from A is accepted by B: sessions live in the signed cookie, not in one instance.
  const listed = await sendJson(agent, b.port, viaA, 'GET', `/api/v1/articles/${ARTICLE}/spans`);
  expect(listed.status).toBe(200);
  const onB = (JSON.parse(listed.body) as { spans: SpanAnswer[] }).spans.find((s) => s.id === span.id);
  expect(onB).toMatchObject({ id: span.id, version: 1, label: 'claim', note: 'made on A' });

  const changed = await sendJson(agent, b.port, viaA, 'PATCH', `/api/v1/spans/${span.id}`, { version: 1, label: 'opinion' });
  expect(changed.status).toBe(200);
  const again = await sendJson(agent, a.port, viaA, 'GET', `/api/v1/articles/${ARTICLE}/spans`);
  expect((JSON.parse(again.body) as { spans: SpanAnswer[] }).spans.find((s) => s.id === span.id)).toMatchObject({ version: 2, label: 'opinion' });
});

test('simultaneous edits of one version through both instances: exactly one wins, the rest get 409', async () => {
  const [a, b] = servers;
  const client: Client = await signInOverHttp(b.port, 'ann2@demo.test', PASSWORD);
  const created = await sendJson(agent, b.port, client, 'POST', `/api/v1/articles/${ARTICLE}/spans`, { label: 'claim', start: 40, end: 60 });
  expect(created.status).toBe(201);
  let { version, id } = spanOf(created);
  for (let round = 0; round < 5; round++) {
    const edits = [a, b, a, b].map((server, i) =>
      sendJson(agent, server.port, client, 'PATCH', `/api/v1/spans/${id}`, { version, note: `round ${round}, edit ${i} via ${server.port}` }),
    );
    const answers = await Promise.all(edits);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses, `round ${round}`).toEqual([200, 409, 409, 409]);
    const winner = spanOf(answers.find((r) => r.status === 200)!);
    expect(winner.version).toBe(version + 1);
    version = winner.version;
  }
  const final = await sendJson(agent, a.port, client, 'GET', `/api/v1/articles/${ARTICLE}/spans`);
  expect((JSON.parse(final.body) as { spans: SpanAnswer[] }).spans.find((s) => s.id === id)?.version).toBe(version);
});

test('the sign-in limit holds across both instances, one after another and in a burst', async () => {
  const [a, b] = servers;
  const db = createPrismaClient(databaseUrlOn(serverUrl, databaseName));
  const emails = ['alternating@instances.test', 'burst@instances.test'];
  try {
    for (const email of emails) await createUser(db, { actorId: null, input: { email, role: 'annotator', password: 'right-password' } });
  } finally {
    await db.$disconnect();
  }

  // Failures alternate between the instances; together they reach the account's limit.
  for (let i = 0; i < ACCOUNT_LIMIT; i++) {
    const { url } = await attemptSignIn(servers[i % 2].port, emails[0], `wrong-${i}`);
    expect(url).toContain('error=CredentialsSignin');
  }
  for (const server of [a, b]) {
    const { url, session } = await attemptSignIn(server.port, emails[0], 'right-password');
    expect(url).toContain('error=RATE_LIMITED');
    expect(session).toBeUndefined();
  }

  // Twice the limit at once, half through each instance: exactly the limit is let through.
  const burst = await Promise.all(Array.from({ length: 2 * ACCOUNT_LIMIT }, (_, i) => attemptSignIn(servers[i % 2].port, emails[1], `wrong-${i}`)));
  expect(burst.filter((r) => r.url.includes('error=CredentialsSignin'))).toHaveLength(ACCOUNT_LIMIT);
  expect(burst.filter((r) => r.url.includes('error=RATE_LIMITED'))).toHaveLength(ACCOUNT_LIMIT);
});
