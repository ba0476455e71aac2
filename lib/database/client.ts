import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { DriverAdapterError, type IsolationLevel, type SqlDriverAdapter, type SqlDriverAdapterFactory, type SqlQuery, type Transaction } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../../generated/prisma/client';
import { PrismaClient as PostgresPrismaClient } from '../../generated/prisma-postgresql/client';
import { engineOf, type Engine } from './engine';
import { SlantPostgresAdapterFactory } from './postgres';
import { databasePoolSize } from '../env';

export type Db = PrismaClient;

/**
 * How long a writer waits for SQLite's write lock before failing (ms). The waiting is done by
 * the client below, asynchronously; SQLite's own busy_timeout is 0 on the app's connections.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * FULL: every commit syncs the write-ahead log before "saved" is answered, so not even a power cut
 * takes back an acknowledged write. better-sqlite3 is compiled with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1,
 * so without this pragma a WAL database silently runs with NORMAL (docs/security.md).
 */
export const SQLITE_SYNCHRONOUS = 'FULL';

const sql = (text: string) => ({ sql: text, args: [], argTypes: [] });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isBusy(error: unknown): boolean {
  const code = (error as { cause?: { originalCode?: unknown } } | null)?.cause?.originalCode;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY, for at most `busyTimeoutMs`.
 *
 * SQLite's own busy handler would do the same, but it sleeps inside the synchronous driver: the
 * whole server, every request in it, would stand still for as long as another process (the
 * command line, a backup, a second server) holds the write lock, and it polls at up to 100 ms
 * intervals, so a busy writer in another process could keep it waiting for seconds. Here the
 * wait is asynchronous and polls every few milliseconds. A statement that failed with
 * SQLITE_BUSY changed nothing, so running it again is safe.
 */
async function whenNotBusy<T>(busyTimeoutMs: number, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + busyTimeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
    }
    await pause(1 + Math.random() * 3);
  }
}

/**
 * One SQLite connection, used by one statement or one transaction at a time, in arrival order.
 * The adapter only serialises transactions with each other: a statement from another request
 * could otherwise run inside an open transaction, see its uncommitted rows, and be undone with it
 * when it rolls back.
 */
class ConnectionQueue {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves when the connection is free, with the function that frees it again. */
  acquire(): Promise<() => void> {
    const previous = this.#tail;
    let free!: () => void;
    this.#tail = new Promise<void>((resolve) => (free = resolve));
    let freed = false;
    return previous.then(() => () => {
      if (freed) return;
      freed = true;
      free();
    });
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const free = await this.acquire();
    try {
      return await work();
    } finally {
      free();
    }
  }
}

/** The savepoint each transaction of a group runs in (they run one after another, so one name). */
const MEMBER = 'slant_member';

/**
 * Most transactions one commit carries. It bounds how long the first of them waits for its
 * answer: the others in its group run first.
 */
export const MAX_GROUP_COMMIT = 16;

/**
 * How long a group stays open for more transactions (ms). A transaction that joins holds the
 * connection while it runs, and the first ones wait for the last; past this age the group commits
 * as soon as its current transaction is done, so grouping adds at most about one transaction's
 * time to an answer. A sync of the log costs well under this.
 */
export const GROUP_COMMIT_WINDOW_MS = 5;

/** Prepared statements kept per connection (Prisma's statements are few distinct texts). */
const STATEMENT_CACHE_SIZE = 500;

type Statement = BetterSqlite3.Statement<unknown[]>;

/** A cached statement seen as the adapter uses a fresh one: bound once, then run, read or listed. */
function statementView(statement: Statement, params: unknown[], raw = false) {
  return {
    reader: statement.reader,
    bind: (...bound: unknown[]) => statementView(statement, bound, raw),
    raw: (toggle = true) => statementView(statement, params, toggle),
    columns: () => statement.columns(),
    run: () => statement.run(...params),
    all: () => statement.raw(raw && statement.reader).all(...params),
  };
}

/**
 * The adapter prepares every statement anew, so SQLite parses and plans Prisma's long statements
 * on every query (about a tenth of a save's CPU time). Here each SQL text is prepared once per
 * connection and run with each call's own arguments. This reaches into the adapter: `client` is
 * its better-sqlite3 connection; an adapter without one is left as it is.
 */
