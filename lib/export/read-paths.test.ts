import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Prisma } from '../../generated/prisma/client';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { sqlitePathFromUrl } from '../database/location';
import { enableWal } from '../database/sqlite';
import { EXPORT_FORMATS } from '../formats';
import { makeSelector } from '../anchoring/selector';
import { hashText } from '../import/canonical';
import { createTestDb } from '../testing/test-db';
import { articlesQuery, emailsQuery, isoTimestamp, spansOfArticleQuery, spansOfArticlesQuery, submittedQuery, type ReadPath } from './rows';
import { prepareExport } from './service';
import { exportOutput } from './stream';

// On SQLite an export reads rows on a second, direct connection to the file; everywhere else, and
// when forced here, the same statements go through the Prisma client. Both must write the same
// bytes. The fixture project is larger than one batch of articles and has ties in queue position,
// deleted rows, submissions, verdicts, edited spans and text outside the Basic Multilingual Plane.

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const admin: Actor = { id: 'demo-user-admin', role: 'admin' };
const PROJECT = 'paths-project';
const ARTICLES = 64;

let db: Db;
let databaseUrl: string;
let cleanup: () => Promise<void>;

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute, 0, 123));

async function buildProject() {
  await db.project.create({ data: { id: PROJECT, name: 'Read paths', guidelines: 'Mark claims.' } });
  await db.membership.createMany({ data: ['demo-user-admin', 'demo-user-ann1', 'demo-user-ann2'].map((userId) => ({ projectId: PROJECT, userId })) });
  const articles: Prisma.ArticleCreateManyInput[] = [];
  const spans: Prisma.SpanCreateManyInput[] = [];
  const statuses: Prisma.AnnotationStatusCreateManyInput[] = [];
  const authors = [
    { authorId: 'demo-user-ann1', layer: 'annotator' },
    { authorId: 'demo-user-ann2', layer: 'annotator' },
    { authorId: 'demo-user-admin', layer: 'gold' },
  ];
  for (let i = 0; i < ARTICLES; i++) {
    const text = `Article ${i}: the council 😀 said “the bridge opens in ${2026 + (i % 5)}”.\nCafé owners ${i % 2 ? 'disagree' : 'agree'} — Zoë wrote it down.`;
    const id = `paths-a-${String((i * 37) % ARTICLES).padStart(3, '0')}`;
    articles.push({
      id,
      projectId: PROJECT,
      title: `Title ${i} 😀`,
      text,
      textHash: hashText(text),
      // Three articles share each position: the order falls back to the id.
      position: Math.floor(i / 3),
      reviewState: i % 4 === 0 ? 'open' : 'adjudicated',
      createdById: 'demo-user-admin',
      createdAt: at(i),
      deletedAt: i % 11 === 5 ? at(100) : null,
    });
    for (const [n, a] of authors.entries()) {
      for (let k = 0; k < 3; k++) {
        const start = (i + 5 * n + 7 * k) % 40;
        const end = start + 3 + ((i + k) % 20);
        spans.push({
          id: `${id}-s${n}${k}`,
          articleId: id,
          ...a,
          label: ['claim', 'opinion', 'sourced_quote'][(i + n + k) % 3]!,
          ...makeSelector(text, { start, end }),
          textHash: hashText(text),
          note: k === 1 ? 'Check the wording\u2028twice.' : '',
          speaker: k === 2 ? 'Zoë' : '',
          verdict: a.layer === 'annotator' && k === 0 ? 'accepted' : '',
          createdAt: at(i + k),
          updatedAt: at(i + k + (k === 2 ? 30 : 0)),
          deletedAt: (i + k) % 9 === 4 ? at(120) : null,
        });
      }
    }
    for (const userId of i % 5 === 1 ? ['demo-user-ann1'] : ['demo-user-ann1', 'demo-user-ann2']) {
      statuses.push({ articleId: id, userId, status: i % 7 === 3 ? 'in_progress' : 'submitted', submittedAt: at(i) });
    }
  }
  await db.article.createMany({ data: articles });
  await db.span.createMany({ data: spans });
  await db.annotationStatus.createMany({ data: statuses });
}

beforeAll(async () => {
  ({ db, databaseUrl, cleanup } = await createTestDb());
  await buildProject();
}, 120_000);
afterAll(async () => cleanup());
afterEach(() => vi.useRealTimers());

async function exportBytes(input: Record<string, unknown>, readPath: ReadPath) {
  const prepared = await prepareExport(db, admin, { projectId: PROJECT, input, readPath });
  const parts: Uint8Array[] = [];
  for await (const chunk of exportOutput(prepared).chunks) parts.push(chunk);
  return { bytes: Buffer.concat(parts), final: prepared.finalManifest() };
}

