import { Prisma, type AnnotationStatus, type Article, type AuditEvent, type Span } from '../../generated/prisma/client';
import { makeSelector, resolveIndex } from '../anchoring/selector';
import { can, type Actor } from '../auth/permissions';
import { roleSchema } from '../auth/roles';
import type { Db } from '../database/client';
import { DirectSqlite, sqliteValue } from '../database/direct-sqlite';
import { DomainError } from '../errors';
import type { ArticleDraft } from '../import/types';
import type { Label } from '../labels';
import { auditFields } from '../spans/write';
import { newRowId } from './row-ids';
import { mayImportInto } from './targets';

/*
 * Writes a checked dataset in one transaction: every article, span, submission and audit event,
 * or nothing. Rows are built here (the same rows and audit events `insertSpan` and `recordAudit`
 * write one at a time) and inserted with multi-row INSERT statements, a bounded number of rows
 * each. The statements run through the Prisma client's transaction (`$executeRaw`, any engine) or,
 * on SQLite, on a second connection to the file that holds the write lock for the transaction,
 * so the server's own connection keeps reading meanwhile. Between batches of articles the event
 * loop gets a turn, and a transaction that outlives its time limit is rolled back with a clear error.
 */

/** A checked article draft with the hash of its text (`hashText`) and the spans to write. */
export type ImportedRecord = ArticleDraft & {
  textHash: string;
  /** Labels mapped, skipped ones left out, offsets checked against the text. */
  spans: { label: Label; start: number; end: number; note: string; speaker: string }[];
};

export type ImportTarget = { kind: 'gold' } | { kind: 'annotator'; userId: string };

export type WritePath = 'auto' | 'portable';

/** How long an import's transaction may run; the write lock is held all along. */
export const IMPORT_TIME_LIMIT_MS = 120_000;

/** Articles per round of statements; the event loop gets a turn between rounds. */
const ARTICLES_PER_ROUND = 100;
/** Bound values per statement (PostgreSQL allows 65,535, SQLite 32,766). */
const VALUES_PER_STATEMENT = 8000;

type Table<Row> = { name: string; columns: readonly (keyof Row & string)[] };

const ARTICLE: Table<Article> = {
  name: 'Article',
  columns: ['id', 'projectId', 'title', 'author', 'outlet', 'sourceUrl', 'publishedOn', 'topic', 'text', 'textHash', 'position', 'reviewState', 'adjudicatedAt', 'adjudicatedById', 'version', 'createdById', 'createdAt', 'updatedAt', 'deletedAt'],
};
const SPAN: Table<Span> = {
  name: 'Span',
  columns: ['id', 'articleId', 'authorId', 'layer', 'label', 'start', 'end', 'quote', 'prefix', 'suffix', 'textHash', 'note', 'speaker', 'verdict', 'reviewedById', 'reviewedAt', 'sourceSpanId', 'goldSpanId', 'version', 'createdAt', 'updatedAt', 'deletedAt'],
};
const STATUS: Table<AnnotationStatus> = { name: 'AnnotationStatus', columns: ['id', 'articleId', 'userId', 'status', 'submittedAt', 'updatedAt'] };
const AUDIT: Table<AuditEvent> = { name: 'AuditEvent', columns: ['id', 'actorId', 'action', 'entityType', 'entityId', 'projectId', 'articleId', 'before', 'after', 'createdAt'] };

type Insert = { pieces: readonly string[]; text: string };
const inserts = new Map<string, Insert>();

/** `INSERT INTO "T" ("a", "b") VALUES (?, ?), (?, ?)` for `rows` rows: its text, and the pieces between its placeholders. */
function insertStatement(table: Table<never>, rows: number): Insert {
  const key = `${table.name}:${rows}`;
  let insert = inserts.get(key);
  if (!insert) {
    const pieces = [`INSERT INTO "${table.name}" (${table.columns.map((c) => `"${c}"`).join(', ')}) VALUES (`];
    for (let r = 0; r < rows; r++) {
      for (let c = 1; c < table.columns.length; c++) pieces.push(', ');
      pieces.push(r === rows - 1 ? ')' : '), (');
    }
    insert = { pieces, text: pieces.join('?') };
    inserts.set(key, insert);
  }
  return insert;
}

