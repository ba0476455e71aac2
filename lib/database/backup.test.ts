import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashText } from '../import/canonical';
import { createSpan, updateSpan } from '../spans/service';
import type { SpanView } from '../spans/schema';
import { backupDatabase, inspectDatabase, knownMigrations, restoreDatabase } from './backup';
import { createPrismaClient, type Db } from './client';
import { applyMigrations } from './migrate';
import { seedDemo } from './seed';
import { enableWal } from './sqlite';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const LABELS = ['claim', 'opinion', 'sourced_quote'] as const;
const ACTORS = [
  { id: 'demo-user-ann1', role: 'annotator' as const },
  { id: 'demo-user-ann2', role: 'annotator' as const },
];

let dir: string;
let live: string;
let db: Db;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slant-backup-'));
  live = path.join(dir, 'live', 'slant.db');
  // The way `npm start` prepares a database: migrations, then WAL, then the demo.
  await applyMigrations({ databaseUrl: `file:${live}`, projectRoot: ROOT });
  enableWal(`file:${live}`, ROOT);
  db = createPrismaClient(`file:${live}`);
  await seedDemo(db, { password: 'demo-password' });
});

afterAll(async () => {
  await db.$disconnect();
  await rm(dir, { recursive: true, force: true });
});

/** A save the client was told succeeded: which span, and the version and label it now has. */
type Ack = { id: string; version: number; label: string; at: number };

