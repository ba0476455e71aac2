import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/permissions';
import { createArticles, updateArticle } from '../articles/service';
import { judgeSpan } from '../review/service';
import { createSpan, updateSpan } from '../spans/service';
import { statusOf } from '../testing/status-of';
import { createTestDb } from '../testing/test-db';
import { isBusyError } from './busy';
import { createPrismaClient, type Db } from './client';
import { ANNOTATION_LOCK_CLASS, ARTICLE_LOCK_CLASS, GLOBAL_LOCK_KEY, scopedTransaction, type WriteScope } from './write-scope';

// PostgreSQL only (the PostgreSQL pass of `npm test`): which advisory locks each kind of
// transaction takes, and so which transactions wait for which. On SQLite every write transaction
// waits for every other one; the service tests, run on both engines, show the behaviour is the same.

const ann1: Actor = { id: 'demo-user-ann1', role: 'annotator' };
const ann2: Actor = { id: 'demo-user-ann2', role: 'annotator' };
const reviewer: Actor = { id: 'demo-user-reviewer', role: 'reviewer' };
const WIND = 'demo-article-wind';
const BRIDGE = 'demo-article-bridge';
const LOCK_TIMEOUT_MS = 300;

let db: Db;
/** A second client that gives up after LOCK_TIMEOUT_MS: "waits" shows as a busy error. */
let impatient: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const test = await createTestDb();
  ({ db, cleanup } = test);
  impatient = createPrismaClient(test.databaseUrl, { busyTimeoutMs: LOCK_TIMEOUT_MS });
});
afterAll(async () => {
  await impatient.$disconnect();
  await cleanup();
});

type Lock = { classid: bigint; objid: bigint; objsubid: number; mode: string };

/** Holds a transaction of `scope` (undefined: no scope) open until `release`. */
async function holdOpen(scope: WriteScope | undefined) {
  let release!: () => void;
  let held!: (locks: Lock[]) => void;
  const locks = new Promise<Lock[]>((resolve) => (held = resolve));
  const work = async (tx: Parameters<Parameters<Db['$transaction']>[0]>[0]) => {
    held(await tx.$queryRawUnsafe<Lock[]>(`SELECT classid::bigint, objid::bigint, objsubid, mode FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`));
    await new Promise<void>((resolve) => (release = resolve));
  };
  const done = scope ? scopedTransaction(db, scope, work) : db.$transaction(work, { timeout: 20_000 });
  return { locks: await locks, release: async () => (release(), await done) };
}

/** Whether a transaction of `scope` on the impatient client runs while `open` is held. */
async function runsBeside(scope: WriteScope | undefined): Promise<boolean> {
  const work = async (tx: Parameters<Parameters<Db['$transaction']>[0]>[0]) => tx.user.count();
  try {
    await (scope ? scopedTransaction(impatient, scope, work) : impatient.$transaction(work));
    return true;
  } catch (error) {
    if (isBusyError(error)) return false;
    throw error;
  }
}

async function hashOf(text: string): Promise<bigint> {
  const [row] = await db.$queryRawUnsafe<{ h: bigint }[]>(`SELECT (hashtext($1)::bigint & 4294967295) AS h`, text);
  return BigInt(row.h);
}

const GLOBAL = { classid: BigInt(GLOBAL_LOCK_KEY) >> 32n, objid: BigInt(GLOBAL_LOCK_KEY) & 0xffffffffn, objsubid: 1 };
const sorted = (locks: Lock[]) => [...locks].sort((a, b) => Number(a.classid - b.classid) || Number(a.objid - b.objid));