type Writer = {
  /** The highest queue position in the project, read inside the transaction. */
  maxPosition(projectId: string): Promise<number | null>;
  /** The titles of live articles in the project with one of these text hashes, read inside the transaction. */
  existing(projectId: string, hashes: readonly string[]): Promise<{ textHash: string; title: string }[]>;
  /** These users, if active, with their role and whether they are members of the project, read inside the transaction. */
  people(projectId: string, ids: readonly string[]): Promise<{ id: string; role: string; member: number | bigint }[]>;
  insert(statement: Insert, values: unknown[]): Promise<void>;
  /** A date as the statement binds it. */
  bindDate(date: Date): unknown;
};

function existingQuery(projectId: string, hashes: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT "textHash", "title" FROM "Article" WHERE "projectId" = ${projectId} AND "deletedAt" IS NULL AND "textHash" IN (${Prisma.join([...hashes])})`;
}

/** Hashes in rounds, so no statement has more parameters than an engine takes. */
async function existingIn(query: (sql: Prisma.Sql) => Promise<{ textHash: string; title: string }[]>, projectId: string, hashes: readonly string[]) {
  const found: { textHash: string; title: string }[] = [];
  for (let i = 0; i < hashes.length; i += 500) found.push(...(await query(existingQuery(projectId, hashes.slice(i, i + 500)))));
  return found;
}

function peopleQuery(projectId: string, ids: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT u."id", u."role", (SELECT COUNT(*) FROM "Membership" m WHERE m."projectId" = ${projectId} AND m."userId" = u."id") AS "member" FROM "User" u WHERE u."deletedAt" IS NULL AND u."id" IN (${Prisma.join([...ids])})`;
}

function maxPositionQuery(projectId: string): Prisma.Sql {
  return Prisma.sql`SELECT MAX("position") AS "max" FROM "Article" WHERE "projectId" = ${projectId}`;
}

/** An aggregate's type is the engine's guess (SQLite's comes through Prisma as a BigInt). */
function maxOf(rows: { max: number | bigint | null }[]): number | null {
  const max = rows[0]?.max;
  return max === null || max === undefined ? null : Number(max);
}

function isExpiredTransaction(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2028';
}

function tooSlow(limitMs: number, fileName: string): DomainError {
  return new DomainError(
    413,
    `Nothing was imported: writing ${fileName} took longer than the ${Math.round(limitMs / 1000)} s an import may hold the database, so it was undone. Split the file into smaller ones and import them one by one.`,
  );
}

type Limits = {
  /** Checked between rounds of statements. */
  limitMs: number;
  /** Prisma's own transaction timeout (the portable path); by default half a minute after ours. */
  prismaTimeoutMs?: number;
};

async function inTransaction<T>(db: Db, args: Limits & { path: WritePath; fileName: string }, work: (writer: Writer) => Promise<T>): Promise<T> {
  const direct = args.path === 'auto' ? DirectSqlite.forClient(db, { readOnly: false }) : undefined;
  if (direct) {
    try {
      await direct.beginWrite();
      const result = await work({
        maxPosition: async (projectId) => maxOf(direct.all(maxPositionQuery(projectId))),
        existing: (projectId, hashes) => existingIn(async (sql) => direct.all(sql), projectId, hashes),
        people: async (projectId, ids) => direct.all(peopleQuery(projectId, ids)),
        insert: async (statement, values) => void direct.execute(statement.text, values),
        bindDate: (date) => sqliteValue(date),
      });
      await direct.commit();
      return result;
    } finally {
      // Rolls back whatever was not committed.
      direct.close();
    }
  }
  try {
    return await db.$transaction(
      (tx) =>
        work({
          maxPosition: async (projectId) => maxOf(await tx.$queryRaw(maxPositionQuery(projectId))),
          existing: (projectId, hashes) => existingIn((sql) => tx.$queryRaw(sql), projectId, hashes),
          people: (projectId, ids) => tx.$queryRaw(peopleQuery(projectId, ids)),
          insert: async (statement, values) => void (await tx.$executeRaw(new Prisma.Sql(statement.pieces, values))),
          bindDate: (date) => date,
        }),
      // Prisma's limit comes after ours; it ends a transaction only when the event loop gets a
      // turn, which with SQLite's synchronous driver happens between rounds, not during one.
      { timeout: args.prismaTimeoutMs ?? args.limitMs + 30_000 },
    );
  } catch (error) {
    if (isExpiredTransaction(error)) throw tooSlow(args.limitMs, args.fileName);
    throw error;
  }
}

