import { PrismaPg } from '@prisma/adapter-pg';
import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';
import { currentWriteScope, lockStatement } from './write-scope';

/**
 * Every Slant transaction on PostgreSQL begins by taking advisory locks, so read-check-write
 * transactions (a version, a "not yet in gold" rule, a membership) hold until their commit across
 * all app instances, as they do on SQLite (one writer at a time, BEGIN IMMEDIATE), with the same
 * tests and no retry loops. Which locks depends on the transaction's write scope
 * (lib/database/write-scope.ts): one annotator's work on one article, one article, or, by
 * default, everything. Plain reads and single-statement writes (the conditional version bumps)
 * take no lock and run in parallel. See docs/decisions/006 and 009.
 */

/** How long a transaction waits for its locks before failing, like SQLite's busy timeout. */
export const POSTGRES_LOCK_TIMEOUT_MS = 10_000;

const TEXT = { scalarType: 'string', arity: 'scalar' } as const;

export class SlantPostgresAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName: string;
  readonly #base: PrismaPg;
  readonly #lockTimeoutMs: number;

  constructor(options: { databaseUrl: string; poolSize?: number; lockTimeoutMs?: number }) {
    this.#base = new PrismaPg({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    this.adapterName = this.#base.adapterName;
    this.#lockTimeoutMs = options.lockTimeoutMs ?? POSTGRES_LOCK_TIMEOUT_MS;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#base.connect();
    const begin = adapter.startTransaction.bind(adapter);
    const lockTimeoutMs = this.#lockTimeoutMs;
    adapter.startTransaction = async (isolationLevel?: IsolationLevel): Promise<Transaction> => {
      // Read before the first await: the scope belongs to the caller that starts this transaction.
      const locks = lockStatement(currentWriteScope(), lockTimeoutMs);
      const tx = await begin(isolationLevel);
      try {
        await tx.executeRaw({ sql: locks.sql, args: locks.args, argTypes: locks.args.map(() => TEXT) });
      } catch (error) {
        // Prisma ends a transaction by running ROLLBACK, then rollback() gives back the connection.
        await tx.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] }).catch(() => undefined);
        await tx.rollback();
        throw error;
      }
      return tx;
    };
    return adapter;
  }
}