function reusePreparedStatements(adapter: SqlDriverAdapter): void {
  const client = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
  if (typeof client?.prepare !== 'function') return;
  const prepare = client.prepare.bind(client);
  const cache = new Map<string, Statement>();
  client.prepare = ((text: string) => {
    let statement = cache.get(text);
    if (statement) {
      cache.delete(text);
    } else {
      statement = prepare(text) as Statement;
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(text, statement);
    return statementView(statement, []);
  }) as never;
}

const isRead = (query: SqlQuery) => /^\s*SELECT\b/i.test(query.sql);

/**
 * Group commit: transactions that arrive while another one runs share its SQLite transaction and
 * its COMMIT (one sync of the write-ahead log for all of them instead of one each).
 *
 * Each transaction of a group runs inside a savepoint: its rollback undoes only its own writes.
 * Its commit releases the savepoint and then waits: nobody is answered before the COMMIT that
 * makes their writes durable has returned. When that COMMIT fails, every transaction of the group
 * fails with it (none of them has been answered yet), so synchronous=FULL keeps its promise.
 * Transactions in a group see the writes of the ones before them, as they would one after the
 * other; a transaction that rolls back waits for the group too, since what it read and answered
 * came from it.
 */
class CommitGroup {
  #open = false;
  #openedAt = 0;
  #members: { durable: () => void; failed: (error: unknown) => void }[] = [];
  readonly #run: (text: string) => Promise<unknown>;

  constructor(run: (text: string) => Promise<unknown>) {
    this.#run = run;
  }

  get open() {
    return this.#open;
  }

  get size() {
    return this.#members.length;
  }

  /** Milliseconds since the group took the write lock. */
  get age() {
    return performance.now() - this.#openedAt;
  }

  /** Takes the write lock for a new group (may fail with SQLITE_BUSY: nothing is open then). */
  async begin(): Promise<void> {
    await this.#run('BEGIN IMMEDIATE');
    this.#open = true;
    this.#openedAt = performance.now();
  }

  /** A settled member: resolves once the group is durably committed. */
  join(): Promise<void> {
    return new Promise<void>((durable, failed) => this.#members.push({ durable, failed }));
  }

  /** COMMIT, then answer every member; on failure roll back and fail them all. */
  async commit(): Promise<void> {
    if (!this.#open) return;
    try {
      await this.#run('COMMIT');
    } catch (error) {
      return this.abort(error);
    }
    for (const m of this.#close()) m.durable();
  }

  /** Undoes the whole group: every member fails with `error`. */
  async abort(error: unknown): Promise<void> {
    if (!this.#open) return;
    // Also after a failed COMMIT, which can leave the transaction open: the next one could not begin.
    await this.#run('ROLLBACK').catch(() => undefined);
    for (const m of this.#close()) m.failed(error);
  }

  #close() {
    const members = this.#members;
    this.#members = [];
    this.#open = false;
    return members;
  }
}

/**
 * Every connection the app opens goes through here: durable commits (synchronous=FULL), writers
 * that wait up to the busy timeout for the write lock without blocking the process, group commit,
 * and reads that never wait behind a transaction.
 *
 * Two SQLite connections: the writer, used by one statement or one transaction at a time in
 * arrival order, and a reader for plain SELECTs outside transactions. In WAL mode the reader sees
 * the last committed state: never a transaction still running, nor a group not yet durable.
 */
export class SlantSqliteAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider = 'sqlite';
  readonly adapterName: string;
  readonly #base: PrismaBetterSqlite3;
  readonly #busyTimeoutMs: number;
  readonly #groupWindowMs: number;

  constructor(options: { databaseUrl: string; busyTimeoutMs?: number; groupCommitWindowMs?: number }) {
    this.#busyTimeoutMs = options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS;
    this.#groupWindowMs = options.groupCommitWindowMs ?? GROUP_COMMIT_WINDOW_MS;
    // timeout 0: SQLite answers SQLITE_BUSY at once, and whenNotBusy does the waiting.
    this.#base = new PrismaBetterSqlite3({ url: options.databaseUrl, timeout: 0 });
    this.adapterName = this.#base.adapterName;
  }

  async #open(): Promise<SqlDriverAdapter> {
    const adapter = await this.#base.connect();
    try {
      await adapter.executeScript(`PRAGMA synchronous = ${SQLITE_SYNCHRONOUS}`);
    } catch (error) {
      await adapter.dispose();
      throw error;
    }
    reusePreparedStatements(adapter);
    return adapter;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#open();
    let reader: SqlDriverAdapter;
    try {
      reader = await this.#open();
    } catch (error) {
      await adapter.dispose();
      throw error;
    }
    const wait = this.#busyTimeoutMs;
    const window = this.#groupWindowMs;
    const queue = new ConnectionQueue();
    const queryRaw = adapter.queryRaw.bind(adapter);
    const executeRaw = adapter.executeRaw.bind(adapter);
    const run = (text: string) => executeRaw(sql(text));
    const group = new CommitGroup(run);

    // Statements outside a transaction: each is its own implicit transaction. An open group is
    // committed first, so they never run inside it. The connection is given back between
    // attempts, so others can use it while this one waits for the lock.
    const alone = <T>(statement: () => Promise<T>) =>
      whenNotBusy(wait, () =>
        queue.run(async () => {
          await group.commit();
          return statement();
        }),
      );
    adapter.queryRaw = (query) => (isRead(query) ? whenNotBusy(wait, () => reader.queryRaw(query)) : alone(() => queryRaw(query)));
    adapter.executeRaw = (query) => alone(() => executeRaw(query));
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await queue.run(() => group.commit());
      await reader.dispose();
      await dispose();
    };

    // Transactions hold the writer from their start to their commit or rollback, and hold
    // SQLite's write lock from the start: Slant's transactions read first and write later, and a
    // deferred transaction that has read cannot wait for the write lock (when another process,
    // the command line, a backup, a second server, writes meanwhile, SQLite answers SQLITE_BUSY at
    // once, whatever the busy timeout). `BEGIN IMMEDIATE` takes the lock first, where waiting is
    // possible. Transactions line up in `writers` first, so only the one at the head polls.
    const writers = new ConnectionQueue();
    let waitingWriters = 0;
    adapter.startTransaction = async (isolationLevel?: IsolationLevel) => {
      if (isolationLevel && isolationLevel !== 'SERIALIZABLE') throw new DriverAdapterError({ kind: 'InvalidIsolationLevel', level: isolationLevel });
      waitingWriters++;
      let leave: () => void;
      try {
        leave = await writers.acquire();
      } finally {
        waitingWriters--;
      }
      let free: () => void;
      try {
        free = await whenNotBusy(wait, async () => {
          const release = await queue.acquire();
          try {
            if (!group.open) await group.begin();
            await run(`SAVEPOINT ${MEMBER}`);
          } catch (error) {
            release();
            throw error;
          }
          return release;
        });
      } catch (error) {
        leave();
        throw error;
      }
      let settled = false;
      const settle = async (outcome: 'commit' | 'rollback') => {
        if (settled) return;
        settled = true;
        try {
          if (outcome === 'rollback') await run(`ROLLBACK TO ${MEMBER}`);
          await run(`RELEASE ${MEMBER}`);
        } catch (error) {
          // The savepoint could not be closed: what this transaction left is unknown, so none of the group stays.
          await group.abort(error);
          free();
          leave();
          throw error;
        }
        const durable = group.join();
        // Close the group when nobody is waiting to join it, when it is full, or old enough.
        if (waitingWriters === 0 || group.size >= MAX_GROUP_COMMIT || group.age >= window) await group.commit();
        free();
        leave();
        return durable;
      };
      const savepoint = (statement: string) => async (name: string) => {
        await run(`${statement} ${name}`);
      };
      const tx: Transaction = {
        provider: adapter.provider,
        adapterName: adapter.adapterName,
        // Prisma sends no COMMIT or ROLLBACK of its own: commit() and rollback() do the work.
        options: { usePhantomQuery: true },
        queryRaw,
        executeRaw,
        commit: () => settle('commit'),
        rollback: () => settle('rollback'),
        createSavepoint: savepoint('SAVEPOINT'),
        rollbackToSavepoint: savepoint('ROLLBACK TO'),
        releaseSavepoint: savepoint('RELEASE SAVEPOINT'),
      };
      return tx;
    };
    return adapter;
  }
}

const engines = new WeakMap<object, Engine>();
const sqliteUrls = new WeakMap<PrismaClient, string>();

/**
 * The `file:` URL of the SQLite database a client made by `createPrismaClient` works on; undefined
 * for any other client (PostgreSQL). Bulk paths (export, dataset import) open the file directly
 * when it is set, and use their portable path otherwise.
 */
export function sqliteUrlOf(db: PrismaClient): string | undefined {
  return sqliteUrls.get(db);
}

/** The engine behind a client made by createPrismaClient (SQLite for any other client). */
export function engineOfDb(db: Db): Engine {
  return engines.get(db) ?? 'sqlite';
}

/**
 * The database client for DATABASE_URL: SQLite for `file:`, PostgreSQL for `postgresql://`.
 * Both clients are generated from the same schema source and have the same models; the
 * PostgreSQL one is typed as the SQLite one, whose query options are the common subset.
 * `busyTimeoutMs` and `groupCommitWindowMs` are for tests of the waiting and the grouping
 * themselves; the app always uses SQLITE_BUSY_TIMEOUT_MS and GROUP_COMMIT_WINDOW_MS.
 */
export function createPrismaClient(databaseUrl: string, options: { busyTimeoutMs?: number; groupCommitWindowMs?: number } = {}): PrismaClient {
  const busyTimeoutMs = options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS;
  const { groupCommitWindowMs } = options;
  if (engineOf(databaseUrl) === 'postgresql') {
    const client = new PostgresPrismaClient({
      adapter: new SlantPostgresAdapterFactory({ databaseUrl, poolSize: postgresPoolSize(), lockTimeoutMs: busyTimeoutMs }),
      transactionOptions: { maxWait: busyTimeoutMs },
    }) as unknown as PrismaClient;
    engines.set(client, 'postgresql');
    return client;
  }
  const client = new PrismaClient({
    adapter: new SlantSqliteAdapterFactory({ databaseUrl, busyTimeoutMs, groupCommitWindowMs }),
    // Waiting to begin a transaction includes waiting for the write lock: as long as the busy timeout.
    transactionOptions: { maxWait: busyTimeoutMs },
  });
  engines.set(client, 'sqlite');
  sqliteUrls.set(client, databaseUrl);
  return client;
}

/** Connections per app instance (DATABASE_POOL_SIZE, default 10): N instances open N times this. */
const postgresPoolSize = () => databasePoolSize(process.env.DATABASE_POOL_SIZE);
