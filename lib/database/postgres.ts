import { PrismaPg } from '@prisma/adapter-pg';
import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';

/**
 * Every Slant transaction on PostgreSQL first takes this transaction-scoped advisory lock, so
 * transactions run one after another across all app instances, exactly as they do on SQLite
 * (one writer at a time, BEGIN IMMEDIATE). Slant's transactions read, check and then write
 * (a version, a "not yet in gold" rule, a membership); serialising them keeps every such check
 * true until the commit on both engines, with the same tests, and needs no retry loops.
 * Plain reads and single-statement writes (the conditional version bumps) take no lock.
 * See docs/decisions/006-two-engines-one-schema.md.
 */
export const TRANSACTION_LOCK_KEY = 7_305_726_002;

/** How long a transaction waits for the lock before failing, like SQLite's busy timeout. */
export const POSTGRES_LOCK_TIMEOUT_MS = 10_000;

const sql = (text: string) => ({ sql: text, args: [], argTypes: [] });

export class SlantPostgresAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName: string;
  readonly #base: PrismaPg;

  constructor(options: { databaseUrl: string; poolSize?: number }) {
    this.#base = new PrismaPg({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    this.adapterName = this.#base.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#base.connect();
    const begin = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel?: IsolationLevel): Promise<Transaction> => {
      const tx = await begin(isolationLevel);
      try {
        await tx.executeRaw(sql(`SET LOCAL lock_timeout = ${POSTGRES_LOCK_TIMEOUT_MS}`));
        await tx.executeRaw(sql(`SELECT pg_advisory_xact_lock(${TRANSACTION_LOCK_KEY})`));
      } catch (error) {
        // Prisma ends a transaction by running ROLLBACK, then rollback() gives back the connection.
        await tx.executeRaw(sql('ROLLBACK')).catch(() => undefined);
        await tx.rollback();
        throw error;
      }
      return tx;
    };
    return adapter;
  }
}
