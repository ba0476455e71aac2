import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../../generated/prisma/client';
import { PrismaClient as PostgresPrismaClient } from '../../generated/prisma-postgresql/client';
import { engineOf, type Engine } from './engine';
import { SlantPostgresAdapterFactory } from './postgres';

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

/**
 * Every connection the app opens goes through here: durable commits (synchronous=FULL), and
 * writers that wait up to the busy timeout for the write lock without blocking the process.
 */
export class SlantSqliteAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider = 'sqlite';
  readonly adapterName: string;
  readonly #base: PrismaBetterSqlite3;
  readonly #busyTimeoutMs: number;

  constructor(options: { databaseUrl: string; busyTimeoutMs?: number }) {
    this.#busyTimeoutMs = options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS;
    // timeout 0: SQLite answers SQLITE_BUSY at once, and whenNotBusy does the waiting.
    this.#base = new PrismaBetterSqlite3({ url: options.databaseUrl, timeout: 0 });
    this.adapterName = this.#base.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#base.connect();
    try {
      await adapter.executeScript(`PRAGMA synchronous = ${SQLITE_SYNCHRONOUS}`);
    } catch (error) {
      await adapter.dispose();
      throw error;
    }
    const wait = this.#busyTimeoutMs;
    const queue = new ConnectionQueue();

    // Statements outside a transaction: each is its own implicit transaction. The connection is
    // given back between attempts, so others can use it while this one waits for the lock.
    const queryRaw = adapter.queryRaw.bind(adapter);
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.queryRaw = (query) => whenNotBusy(wait, () => queue.run(() => queryRaw(query)));
    adapter.executeRaw = (query) => whenNotBusy(wait, () => queue.run(() => executeRaw(query)));

    // Transactions hold the connection from their start to their commit or rollback, and hold
    // SQLite's write lock from the start. The adapter begins with a plain (deferred) `BEGIN`, and
    // Slant's transactions read first and write later: a deferred transaction that has read
    // cannot wait for the write lock, so when another process (the command line, a backup, a
    // second server) writes meanwhile, SQLite answers SQLITE_BUSY ("database is locked") at once,
    // whatever the busy timeout. `BEGIN IMMEDIATE` takes the lock first, where waiting is possible.
    const begin = adapter.startTransaction.bind(adapter);
    // Transactions line up here first, so only the one at the head polls for the lock.
    const writers = new ConnectionQueue();
    adapter.startTransaction = async (isolationLevel?: IsolationLevel) => {
      const leave = await writers.acquire();
      try {
        return await whenNotBusy(wait, async () => {
          const free = await queue.acquire();
          let tx: Transaction | undefined;
          try {
            tx = await begin(isolationLevel);
            // The deferred BEGIN holds no lock and nothing has run in it: replace it.
            await tx.queryRaw(sql('ROLLBACK'));
            await tx.queryRaw(sql('BEGIN IMMEDIATE'));
          } catch (error) {
            // Out of any transaction again: give back the connection (and the adapter's mutex).
            await tx?.rollback();
            free();
            throw error;
          }
          const done = () => {
            free();
            leave();
          };
          const commit = tx.commit.bind(tx);
          const rollback = tx.rollback.bind(tx);
          // Prisma runs COMMIT or ROLLBACK through the transaction, then calls one of these.
          tx.commit = () => commit().finally(done);
          tx.rollback = () => rollback().finally(done);
          return tx;
        });
      } catch (error) {
        leave();
        throw error;
      }
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
 * `busyTimeoutMs` is for tests of the waiting itself; the app always uses SQLITE_BUSY_TIMEOUT_MS.
 */
export function createPrismaClient(databaseUrl: string, options: { busyTimeoutMs?: number } = {}): PrismaClient {
  const busyTimeoutMs = options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS;
  if (engineOf(databaseUrl) === 'postgresql') {
    const client = new PostgresPrismaClient({
      adapter: new SlantPostgresAdapterFactory({ databaseUrl, poolSize: postgresPoolSize() }),
      transactionOptions: { maxWait: busyTimeoutMs },
    }) as unknown as PrismaClient;
    engines.set(client, 'postgresql');
    return client;
  }
  const client = new PrismaClient({
    adapter: new SlantSqliteAdapterFactory({ databaseUrl, busyTimeoutMs }),
    // Waiting to begin a transaction includes waiting for the write lock: as long as the busy timeout.
    transactionOptions: { maxWait: busyTimeoutMs },
  });
  engines.set(client, 'sqlite');
  sqliteUrls.set(client, databaseUrl);
  return client;
}

/** Connections per app instance (DATABASE_POOL_SIZE, default 10): N instances open N times this. */
function postgresPoolSize(): number {
  const size = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  if (!Number.isInteger(size) || size < 1) throw new Error(`DATABASE_POOL_SIZE must be a whole number of connections, not "${process.env.DATABASE_POOL_SIZE}".`);
  return size;
}