/** Annotators saving spans as fast as they can: creates, and every third save an update. */
function startWriteLoad(workers: number) {
  const acks: Ack[] = [];
  const failures: string[] = [];
  let running = true;
  const worker = async (w: number) => {
    const actor = ACTORS[w % ACTORS.length];
    let latest: SpanView | undefined;
    for (let i = 0; running; i++) {
      try {
        latest =
          latest && i % 3 === 2
            ? await updateSpan(db, actor, { spanId: latest.id, input: { version: latest.version, label: LABELS[(i + 1) % 3] } })
            : await createSpan(db, actor, { articleId: 'demo-article-bridge', input: { label: LABELS[i % 3], start: (w * 7 + i) % 120, end: 130 + (i % 20) } });
        acks.push({ id: latest.id, version: latest.version, label: latest.label, at: performance.now() });
      } catch (e) {
        failures.push((e as Error).message);
      }
      // better-sqlite3 answers synchronously, so without this the saves would chain on microtasks
      // alone and starve timers and child-process I/O; requests to a server arrive as I/O too.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const done = Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  return {
    acks,
    failures,
    async waitForAcks(count: number) {
      while (acks.length < count) await new Promise((r) => setTimeout(r, 20));
    },
    async stop() {
      running = false;
      await done;
    },
  };
}

/** Every save acknowledged before `before` is in the database at `file`, at least at its acknowledged version. */
function expectAcknowledged(file: string, acks: Ack[], before: number): number {
  const latest = new Map<string, Ack>();
  for (const a of acks) if (a.at < before && (latest.get(a.id)?.version ?? 0) < a.version) latest.set(a.id, a);
  const sqlite = new Database(file, { readonly: true });
  try {
    const find = sqlite.prepare('SELECT version, label FROM Span WHERE id = ?');
    const missing: Ack[] = [];
    for (const ack of latest.values()) {
      const row = find.get(ack.id) as { version: number; label: string } | undefined;
      if (!row || row.version < ack.version) missing.push(ack);
      // Same version, same content; a higher version is a later save that made it in too.
      else if (row.version === ack.version) expect(row.label).toBe(ack.label);
    }
    expect(missing).toEqual([]);
    return latest.size;
  } finally {
    sqlite.close();
  }
}

/** integrity_check ok, and no span without its audit event or out of step with its article. */
function expectConsistent(file: string): void {
  const sqlite = new Database(file, { readonly: true });
  try {
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const orphans = sqlite
      .prepare(`SELECT s.id FROM Span s WHERE s.id NOT LIKE 'demo-span-%' AND NOT EXISTS (SELECT 1 FROM AuditEvent e WHERE e.entityType = 'span' AND e.entityId = s.id)`)
      .all();
    expect(orphans).toEqual([]);
    const texts = new Map((sqlite.prepare('SELECT id, text FROM Article').all() as { id: string; text: string }[]).map((a) => [a.id, a.text]));
    const spans = sqlite.prepare('SELECT id, articleId, start, "end", quote, textHash FROM Span').all() as {
      id: string;
      articleId: string;
      start: number;
      end: number;
      quote: string;
      textHash: string;
    }[];
    for (const s of spans) {
      const text = texts.get(s.articleId)!;
      expect(s.textHash).toBe(hashText(text));
      expect(s.quote).toBe(Array.from(text).slice(s.start, s.end).join(''));
    }
  } finally {
    sqlite.close();
  }
}

function runSlant(args: string[], databaseUrl: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/slant.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const known = knownMigrations(ROOT);
const kib = (file: string) => `${(statSync(file).size / 1024).toFixed(0)} KiB`;

describe('backup and restore', () => {
  it('takes a backup under write load and restores it, and no acknowledged write is missing', async () => {
    const load = startWriteLoad(4);
    try {
      await load.waitForAcks(100);

      // In this process, on its own connection: an open write transaction of the load must not
      // leak into the copy half-done.
      const first = path.join(dir, 'first.db');
      const firstStarted = performance.now();
      await backupDatabase({ databasePath: live, to: first });
      const firstAcks = load.acks.length;
      await load.waitForAcks(firstAcks + 50);

      // From the command line, in another process, while this one keeps saving.
      const second = path.join(dir, 'second.db');
      const secondStarted = performance.now();
      const cli = await runSlant(['backup', second], `file:${live}`);
      const secondEnded = performance.now();
      expect(cli.stderr).toBe('');
      expect(cli.status).toBe(0);
      expect(cli.stdout).toContain(`Backed up ${live} to ${second}:`);
      await load.waitForAcks(load.acks.length + 50);
      await load.stop();

      expect(load.failures).toEqual([]);
      const duringCli = load.acks.filter((a) => a.at > secondStarted && a.at < secondEnded).length;
      expect(duringCli).toBeGreaterThan(0);

      const inFirst = expectAcknowledged(first, load.acks, firstStarted);
      const inSecond = expectAcknowledged(second, load.acks, secondStarted);
      expectConsistent(first);
      expectConsistent(second);

      // Into a folder that does not exist yet, as on a new machine.
      const restored = path.join(dir, 'restored', 'slant.db');
      const summary = await restoreDatabase({ from: second, databasePath: restored, knownMigrations: known });
      expect(summary.previous).toBeNull();
      expect(existsSync(`${restored}-wal`)).toBe(false);
      expect(expectAcknowledged(restored, load.acks, secondStarted)).toBe(inSecond);
      expectConsistent(restored);
      const check = new Database(restored, { readonly: true });
      expect(check.pragma('journal_mode', { simple: true })).toBe('wal');
      check.close();

      console.log(
        `backup under load: ${load.acks.length} saves acknowledged in all, ${duringCli} while the command-line backup ran; ` +
          `first backup ${kib(first)} with ${inFirst} acknowledged spans, second ${kib(second)} with ${inSecond}, restored ${kib(restored)} ` +
          `(${summary.spans} spans, ${summary.auditEvents} audit events)`,
      );
    } finally {
      await load.stop();
    }
  }, 120_000);

  it('restores over a database only when nothing has it open, and keeps the replaced one', async () => {
    const target = path.join(dir, 'replace', 'slant.db');
    mkdirSync(path.dirname(target));
    await restoreDatabase({ from: path.join(dir, 'first.db'), databasePath: target, knownMigrations: known });
    const before = inspectDatabase(target);

    const server = createPrismaClient(`file:${target}`);
    try {
      await server.span.count(); // a server holds its connection open from its first query on
      const refused = await runSlant(['restore', path.join(dir, 'second.db')], `file:${target}`);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`The database ${target} is in use by another process. Stop the Slant server`);
      expect(inspectDatabase(target).spans).toBe(before.spans);
    } finally {
      await server.$disconnect();
    }

    const done = await runSlant(['restore', path.join(dir, 'second.db')], `file:${target}`);
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(done.stdout).toContain(`Restored ${path.join(dir, 'second.db')} into ${target}:`);
    const kept = /The database it replaced is kept as (\S+)\.\n/.exec(done.stdout)?.[1];
    expect(kept).toMatch(/\/slant\.db\.before-restore-\d{8}T\d{6}Z$/);
    expect(kept!.startsWith(`${target}.before-restore-`)).toBe(true);
    expect(inspectDatabase(target).spans).toBe(inspectDatabase(path.join(dir, 'second.db')).spans);
    expect(inspectDatabase(kept!).spans).toBe(before.spans);
  }, 60_000);

  it('keeps every database a restore replaced: a second restore, even in the same second, never removes the first copy', async () => {
    const target = path.join(dir, 'twice', 'slant.db');
    await restoreDatabase({ from: path.join(dir, 'first.db'), databasePath: target, knownMigrations: known });
    const original = inspectDatabase(target);
    const now = new Date('2026-11-30T05:17:00.250Z');

    const first = await restoreDatabase({ from: path.join(dir, 'second.db'), databasePath: target, knownMigrations: known, now });
    const second = await restoreDatabase({ from: path.join(dir, 'first.db'), databasePath: target, knownMigrations: known, now });
    expect(first.previous).toBe(`${target}.before-restore-20261130T051700Z`);
    expect(second.previous).toBe(`${target}.before-restore-20261130T051700Z-2`);
    // The first copy is still the original data, the second what the first restore put in place.
    expect(inspectDatabase(first.previous!).spans).toBe(original.spans);
    expect(inspectDatabase(second.previous!).spans).toBe(inspectDatabase(path.join(dir, 'second.db')).spans);
    expect(inspectDatabase(target).spans).toBe(original.spans);
    const later = await restoreDatabase({ from: path.join(dir, 'second.db'), databasePath: target, knownMigrations: known, now: new Date('2026-11-30T06:00:00Z') });
    expect(later.previous).toBe(`${target}.before-restore-20261130T060000Z`);
    expect(readdirSync(path.dirname(target)).filter((f) => f.includes('before-restore')).sort()).toEqual([
      'slant.db.before-restore-20261130T051700Z',
      'slant.db.before-restore-20261130T051700Z-2',
      'slant.db.before-restore-20261130T060000Z',
    ]);
  }, 60_000);

  it('refuses to restore over a database not in WAL mode, where it cannot see a server that has it open', async () => {
    // A database as `npm run serve` used to leave it: migrated, never switched to WAL.
    const target = path.join(dir, 'journal', 'slant.db');
    await applyMigrations({ databaseUrl: `file:${target}`, projectRoot: ROOT });
    const untouched = readFileSync(target);
    const server = createPrismaClient(`file:${target}`);
    try {
      await server.user.count(); // open, but in rollback-journal mode an idle connection holds no lock
      const refused = await runSlant(['restore', path.join(dir, 'second.db')], `file:${target}`);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toBe(
        `Error: The database ${target} is not in WAL mode (its journal mode is delete), so restore cannot tell whether a server has it open. ` +
          'Stop the Slant server, run npm run slant -- migrate (it turns WAL on), then restore again.\n',
      );
    } finally {
      await server.$disconnect();
    }
    expect(readFileSync(target).equals(untouched)).toBe(true);
    expect(readdirSync(path.dirname(target))).toEqual(['slant.db']);

    // What the message says to do: with WAL on, the restore goes ahead.
    enableWal(`file:${target}`, ROOT);
    const summary = await restoreDatabase({ from: path.join(dir, 'second.db'), databasePath: target, knownMigrations: known });
    expect(summary.spans).toBe(inspectDatabase(path.join(dir, 'second.db')).spans);

    // An empty placeholder file (touched, or a fresh volume) holds no database to protect: restored onto.
    const placeholder = path.join(dir, 'placeholder', 'slant.db');
    mkdirSync(path.dirname(placeholder), { recursive: true });
    writeFileSync(placeholder, '');
    const onto = await restoreDatabase({ from: path.join(dir, 'second.db'), databasePath: placeholder, knownMigrations: known });
    expect(onto.spans).toBe(summary.spans);
  }, 60_000);

  it('refuses, with a message saying why, a missing file, a file that is not a database and a SQLite file that is not Slant’s', async () => {
    const target = path.join(dir, 'replace', 'slant.db');
    const untouched = readFileSync(target);
    const text = path.join(dir, 'notes.db');
    writeFileSync(text, 'these are my notes, not a database\n'.repeat(200));
    const foreign = path.join(dir, 'foreign.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE recipes (name TEXT)');
    other.close();

    const [missing, notSqlite, notSlant, noFile, noDatabase] = await Promise.all([
      runSlant(['restore', path.join(dir, 'missing.db')], `file:${target}`),
      runSlant(['restore', text], `file:${target}`),
      runSlant(['restore', foreign], `file:${target}`),
      runSlant(['backup'], `file:${target}`),
      runSlant(['backup', path.join(dir, 'never.db')], `file:${path.join(dir, 'no-such.db')}`),
    ]);
    expect(missing).toMatchObject({ status: 1, stderr: `Error: There is no backup file at ${path.join(dir, 'missing.db')}.\n` });
    expect(notSqlite).toMatchObject({ status: 1, stderr: `Error: ${text} is not a Slant database: it is not a SQLite file at all.\n` });
    expect(notSlant.status).toBe(1);
    expect(notSlant.stderr).toBe(
      `Error: ${foreign} is a SQLite database but not a Slant database: it has no User, Project, Membership, Article, Span, AuditEvent, ApiToken, _prisma_migrations tables.\n`,
    );
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toContain('backup needs exactly one FILE.');
    expect(noDatabase).toMatchObject({ status: 1, stderr: `Error: There is no database at ${path.join(dir, 'no-such.db')}: nothing to back up.\n` });
    expect(existsSync(path.join(dir, 'never.db'))).toBe(false);
    // None of the refusals touched the database or left a temporary file beside it.
    expect(readFileSync(target).equals(untouched)).toBe(true);
    expect(existsSync(`${target}-wal`)).toBe(false);

    const existing = await runSlant(['backup', text], `file:${target}`);
    expect(existing).toMatchObject({ status: 1, stderr: `Error: ${text} already exists. Choose a new file name: a backup never overwrites a file.\n` });
  }, 60_000);

  it('refuses a backup made by a newer version of Slant', async () => {
    const newer = path.join(dir, 'newer.db');
    copyFileSync(path.join(dir, 'first.db'), newer);
    const sqlite = new Database(newer);
    sqlite
      .prepare(`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('x', 'x', ?, 0, 0, 1)`)
      .run('29990101000000_from_the_future');
    sqlite.close();
    const target = path.join(dir, 'replace', 'slant.db');
    const before = inspectDatabase(target);
    await expect(restoreDatabase({ from: newer, databasePath: target, knownMigrations: known })).rejects.toThrow(
      `${newer} was made by a newer version of Slant (its migration 29990101000000_from_the_future is not in prisma/migrations here). Update Slant, then restore.`,
    );
    expect(inspectDatabase(target)).toEqual(before);
    expect(inspectDatabase(path.join(dir, 'first.db')).migrations).toEqual(known);
  });

  it('refuses a damaged backup', async () => {
    const damaged = path.join(dir, 'damaged.db');
    copyFileSync(path.join(dir, 'first.db'), damaged);
    // Overwrite the middle of the file (table and index pages) with garbage.
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 4096 * 4);
    closeSync(fd);
    const target = path.join(dir, 'replace', 'slant.db');
    const before = inspectDatabase(target);
    await expect(restoreDatabase({ from: damaged, databasePath: target, knownMigrations: known })).rejects.toThrow(new RegExp(`^${damaged.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged`));
    expect(inspectDatabase(target)).toEqual(before);
  });
});