/**
 * Who may import where was decided before the file was read, which can take a while: inside the
 * transaction, with the rows as they are now, the importer must still be allowed to import into
 * this project and layer (not deactivated, demoted or removed meanwhile), and an annotator whose
 * layer it fills must still be a member.
 */
async function ensureStillAllowed(writer: Writer, actor: Actor, projectId: string, target: ImportTarget): Promise<void> {
  const ids = target.kind === 'annotator' && target.userId !== actor.id ? [actor.id, target.userId] : [actor.id];
  const people = new Map((await writer.people(projectId, ids)).map((p) => [p.id, p]));
  const me = people.get(actor.id);
  const role = roleSchema.safeParse(me?.role);
  const now: Actor | null = me && role.success ? { id: actor.id, role: role.data } : null;
  if (!now || !can(now, 'article.import', { isMember: Number(me!.member) > 0 }) || !mayImportInto(now, target)) {
    throw new DomainError(403, 'Nothing was imported: your access to this project changed while the file was being checked.');
  }
  if (target.kind === 'annotator' && !(Number(people.get(target.userId)?.member ?? 0) > 0)) {
    throw new DomainError(409, 'Nothing was imported: the person whose annotations these were to become left the project meanwhile.');
  }
}

/**
 * Rows of one table on their way into it: inserted in statements of a bounded number of rows as
 * they fill up, the rest when flushed.
 */
class PendingRows<Row> {
  readonly #rows: Row[] = [];
  readonly #perStatement: number;

  constructor(
    private readonly writer: Writer,
    private readonly table: Table<Row>,
  ) {
    this.#perStatement = Math.max(1, Math.floor(VALUES_PER_STATEMENT / table.columns.length));
  }

  push(row: Row): void {
    this.#rows.push(row);
  }

  /** Whether a statement's worth of rows is waiting. */
  get full(): boolean {
    return this.#rows.length >= this.#perStatement;
  }