describe('write scopes on PostgreSQL', () => {
  let span: string;
  beforeAll(async () => {
    span = (await createSpan(db, ann1, { articleId: WIND, input: { label: 'claim', start: 4, end: 30 } })).id;
  });

  it('takes the global lock alone without a scope, and global shared + article (+ annotator) with one', async () => {
    const everything = await holdOpen(undefined);
    await everything.release();
    expect(everything.locks).toEqual([{ ...GLOBAL, mode: 'ExclusiveLock' }]);

    const annotation = await holdOpen({ kind: 'annotation', userId: ann1.id, spanId: span });
    await annotation.release();
    expect(sorted(annotation.locks)).toEqual(
      sorted([
        { ...GLOBAL, mode: 'ShareLock' },
        { classid: BigInt(ARTICLE_LOCK_CLASS), objid: await hashOf(WIND), objsubid: 2, mode: 'ShareLock' },
        { classid: BigInt(ANNOTATION_LOCK_CLASS), objid: await hashOf(`${WIND}/${ann1.id}`), objsubid: 2, mode: 'ExclusiveLock' },
      ]),
    );

    const article = await holdOpen({ kind: 'article', articleId: WIND });
    await article.release();
    expect(sorted(article.locks)).toEqual(
      sorted([
        { ...GLOBAL, mode: 'ShareLock' },
        { classid: BigInt(ARTICLE_LOCK_CLASS), objid: await hashOf(WIND), objsubid: 2, mode: 'ExclusiveLock' },
      ]),
    );

    // A span that does not exist names no article: only the global lock, shared.
    const missing = await holdOpen({ kind: 'article', spanId: 'no-such-span' });
    await missing.release();
    expect(missing.locks).toEqual([{ ...GLOBAL, mode: 'ShareLock' }]);
  });

  it('lets different annotators of one article, and different articles, write side by side', async () => {
    const open = await holdOpen({ kind: 'annotation', userId: ann1.id, articleId: WIND });
    try {
      expect(await runsBeside({ kind: 'annotation', userId: ann2.id, articleId: WIND })).toBe(true);
      expect(await runsBeside({ kind: 'annotation', userId: ann1.id, articleId: BRIDGE })).toBe(true);
      expect(await runsBeside({ kind: 'article', articleId: BRIDGE })).toBe(true);
      // …and the real services: ann2 saves a span on the same article while ann1's transaction is open.
      expect(await statusOf(createSpan(impatient, ann2, { articleId: WIND, input: { label: 'opinion', start: 40, end: 60 } }))).toBe(200);
    } finally {
      await open.release();
    }
  });

  it('makes the same annotator on the same article, the article, and everything wait', async () => {
    const open = await holdOpen({ kind: 'annotation', userId: ann1.id, articleId: WIND });
    try {
      expect(await runsBeside({ kind: 'annotation', userId: ann1.id, articleId: WIND })).toBe(false);
      expect(await runsBeside({ kind: 'annotation', userId: ann1.id, spanId: span })).toBe(false);
      expect(await runsBeside({ kind: 'article', articleId: WIND })).toBe(false);
      expect(await runsBeside({ kind: 'article', spanId: span })).toBe(false);
      expect(await runsBeside(undefined)).toBe(false);
    } finally {
      await open.release();
    }
  });

  it('makes everyone on an article wait for an article-wide change, and everyone wait for an unscoped one', async () => {
    const article = await holdOpen({ kind: 'article', articleId: WIND });
    try {
      expect(await runsBeside({ kind: 'annotation', userId: ann2.id, articleId: WIND })).toBe(false);
      expect(await runsBeside({ kind: 'article', articleId: BRIDGE })).toBe(true);
      // The real services: a reviewer's verdict on WIND waits, ann1's edit of their span too.
      expect(await statusOf(judgeSpan(impatient, reviewer, { spanId: span, input: { verdict: 'accepted', version: 1 } }))).toBe(503);
      expect(await statusOf(updateSpan(impatient, ann1, { spanId: span, input: { version: 1, note: 'x' } }))).toBe(503);
    } finally {
      await article.release();
    }
    const everything = await holdOpen(undefined);
    try {
      expect(await runsBeside({ kind: 'annotation', userId: ann2.id, articleId: BRIDGE })).toBe(false);
      expect(await runsBeside({ kind: 'article', articleId: BRIDGE })).toBe(false);
    } finally {
      await everything.release();
    }
    // Nothing of the refused changes was kept, and the span is still open for both.
    expect((await db.span.findUniqueOrThrow({ where: { id: span } })).version).toBe(1);
    expect(await statusOf(updateSpan(db, ann1, { spanId: span, input: { version: 1, note: 'after' } }))).toBe(200);
  });

  it('runs two edits giving two articles one new text one after the other: the second finds the first and is refused', async () => {
    const admin: Actor = { id: 'demo-user-admin', role: 'admin' };
    for (let trial = 0; trial < 5; trial++) {
      const [a, b] = await createArticles(db, admin, {
        projectId: 'demo-project',
        input: { articles: [{ title: `A${trial}`, text: `First draft ${trial} of one text.` }, { title: `B${trial}`, text: `Second draft ${trial} of one text.` }] },
      });
      const text = `The settled text ${trial}, saved twice at once.`;
      const outcomes = await Promise.all([a!, b!].map((x) => statusOf(updateArticle(db, admin, { articleId: x.id, input: { title: x.title, text, version: 1 } }))));
      expect(outcomes.sort()).toEqual([200, 409]);
      expect(await db.article.count({ where: { projectId: 'demo-project', deletedAt: null, text } })).toBe(1);
    }
  });
});
