import { AsyncLocalStorage } from 'node:async_hooks';
import type { Prisma } from '../../generated/prisma/client';
import type { Db } from './client';

/**
 * What a transaction may change, which decides what it waits for on PostgreSQL.
 *
 * SQLite runs one write transaction at a time (BEGIN IMMEDIATE), so every read-check-write in a
 * transaction holds until its commit. PostgreSQL gets the same guarantee from advisory locks taken
 * as each transaction begins (lib/database/postgres.ts), but only as wide as the transaction
 * needs, so writes to different articles, and different annotators' writes to one article, run
 * side by side:
 *
 * - `annotation`: one annotator's own layer of one article (their spans and their status). Takes
 *   the article's lock shared and the (article, annotator) lock exclusively.
 * - `article`: anything on one article (gold, review state, comments, the article itself). Takes
 *   the article's lock exclusively, so it also waits for every annotator's work on it.
 * - no scope: anything at all (members, roles, users, imports, restores, rate limits …). Takes the
 *   one global lock exclusively; every scoped transaction holds that lock shared.
 *
 * A scope names its article directly or through one of its spans (a span never changes article);
 * the lock statement looks the article up itself, so this costs no extra round trip. Locks are
 * always taken in the order global → article → (article, annotator), each at most once, so two
 * transactions can never wait for each other. See docs/decisions/009-write-scopes.md.
 */
export type WriteScope =
  | { kind: 'annotation'; userId: string; articleId: string }
  | { kind: 'annotation'; userId: string; spanId: string }
  | { kind: 'article'; articleId: string }
  | { kind: 'article'; spanId: string };

/** The global lock (one bigint key); the two-key locks below live in a separate key space. */
export const GLOBAL_LOCK_KEY = 7_305_726_002;
/** First keys of the two-key advisory locks: article, and (article, annotator). */
export const ARTICLE_LOCK_CLASS = 730_572_610;
export const ANNOTATION_LOCK_CLASS = 730_572_611;

// One store per process, even if the bundler gives two route chunks their own copy of this module:
// the database client made by one copy must see the scope set by another.
const STORE = Symbol.for('slant.writeScope');
const globals = globalThis as unknown as Record<symbol, AsyncLocalStorage<WriteScope> | undefined>;
const scopes: AsyncLocalStorage<WriteScope> = (globals[STORE] ??= new AsyncLocalStorage<WriteScope>());

/** The scope of the transaction being started here, or undefined for "anything". */
export function currentWriteScope(): WriteScope | undefined {
  return scopes.getStore();
}

/**
 * Runs `work` in one transaction limited to `scope`. On SQLite this is `db.$transaction(work)`;
 * on PostgreSQL the transaction begins by taking the scope's locks. The scope must cover every
 * row the transaction's checks read and its writes touch; a plain `db.$transaction` is the safe
 * default for anything wider.
 */
export function scopedTransaction<T>(db: Db, scope: WriteScope, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return scopes.run(scope, () => db.$transaction(work));
}

type Statement = { sql: string; args: string[] };

/**
 * The one statement a PostgreSQL transaction begins with: its lock timeout (for this transaction
 * only) and its locks, in the fixed order. A span that does not exist locks no article; the
 * transaction then finds no span and changes nothing.
 */
export function lockStatement(scope: WriteScope | undefined, lockTimeoutMs: number): Statement {
  if (!Number.isInteger(lockTimeoutMs) || lockTimeoutMs < 1) throw new Error(`lock timeout must be a whole number of ms, not ${lockTimeoutMs}`);
  const timeout = `set_config('lock_timeout', '${lockTimeoutMs}', true)`;
  if (!scope) return { sql: `SELECT ${timeout}, pg_advisory_xact_lock(${GLOBAL_LOCK_KEY})`, args: [] };
  const target =
    'spanId' in scope
      ? `(SELECT 1) AS one LEFT JOIN "Span" AS target ON target."id" = $1`
      : `(SELECT CAST($1 AS text) AS "articleId") AS target`;
  const article = `hashtext(target."articleId")`;
  const locks =
    scope.kind === 'annotation'
      ? [
          `pg_advisory_xact_lock_shared(${ARTICLE_LOCK_CLASS}, ${article})`,
          `pg_advisory_xact_lock(${ANNOTATION_LOCK_CLASS}, hashtext(target."articleId" || '/' || CAST($2 AS text)))`,
        ]
      : [`pg_advisory_xact_lock(${ARTICLE_LOCK_CLASS}, ${article})`];
  const args = ['spanId' in scope ? scope.spanId : scope.articleId, ...(scope.kind === 'annotation' ? [scope.userId] : [])];
  return { sql: `SELECT ${timeout}, pg_advisory_xact_lock_shared(${GLOBAL_LOCK_KEY}), ${locks.join(', ')} FROM ${target}`, args };
}