  /** Inserts every full statement's worth of rows, or every row when `all`. */
  async flush(all: boolean): Promise<void> {
    let from = 0;
    while (this.#rows.length - from >= this.#perStatement || (all && from < this.#rows.length)) {
      const chunk = this.#rows.slice(from, from + this.#perStatement);
      const values: unknown[] = [];
      // A round's rows share one date: bind it once.
      let date: Date | undefined;
      let bound: unknown;
      for (const row of chunk) {
        for (const column of this.table.columns) {
          const value = row[column];
          if (!(value instanceof Date)) values.push(value);
          else {
            if (value !== date) {
              date = value;
              bound = this.writer.bindDate(value);
            }
            values.push(bound);
          }
        }
      }
      await this.writer.insert(insertStatement(this.table as Table<never>, chunk.length), values);
      from += chunk.length;
    }
    this.#rows.splice(0, from);
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Whether an imported article arrives adjudicated: gold spans are a settled layer, but a record
 * without any (a CSV of articles, a task nobody annotated yet, spans all mapped to "skip") says
 * nothing was judged, and arrives open, to be annotated, rather than as a gold layer claiming
 * the article holds nothing. (Into an annotator's layer, such a record is not submitted either.)
 */
function settled(target: ImportTarget, record: Pick<ImportedRecord, 'spans'>): boolean {
  return target.kind === 'gold' && record.spans.length > 0;
}

/**
 * Writes `records` into the project, in one transaction. Audit events as the one-by-one writes
 * make them: one per span (`gold.create` or `span.create` with the span's fields), one per
 * article (`article.import`).
 */
export async function writeImportedRecords(
  db: Db,
  actor: Actor,
  args: {
    projectId: string;
    fileName: string;
    layer: string;
    target: ImportTarget;
    records: readonly ImportedRecord[];
    path?: WritePath;
    /** Refuse (409, nothing written) when an article with one of the texts is in the project, checked inside the transaction. */
    refuseDuplicates?: boolean;
  } & Partial<Limits>,
): Promise<{ articles: number; spans: number }> {
  const limitMs = args.limitMs ?? IMPORT_TIME_LIMIT_MS;
  const started = Date.now();
  const { target } = args;
  const authorId = target.kind === 'annotator' ? target.userId : actor.id;
  const layer = target.kind === 'gold' ? 'gold' : 'annotator';
  const action = target.kind === 'gold' ? 'gold.create' : 'span.create';
  return inTransaction(db, { path: args.path ?? 'auto', limitMs, prismaTimeoutMs: args.prismaTimeoutMs, fileName: args.fileName }, async (writer) => {
    await ensureStillAllowed(writer, actor, args.projectId, target);
    if (args.refuseDuplicates && args.records.length) {
      // Checked before the transaction too, with the problems listed; this catches an identical
      // import that committed in between.
      const [clash] = await writer.existing(args.projectId, args.records.map((r) => r.textHash));
      if (clash) throw new DomainError(409, `Nothing was imported: meanwhile the same text was added to this project (“${clash.title}”).`);
    }
    let position = ((await writer.maxPosition(args.projectId)) ?? -1) + 1;
    const articles = new PendingRows(writer, ARTICLE);
    const spans = new PendingRows(writer, SPAN);
    const statuses = new PendingRows(writer, STATUS);
    const audits = new PendingRows(writer, AUDIT);
    const written = { articles: 0, spans: 0 };
    for (let from = 0; from < args.records.length; from += ARTICLES_PER_ROUND) {
      const now = new Date();
      const audit = (entry: Pick<AuditEvent, 'entityType' | 'entityId' | 'articleId' | 'action' | 'after'>) =>
        audits.push({ id: newRowId(), actorId: actor.id, projectId: args.projectId, before: null, createdAt: now, ...entry });
      for (const record of args.records.slice(from, from + ARTICLES_PER_ROUND)) {
        const { textHash } = record;
        const adjudicated = settled(target, record);
        const article: Article = {
          id: newRowId(),
          projectId: args.projectId,
          title: record.title,
          author: record.author,
          outlet: record.outlet,
          sourceUrl: record.sourceUrl,
          publishedOn: record.publishedOn,
          topic: record.topic,
          text: record.text,
          textHash,
          position: position++,
          reviewState: adjudicated ? 'adjudicated' : 'open',
          adjudicatedAt: adjudicated ? now : null,
          adjudicatedById: adjudicated ? actor.id : null,
          version: 1,
          createdById: actor.id,
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
        };
        articles.push(article);
        const index = resolveIndex(record.text);
        for (const s of record.spans) {
          const span: Span = {
            id: newRowId(),
            articleId: article.id,
            authorId,
            layer,
            label: s.label,
            ...makeSelector(record.text, s, index),
            textHash,
            note: s.note,
            speaker: s.label === 'sourced_quote' ? s.speaker.trim() : '',
            verdict: '',
            reviewedById: null,
            reviewedAt: null,
            sourceSpanId: null,
            goldSpanId: null,
            version: 1,
            createdAt: now,
            updatedAt: now,
            deletedAt: null,
          };
          spans.push(span);
          audit({ action, entityType: 'span', entityId: span.id, articleId: article.id, after: JSON.stringify(auditFields(span)) });
        }
        // An annotator's imported work is submitted work, but a record without spans says nothing
        // was done: the article arrives open for them, as for gold.
        if (target.kind === 'annotator' && record.spans.length > 0) {
          statuses.push({ id: newRowId(), articleId: article.id, userId: target.userId, status: 'submitted', submittedAt: now, updatedAt: now });
        }
        const after = { title: article.title, file: args.fileName, layer: args.layer, spans: record.spans.length };
        audit({ action: 'article.import', entityType: 'article', entityId: article.id, articleId: article.id, after: JSON.stringify(after) });
        written.articles++;
        written.spans += record.spans.length;
        // Rows go out as soon as a statement's worth is ready, so few live long (and cost the
        // garbage collector a copy); their articles go first, the rows refer to them.
        if (spans.full || statuses.full || audits.full) {
          await articles.flush(true);
          for (const rows of [spans, statuses, audits]) await rows.flush(false);
        }
      }
      // Every article first: the spans and submissions refer to them.
      await articles.flush(true);
      const last = from + ARTICLES_PER_ROUND >= args.records.length;
      for (const rows of [spans, statuses, audits]) await rows.flush(last);
      if (Date.now() - started > limitMs) throw tooSlow(limitMs, args.fileName);
      if (!last) await nextTurn();
    }
    return written;
  });
}
