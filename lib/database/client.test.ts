import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSpan } from '../spans/service';
import { statusOf } from '../testing/status-of';
import { createPrismaClient, SlantSqliteAdapterFactory, SQLITE_BUSY_TIMEOUT_MS, type Db } from './client';
import { applyMigrations } from './migrate';
import { seedDemo } from './seed';
import { enableWal } from './sqlite';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ann1 = { id: 'demo-user-ann1', role: 'annotator' as const };

let dir: string;
let file: string;
let db: Db;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slant-client-'));
  file = path.join(dir, 'slant.db');
  // The way `npm start` prepares a database: migrations, then WAL, then the demo.
  await applyMigrations({ databaseUrl: `file:${file}`, projectRoot: ROOT });
  enableWal(`file:${file}`, ROOT);
  db = createPrismaClient(`file:${file}`);
  await seedDemo(db, { password: 'demo-password' });
});

afterAll(async () => {
  await db.$disconnect();
  await rm(dir, { recursive: true, force: true });
});

const pragma = async (name: string) => {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  return Object.values(rows[0])[0];
};

describe('the app’s SQLite connection', () => {
  it('runs in WAL mode with synchronous=FULL, and waits for the lock itself (10 s)', async () => {
    expect(await pragma('journal_mode')).toBe('wal');
    // 2 is FULL. better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so without the
    // explicit pragma a WAL database would run with NORMAL (1).
    expect(Number(await pragma('synchronous'))).toBe(2);
    // SQLite's busy handler would sleep on the server's only thread; the client waits instead,
    // asynchronously, for SQLITE_BUSY_TIMEOUT_MS (the next tests).
    expect(Number(await pragma('busy_timeout'))).toBe(0);
    expect(SQLITE_BUSY_TIMEOUT_MS).toBe(10_000);
  });

  it('keeps the statements of other requests out of an open transaction', async () => {
    const before = await db.auditEvent.count();
    let outsideWrite: Promise<unknown> | undefined;
    let writtenWhileOpen = false;
    let seenWhileOpen: number | undefined;
    await expect(
      db.$transaction(async (tx) => {
        await tx.auditEvent.create({ data: { action: 'test.uncommitted', entityType: 'span', entityId: 'none' } });
        // A read runs at once, on the reader connection, and sees only what is committed.
        seenWhileOpen = await db.auditEvent.count();
        // A write waits for the writer: on one shared connection it would run inside this
        // transaction by now, and be undone with it.
        outsideWrite = db.auditEvent.create({ data: { action: 'test.outside', entityType: 'span', entityId: 'none' } });
        void outsideWrite.then(() => (writtenWhileOpen = true));
        await new Promise((r) => setTimeout(r, 50));
        expect(writtenWhileOpen).toBe(false);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(seenWhileOpen).toBe(before);
    await outsideWrite;
    expect(await db.auditEvent.count({ where: { action: { in: ['test.uncommitted', 'test.outside'] } } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'test.outside' } })).toBe(1);
  });

  /** Two transactions, the second queued behind the first and held open until released. */
  async function twoInOneGroup(client: Db, tag: string) {
    let releaseSecond!: () => void;
    const secondMayEnd = new Promise<void>((r) => (releaseSecond = r));
    let firstAnswered = false;
    const first = client
      .$transaction(async (tx) => {
        await tx.auditEvent.create({ data: { action: `test.${tag}-first`, entityType: 'span', entityId: 'none' } });
      })
      .then(() => (firstAnswered = true));
    const second = client.$transaction(async (tx) => {
      await tx.auditEvent.create({ data: { action: `test.${tag}-second`, entityType: 'span', entityId: 'none' } });
      await secondMayEnd;
    });
    await new Promise((r) => setTimeout(r, 150));
    return { firstAnswered: () => firstAnswered, end: async () => (releaseSecond(), await Promise.all([first, second])) };
  }

  it('answers a transaction only once its COMMIT returned, also when it shares the COMMIT with others', async () => {
    const grouping = createPrismaClient(`file:${file}`, { groupCommitWindowMs: 60_000 });
    const other = new Database(file, { readonly: true });
    const marker = (name: string) => other.prepare('SELECT count(*) AS n FROM "AuditEvent" WHERE action = ?').get(name) as { n: number };
    try {
      const pair = await twoInOneGroup(grouping, 'group');
      // The first transaction is over, but its group is not committed: no answer, nothing visible.
      expect(pair.firstAnswered()).toBe(false);
      expect(marker('test.group-first').n).toBe(0);
      await pair.end();
      expect(pair.firstAnswered()).toBe(true);
      expect(marker('test.group-first').n).toBe(1);
      expect(marker('test.group-second').n).toBe(1);
    } finally {
      other.close();
      await grouping.$disconnect();
    }
  });

  it('commits a group that is older than its window as soon as its current transaction is done', async () => {
    const impatient = createPrismaClient(`file:${file}`, { groupCommitWindowMs: 0 });
    try {
      const pair = await twoInOneGroup(impatient, 'window');
      // The second one still runs, but the first was not kept waiting for it.
      expect(pair.firstAnswered()).toBe(true);
      expect(await db.auditEvent.count({ where: { action: 'test.window-first' } })).toBe(1);
      await pair.end();
    } finally {
      await impatient.$disconnect();
    }
  });

  it('undoes only its own writes when a transaction of a group rolls back', async () => {
    const outcomes = await Promise.allSettled(
      ['a', 'b', 'c'].map((name) =>
        db.$transaction(async (tx) => {
          await tx.auditEvent.create({ data: { action: `test.member-${name}`, entityType: 'span', entityId: 'none' } });
          if (name === 'b') throw new Error('b rolls back');
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const actions = (await db.auditEvent.findMany({ where: { action: { startsWith: 'test.member-' } } })).map((e) => e.action).sort();
    expect(actions).toEqual(['test.member-a', 'test.member-c']);
  });

  it('fails every transaction of a group whose COMMIT fails, and keeps none of their writes', async () => {
    const grouping = createPrismaClient(`file:${file}`, { groupCommitWindowMs: 60_000 });
    const outcomes = await Promise.allSettled([
      grouping.$transaction(async (tx) => {
        await tx.auditEvent.create({ data: { action: 'test.doomed-valid', entityType: 'span', entityId: 'none' } });
        // Gives the next transaction time to queue up behind this one, in the same group.
        await new Promise((r) => setTimeout(r, 30));
      }),
      grouping.$transaction(async (tx) => {
        // Foreign keys checked at COMMIT: a comment on a span that does not exist passes every
        // statement and fails the group's COMMIT.
        await tx.$executeRawUnsafe('PRAGMA defer_foreign_keys = ON');
        await tx.$executeRawUnsafe(
          `INSERT INTO "Comment" (id, articleId, spanId, authorId, body, createdAt) VALUES ('doomed', 'demo-article-wind', 'no-such-span', 'demo-user-ann1', 'x', '2026-01-01T00:00:00.000+00:00')`,
        );
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/foreign ?key/i);
    expect(await db.auditEvent.count({ where: { action: 'test.doomed-valid' } })).toBe(0);
    expect(await db.comment.count({ where: { id: 'doomed' } })).toBe(0);
    // The connection is usable again.
    const span = await createSpan(grouping, ann1, { articleId: 'demo-article-wind', input: { label: 'claim', start: 0, end: 5 } });
    expect(span.version).toBe(1);
    await grouping.$disconnect();
  });

  it('prepares each statement once per connection and runs it with each call’s own arguments', async () => {
    const prepare = vi.spyOn(Database.prototype, 'prepare');
    const adapter = await new SlantSqliteAdapterFactory({ databaseUrl: `file:${file}` }).connect();
    try {
      const text = 'SELECT id, title FROM "Article" WHERE id = ?';
      const query = (id: string) => ({ sql: text, args: [id], argTypes: [{ scalarType: 'string' as const, arity: 'scalar' as const }] });
      const titles = [];
      for (const id of ['demo-article-wind', 'demo-article-bridge', 'demo-article-wind', 'no-such-article']) {
        titles.push((await adapter.queryRaw(query(id))).rows.map((row) => row[0]));
      }
      expect(titles).toEqual([['demo-article-wind'], ['demo-article-bridge'], ['demo-article-wind'], []]);
      expect(prepare.mock.calls.filter(([sql]) => sql === text)).toHaveLength(1);
      // Writes too: the same INSERT twice, two rows.
      const insert = `INSERT INTO "AuditEvent" (id, action, entityType, entityId, createdAt) VALUES (?, 'test.cached', 'span', 'none', '2026-01-01T00:00:00.000+00:00')`;
      for (const id of ['cached-1', 'cached-2']) {
        expect(await adapter.executeRaw({ sql: insert, args: [id], argTypes: [{ scalarType: 'string', arity: 'scalar' }] })).toBe(1);
      }
      expect(prepare.mock.calls.filter(([sql]) => sql === insert)).toHaveLength(1);
      expect(await db.auditEvent.count({ where: { action: 'test.cached' } })).toBe(2);
    } finally {
      prepare.mockRestore();
      await adapter.dispose();
    }
  });

  it('takes the write lock when a transaction begins, not at its first write', async () => {
    const other = new Database(file, { timeout: 0 });
    try {
      await db.$transaction(async (tx) => {
        await tx.article.findFirst({ where: { id: 'demo-article-bridge' } });
        // A deferred BEGIN would still let another connection write here; then this
        // transaction's first write could only fail with SQLITE_BUSY (no waiting).
        expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/database is locked/);
      });
      other.exec('BEGIN IMMEDIATE');
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
  });

  it('waits for another connection’s write lock without blocking the event loop', async () => {
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    let released = 0;
    // With SQLite's own busy handler this timer could not fire before the save gave up: the
    // wait would sleep inside the driver, on this very thread.
    setTimeout(() => {
      other.exec('COMMIT');
      released = performance.now();
    }, 300);
    try {
      const span = await createSpan(db, ann1, { articleId: 'demo-article-wind', input: { label: 'claim', start: 0, end: 5 } });
      expect(released).toBeGreaterThan(0);
      expect(span.version).toBe(1);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
  });

  it('gives up after the busy timeout, and the next transaction still runs', async () => {
    const impatient = createPrismaClient(`file:${file}`, { busyTimeoutMs: 300 });
    const other = new Database(file);
    try {
      other.exec('BEGIN IMMEDIATE');
      const started = performance.now();
      // Refused as "busy, try again" (503), not as a server error.
      expect(await statusOf(createSpan(impatient, ann1, { articleId: 'demo-article-wind', input: { label: 'claim', start: 0, end: 5 } }))).toBe(503);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
      other.exec('COMMIT');
      // The failed start handed the connection back: a transaction that kept it would hang here.
      const span = await createSpan(impatient, ann1, { articleId: 'demo-article-wind', input: { label: 'opinion', start: 0, end: 5 } });
      expect(span.label).toBe('opinion');
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      await impatient.$disconnect();
    }
  });

  it('lets another process write at the same time without a single "database is locked"', async () => {
    // The child saves spans through the app's own client and service, as the command line or a
    // second server would; this process does the same meanwhile. Both read, then write, in each
    // transaction: with a deferred BEGIN about a third of them failed at once with SQLITE_BUSY.
    const child = path.join(dir, 'writer.mts');
    const url = (rel: string) => JSON.stringify(pathToFileURL(path.join(ROOT, rel)).href);
    await writeFile(
      child,
      `import { createPrismaClient } from ${url('lib/database/client.ts')};
import { createSpan } from ${url('lib/spans/service.ts')};
const [databaseUrl, count] = process.argv.slice(2);
const db = createPrismaClient(databaseUrl);
const actor = { id: 'demo-user-ann2', role: 'annotator' };
const errors = [];
let saved = 0;
console.log('ready');
for (let i = 0; i < Number(count); i++) {
  try {
    await createSpan(db, actor, { articleId: 'demo-article-bridge', input: { label: 'claim', start: i % 50, end: 60 } });
    saved++;
  } catch (e) {
    errors.push(String(e?.message ?? e).split('\\n').at(-1));
  }
}
await db.$disconnect();
console.log(JSON.stringify({ saved, errors }));
`,
    );
    const proc = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), child, `file:${file}`, '150'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
    await new Promise<void>((resolve) => proc.stdout.once('data', () => resolve()));

    const errors: string[] = [];
    let saved = 0;
    for (let i = 0; i < 150; i++) {
      try {
        await createSpan(db, ann1, { articleId: 'demo-article-bridge', input: { label: 'opinion', start: i % 50, end: 70 } });
        saved++;
      } catch (e) {
        errors.push((e as Error).message.split('\n').at(-1)!);
      }
    }
    expect(await exited).toBe(0);
    const childResult = JSON.parse(out.trim().split('\n').at(-1)!) as { saved: number; errors: string[] };
    expect({ errors, childErrors: childResult.errors }).toEqual({ errors: [], childErrors: [] });
    expect(saved + childResult.saved).toBe(300);
    const spans = await db.span.count({ where: { articleId: 'demo-article-bridge', end: { in: [60, 70] } } });
    expect(spans).toBe(300);
  }, 60_000);
});
