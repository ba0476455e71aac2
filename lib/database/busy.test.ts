import { describe, expect, it } from 'vitest';
import { isBusyError } from './busy';

// The real errors are produced and checked on each engine: SQLite in client.test.ts (another
// process holds the write lock), PostgreSQL in write-scope.postgres.test.ts (another transaction
// holds the advisory lock). These are the shapes they arrive in, and ones that must not count.
describe('busy errors', () => {
  it('recognises Prisma’s transaction wait and conflict codes, and driver codes however deeply wrapped', () => {
    expect(isBusyError(Object.assign(new Error('Unable to start a transaction in the given time.'), { code: 'P2028' }))).toBe(true);
    expect(isBusyError({ code: 'P2034' })).toBe(true);
    expect(isBusyError({ cause: { originalCode: 'SQLITE_BUSY_SNAPSHOT' } })).toBe(true);
    expect(isBusyError({ code: 'P2010', meta: { driverAdapterError: { cause: { originalCode: '55P03' } } } })).toBe(true);
    expect(isBusyError(new Error('x', { cause: new Error('y', { cause: { code: '40P01' } }) }))).toBe(true);
  });

  it('does not take other failures for busy, and survives cycles and non-objects', () => {
    expect(isBusyError(new Error('boom'))).toBe(false);
    expect(isBusyError({ code: 'P2002' })).toBe(false);
    expect(isBusyError({ cause: { originalCode: '23505' } })).toBe(false);
    expect(isBusyError(null)).toBe(false);
    expect(isBusyError('SQLITE_BUSY')).toBe(false);
    const looped: { cause?: unknown } = {};
    looped.cause = looped;
    expect(isBusyError(looped)).toBe(false);
  });
});
