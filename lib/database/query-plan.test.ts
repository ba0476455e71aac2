import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../generated/prisma/client';
import { annotatorQueue, annotatorQueueWithCounts, findDuplicates, setAnnotationStatus } from '../articles/service';
import { auditTrail } from '../audit-trail/service';
import type { Actor } from '../auth/permissions';
import { importDataset } from '../datasets/import';
import { articleLayerSpans, prepareExport } from '../export/service';
import { exportOutput } from '../export/stream';
import { listProjectsFor } from '../projects/service';
import { reviewQueue } from '../review/queue';
import { loadReview, reviewHighlights } from '../review/service';
import { createSpan, deleteSpan, listOwnSpans, ownSpansForPage, updateSpan } from '../spans/service';
import { createTestDb } from '../testing/test-db';
import type { Db } from './client';
import { sqlitePathFromUrl } from './location';

// The hot queries must find their rows through an index: a full scan of a table that grows with
// the corpus makes a page that is instant on the demo take seconds on a real project. The test
// runs the real service functions with Prisma's query log on, then asks SQLite for the plan of
// every statement they issued, so it checks the SQL the app really runs. Without ANALYZE (the
// app never runs it) SQLite plans from the schema alone, so the demo's size does not matter.

const LARGE_TABLES = new Set(['Article', 'Span', 'AuditEvent', 'AnnotationStatus', 'Comment']);

const admin: Actor = { id: 'demo-user-admin', role: 'admin' };
const reviewer: Actor = { id: 'demo-user-reviewer', role: 'reviewer' };
const ann1: Actor = { id: 'demo-user-ann1', role: 'annotator' };
const ann2: Actor = { id: 'demo-user-ann2', role: 'annotator' };
const PROJECT = 'demo-project';
const ARTICLE = 'demo-article-bridge';

type Captured = { query: string; params: string };

let cleanup: () => Promise<void>;
let logged: Db;
let sqlite: Database.Database;
const captured: Captured[] = [];

beforeAll(async () => {
  const test = await createTestDb();
  cleanup = test.cleanup;
  // A second client on the same file, with the query log on: what it logs is exactly what runs.
  const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: test.databaseUrl }), log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (e) => captured.push({ query: e.query, params: e.params }));
  logged = client;
  sqlite = new Database(sqlitePathFromUrl(test.databaseUrl), { readonly: true });
  // Enough state that every branch below runs its queries: submissions, a review, a comment.
  for (const actor of [ann1, ann2]) await setAnnotationStatus(test.db, actor, { articleId: ARTICLE, input: { action: 'submit' } });
  const span = await test.db.span.findFirstOrThrow({ where: { articleId: ARTICLE, layer: 'annotator' } });
  await test.db.comment.create({ data: { articleId: ARTICLE, spanId: span.id, authorId: reviewer.id, body: 'Is this a claim?' } });
});

afterAll(async () => {
  sqlite?.close();
  await logged?.$disconnect();
  await cleanup?.();
});

/** The statements `run` sent to SQLite, in order. */
async function queriesOf(run: (db: Db) => Promise<unknown>): Promise<Captured[]> {
  captured.length = 0;
  await run(logged);
  // Query events are emitted after the statement; let the last ones arrive.
  await new Promise((resolve) => setImmediate(resolve));
  return [...captured];
}

function bind(params: string): unknown[] {
  return (JSON.parse(params) as unknown[]).map((v) => (typeof v === 'boolean' ? Number(v) : v !== null && typeof v === 'object' ? JSON.stringify(v) : v));
}

/** `main`.`Article` AS `j0` → j0: Article, so plan lines naming an alias can be traced to their table. */
function aliases(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of sql.matchAll(/`main`\.`(\w+)`(?: AS `(\w+)`)?/g)) {
    map.set(`main.${m[1]}`, m[1]);
    if (m[2]) map.set(m[2], m[1]);
  }
  return map;
}

type Plan = { table: string; detail: string; problem: string }[];

/** Values bound to `LIMIT ?` placeholders (Prisma writes -1 for "no limit"). */
function limits(q: Captured): number[] {
  const params = JSON.parse(q.params) as unknown[];
  const out: number[] = [];
  let placeholder = 0;
  for (const m of q.query.matchAll(/(LIMIT )?\?/g)) {
    if (m[1]) out.push(Number(params[placeholder]));
    placeholder++;
  }
  return out;
}

/**
 * What is wrong with a statement's plan:
 * - a full scan: `SCAN <large table>` without an index, reading every row of the table;
 * - a page that sorts everything: a query with a real LIMIT (a page, a batch) whose rows need a
 *   temporary B-tree for the whole ORDER BY, so every matching row is read and sorted to return a
 *   few; paging through a project that way reads the project once per page.
 */
