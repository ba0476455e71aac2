import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from './client';
import { createTestDb } from '../testing/test-db';
import { databaseHealth } from './health';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, cleanup } = await createTestDb()));
afterAll(async () => cleanup());

describe('health', () => {
  it('is ok when the database answers', async () => {
    expect(await databaseHealth(db)).toEqual({ status: 'ok' });
  });

  it('is unavailable, without details, when the database fails or hangs', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing = { $queryRaw: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:5432')) } as unknown as Db;
    expect(await databaseHealth(failing)).toEqual({ status: 'unavailable', problem: 'The database does not answer.' });
    const hanging = { $queryRaw: () => new Promise(() => {}) } as unknown as Db;
    expect(await databaseHealth(hanging, 50)).toEqual({ status: 'unavailable', problem: 'The database does not answer.' });
  });
});
