import Database from 'better-sqlite3';
import type { Prisma } from '../../generated/prisma/client';
import { SQLITE_BUSY_TIMEOUT_MS, SQLITE_SYNCHRONOUS, sqliteUrlOf, type Db } from './client';
import { sqlitePathFromUrl } from './location';

/*
 * A second connection to the app's SQLite file for the bulk paths (a whole project's export, a
 * dataset import), where Prisma's cost per statement and per row dominates. It runs the same
 * `Prisma.Sql` statements the portable path sends through the client, so the two paths share one
 * SQL text, and it binds values the way Prisma's SQLite adapter stores them.
 */

/** A value as Prisma's SQLite adapter binds it: dates as ISO 8601 text ending in +00:00, booleans as 0/1. */
export function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class DirectSqlite {
  /** A connection to the client's database file, or undefined when the client is not on a SQLite file. */
  static forClient(db: Db, options: { readOnly: boolean }): DirectSqlite | undefined {
    const url = sqliteUrlOf(db);
    if (!url) return undefined;
    const file = sqlitePathFromUrl(url);
    // An in-memory database or a URL with options is not a file a second connection would share.
    if (file === '' || file.startsWith(':memory:') || file.includes('?')) return undefined;
    return new DirectSqlite(file, options.readOnly);
  }

  readonly #sqlite: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  #inTransaction = false;

  private constructor(file: string, readOnly: boolean) {
    // timeout 0: a busy database is answered at once, and waiting is done here, asynchronously.
    this.#sqlite = new Database(file, { fileMustExist: true, timeout: 0 });
    this.#sqlite.pragma(`synchronous = ${SQLITE_SYNCHRONOUS}`);
    // A bulk read goes through the file once: SQLite's usual 2 MB page cache is plenty (better-sqlite3
    // sets 16 MB, which would only add to the process's memory). A bulk write keeps the index pages
    // it keeps changing in a larger one, rather than writing them to the log again and again.
    this.#sqlite.pragma(readOnly ? 'cache_size = -2000' : 'cache_size = -65536');
    if (readOnly) this.#sqlite.pragma('query_only = ON');
  }

  #statement(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#sqlite.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** The rows as objects keyed by column name. */
  all<T>(query: Prisma.Sql): T[] {
    return this.#statement(query.sql).raw(false).all(...query.values.map(sqliteValue)) as T[];
  }

  /** The rows as arrays of values in column order: no object per row, for the largest reads. */
  tuples<T extends unknown[]>(query: Prisma.Sql): T[] {
    return this.#statement(query.sql).raw(true).all(...query.values.map(sqliteValue)) as T[];
  }

  /**
   * Runs a statement given as text with `?` placeholders, its values bound as they are (strings,
   * numbers, null; dates already turned into text by `sqliteValue`). Returns the rows changed.
   */
  execute(sql: string, values: readonly unknown[]): number {
    return this.#statement(sql).run(...values).changes;
  }

  /**
   * Starts a read transaction, so the reads that follow see one snapshot of the database. Only in
   * WAL mode, where readers and the writer do not block each other; in the rollback-journal mode a
   * long read would keep every writer out, so there the reads go one statement at a time.
   */
  beginSnapshot(): void {
    const mode = String(this.#sqlite.pragma('journal_mode', { simple: true })).toLowerCase();
    if (mode !== 'wal') return;
    this.#sqlite.exec('BEGIN');
    this.#inTransaction = true;
  }

  /** Takes the write lock, waiting for it (without blocking the process) for at most `busyTimeoutMs`. */
  async beginWrite(busyTimeoutMs: number = SQLITE_BUSY_TIMEOUT_MS): Promise<void> {
    await this.#whenNotBusy(busyTimeoutMs, () => this.#sqlite.exec('BEGIN IMMEDIATE'));
    this.#inTransaction = true;
  }

  async commit(busyTimeoutMs: number = SQLITE_BUSY_TIMEOUT_MS): Promise<void> {
    // Outside WAL mode a commit waits for readers to finish; a busy COMMIT leaves the transaction open to retry.
    await this.#whenNotBusy(busyTimeoutMs, () => this.#sqlite.exec('COMMIT'));
    this.#inTransaction = false;
  }

  /** Ends any open transaction without keeping its changes, and closes the connection. */
  close(): void {
    try {
      if (this.#inTransaction && this.#sqlite.inTransaction) this.#sqlite.exec('ROLLBACK');
    } finally {
      this.#inTransaction = false;
      this.#sqlite.close();
    }
  }

  async #whenNotBusy(busyTimeoutMs: number, attempt: () => void): Promise<void> {
    const deadline = Date.now() + busyTimeoutMs;
    for (;;) {
      try {
        attempt();
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
      }
      await pause(1 + Math.random() * 3);
    }
  }
}