function problems(q: Captured): Plan {
  if (!/^\s*(SELECT|UPDATE|DELETE|WITH)/i.test(q.query)) return [];
  // Prisma writes `WHERE 1=0` for an empty `in: []`; SQLite tests a constant condition once, before the loop.
  if (/ WHERE 1=0 /.test(q.query)) return [];
  const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${q.query}`).all(...bind(q.params)) as { detail: string }[];
  if (process.env.QUERY_PLAN_DEBUG) console.log(`${q.query}\n  ${plan.map((p) => p.detail).join('\n  ')}`);
  const names = aliases(q.query);
  const found: Plan = plan.flatMap(({ detail }) => {
    const scan = /^SCAN (\S+)/.exec(detail);
    if (!scan || /USING (COVERING )?INDEX/.test(detail)) return [];
    const table = names.get(scan[1]) ?? scan[1].replace(/^main\./, '');
    return LARGE_TABLES.has(table) ? [{ table, detail, problem: 'full scan' }] : [];
  });
  const from = /FROM `main`\.`(\w+)`/.exec(q.query)?.[1] ?? '';
  const paged = limits(q).some((n) => n > 0);
  if (paged && LARGE_TABLES.has(from) && plan.some((p) => p.detail === 'USE TEMP B-TREE FOR ORDER BY')) {
    found.push({ table: from, detail: 'USE TEMP B-TREE FOR ORDER BY', problem: 'a page sorts every matching row' });
  }
  return found;
}

async function expectIndexed(run: (db: Db) => Promise<unknown>) {
  const queries = await queriesOf(run);
  expect(queries.length, 'the query log captured nothing').toBeGreaterThan(0);
  const found = queries.flatMap((q) => problems(q).map((s) => `${s.problem}: ${s.detail} (${s.table}) in:\n  ${q.query}\n  params ${q.params}`));
  expect(found, `hot queries without a fitting index:\n${found.join('\n')}`).toEqual([]);
}

async function drain(db: Db, actor: Actor, input: Record<string, unknown>) {
  const prepared = await prepareExport(db, actor, { projectId: PROJECT, input });
  for await (const chunk of exportOutput(prepared).chunks) void chunk;
}

describe('hot queries use an index', () => {
  it("an annotator's own spans of an article", () => expectIndexed((db) => listOwnSpans(db, ann1, ARTICLE)));

  it("an annotator's own spans for the annotation page (without their text)", () => expectIndexed((db) => ownSpansForPage(db, ann1, ARTICLE)));

  it("an article's spans by layer (gold, all, one annotator)", () =>
    expectIndexed(async (db) => {
      for (const layer of ['gold', 'all', 'ann1@demo.test']) await articleLayerSpans(db, reviewer, { articleId: ARTICLE, layer });
    }));

  it("the annotator's queue of a project's articles, with their statuses and span counts", () => expectIndexed((db) => annotatorQueueWithCounts(db, ann1, PROJECT)));

  it("the annotator's queue on the annotate page (no span counts)", () => expectIndexed((db) => annotatorQueue(db, ann1, PROJECT)));

  it("the queue's span counts read only the actor's spans, through the (articleId, authorId) index", async () => {
    const counts = (await queriesOf((db) => annotatorQueueWithCounts(db, ann1, PROJECT))).filter((q) => /COUNT\(/.test(q.query) && /`Span`/.test(q.query));
    expect(counts).toHaveLength(1);
    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${counts[0].query}`).all(...bind(counts[0].params)) as { detail: string }[]).map((p) => p.detail);
    expect(plan.join('\n')).toMatch(/Span USING (COVERING )?INDEX Span_articleId_authorId_idx \(articleId=\? AND authorId=\?\)/);
  });

  it("an article's annotation statuses and spans on the review page", () => expectIndexed((db) => loadReview(db, reviewer, ARTICLE)));

  it('the review page\'s early highlights', () => expectIndexed((db) => reviewHighlights(db, reviewer, ARTICLE)));

  it('the review queue', () => expectIndexed((db) => reviewQueue(db, reviewer, PROJECT)));

  it("export: article batches, their spans and the agreement summary's reads", () =>
    expectIndexed(async (db) => {
      await drain(db, admin, { format: 'jsonl', layer: 'all' });
      await drain(db, admin, { format: 'jsonl', layer: 'gold' });
      await drain(db, admin, { format: 'jsonl', layer: 'ann1@demo.test' });
    }));

  it('the audit trail filtered by actor and dates, by project and dates, by article, and paged', () =>
    expectIndexed(async (db) => {
      const first = await auditTrail(db, admin, { user: ann1.id, from: '2020-01-01', to: '2099-12-31' });
      await auditTrail(db, admin, { project: PROJECT, from: '2020-01-01', to: '2099-12-31' });
      await auditTrail(db, admin, { article: ARTICLE });
      await auditTrail(db, admin, { project: PROJECT, before: first.events.length ? `${first.events[0].createdAt.toISOString()}_${first.events[0].id}` : undefined });
    }));

  it('duplicate detection by text hash (article import and dataset import)', () =>
    expectIndexed(async (db) => {
      await findDuplicates(db, PROJECT, ['Some text that may already be in the project.']);
      await importDataset(db, admin, { projectId: PROJECT, fileName: 'probe.jsonl', content: '{"title":"Probe","text":"A probe article."}\n', options: { dryRun: true } });
    }));

  it('the project list with its counts', () =>
    expectIndexed(async (db) => {
      await listProjectsFor(db, admin);
      await listProjectsFor(db, ann1);
    }));

  it('span saves: create, update, delete', () =>
    expectIndexed(async (db) => {
      const created = await createSpan(db, ann1, { articleId: 'demo-article-wind', input: { label: 'claim', start: 0, end: 4 } });
      const updated = await updateSpan(db, ann1, { spanId: created.id, input: { version: created.version, label: 'opinion' } });
      await deleteSpan(db, ann1, { spanId: created.id, input: { version: updated.version } });
    }));

  it('sees a full scan and a page that sorts everything when there is one (the check itself works)', async () => {
    const scan = await queriesOf((db) => db.span.findMany({ where: { note: 'no index covers notes' } }));
    expect(scan.flatMap(problems).map((p) => `${p.problem} of ${p.table}`)).toEqual(['full scan of Span']);
    const page = await queriesOf((db) => db.span.findMany({ where: { articleId: ARTICLE }, orderBy: { note: 'asc' }, take: 10 }));
    expect(page.flatMap(problems).map((p) => `${p.problem} of ${p.table}`)).toEqual(['a page sorts every matching row of Span']);
  });
});