describe('export read paths', () => {
  it('the direct SQLite path writes the same bytes as the portable one, in every format and layer', async () => {
    // One export time for both, so the manifests (and the ZIP entries' dates) match.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T10:00:00.000Z'));
    for (const layer of ['all', 'gold', 'ann2@demo.test']) {
      for (const format of EXPORT_FORMATS) {
        for (const bundle of format === 'csv' ? [false, true] : [false]) {
          const input = { format, layer, bundle };
          const direct = await exportBytes(input, 'auto');
          const portable = await exportBytes(input, 'portable');
          expect(direct.bytes.equals(portable.bytes), `${format} ${layer} bundle=${bundle}`).toBe(true);
          expect(direct.final).toEqual(portable.final);
        }
      }
    }
  });

  it('pages through ties in queue position, in (position, id) order, leaving out deleted articles and spans', async () => {
    const expected = await db.article.findMany({ where: { projectId: PROJECT, deletedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true } });
    const liveSpans = await db.span.count({ where: { deletedAt: null, article: { projectId: PROJECT, deletedAt: null } } });
    for (const readPath of ['auto', 'portable'] as const) {
      const { bytes, final } = await exportBytes({ format: 'jsonl', layer: 'all' }, readPath);
      const lines = bytes.toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; id?: string; spans?: { createdAt: string; updatedAt: string }[] });
      const articles = lines.filter((l) => l.type === 'article');
      expect(articles.map((a) => a.id)).toEqual(expected.map((a) => a.id));
      expect(articles.length).toBeGreaterThan(2 * 25);
      expect(final.counts.spans).toBe(liveSpans);
      const edited = articles.flatMap((a) => a.spans!).filter((s) => s.updatedAt !== s.createdAt);
      expect(edited.length).toBeGreaterThan(0);
      for (const s of edited) expect(Date.parse(s.updatedAt) - Date.parse(s.createdAt)).toBe(30 * 60_000);
    }
  });

  it('reads one snapshot: writes made while an export runs neither block nor show up in it', async () => {
    enableWal(databaseUrl, ROOT);
    const prepared = await prepareExport(db, admin, { projectId: PROJECT, input: { format: 'jsonl', layer: 'all' } });
    const seen: string[] = [];
    let wrote = false;
    for await (const article of prepared.articles) {
      seen.push(article.id);
      if (wrote) continue;
      wrote = true;
      // The export holds its read transaction now; these commit at once beside it.
      const text = 'Added while the export was running.';
      await db.article.create({ data: { id: 'paths-late', projectId: PROJECT, title: 'Late', text, textHash: hashText(text), position: 1000, createdById: 'demo-user-admin' } });
      await db.article.update({ where: { id: 'paths-a-063' }, data: { deletedAt: new Date() } });
    }
    expect(seen).not.toContain('paths-late');
    expect(seen).toContain('paths-a-063');
    const after = await exportBytes({ format: 'jsonl', layer: 'all' }, 'auto');
    expect(after.bytes.toString('utf8')).toContain('"id":"paths-late"');
    expect(after.bytes.toString('utf8')).not.toContain('"id":"paths-a-063"');
  });

  it('lets go of its snapshot when the download stops early', async () => {
    enableWal(databaseUrl, ROOT);
    const sqlite = new Database(sqlitePathFromUrl(databaseUrl));
    // A full checkpoint cannot finish while a reader still holds an older snapshot of the file.
    const checkpointBlocked = () => (sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0]!.busy === 1;
    try {
      const prepared = await prepareExport(db, admin, { projectId: PROJECT, input: { format: 'jsonl', layer: 'all' } });
      const articles = prepared.articles[Symbol.asyncIterator]();
      expect((await articles.next()).done).toBe(false);
      await db.article.update({ where: { id: 'paths-a-001' }, data: { topic: 'changed meanwhile' } });
      expect(checkpointBlocked()).toBe(true);
      // What a cancelled response comes to: the stream's cancel() returns the writer's iterator,
      // whose loop over the articles returns theirs.
      await articles.return(undefined);
      expect(checkpointBlocked()).toBe(false);
    } finally {
      sqlite.close();
    }
  });

  it("finds the direct path's rows through indexes", () => {
    const sqlite = new Database(sqlitePathFromUrl(databaseUrl), { readonly: true });
    try {
      const ids = ['paths-a-001', 'paths-a-002'];
      const statements = [
        articlesQuery({ projectId: PROJECT }, null, 25),
        articlesQuery({ projectId: PROJECT }, { position: 3, id: 'paths-a-010' }, 25),
        articlesQuery({ projectId: PROJECT, articleId: 'paths-a-001' }, null, 25),
        spansOfArticleQuery('paths-a-001'),
        spansOfArticlesQuery(ids),
        submittedQuery(ids),
        emailsQuery(['demo-user-ann1']),
      ];
      for (const q of statements) {
        const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.values) as { detail: string }[]).map((p) => p.detail);
        expect(plan.filter((d) => /^SCAN /.test(d) && !/USING (COVERING )?INDEX/.test(d)), `${q.sql}\n${plan.join('\n')}`).toEqual([]);
        expect(plan, q.sql).not.toContain('USE TEMP B-TREE FOR ORDER BY');
      }
    } finally {
      sqlite.close();
    }
  });

  it('turns stored timestamps into ISO 8601 the way Date does', () => {
    expect(isoTimestamp('2026-01-05T10:00:00.000+00:00')).toBe('2026-01-05T10:00:00.000Z');
    expect(isoTimestamp(new Date('2026-01-05T10:00:00.250Z'))).toBe('2026-01-05T10:00:00.250Z');
    expect(isoTimestamp(Date.UTC(2026, 0, 5))).toBe('2026-01-05T00:00:00.000Z');
    expect(isoTimestamp('2026-01-05T12:00:00.000+02:00')).toBe('2026-01-05T10:00:00.000Z');
  });
});
