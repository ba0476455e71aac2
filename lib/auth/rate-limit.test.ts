import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../database/client';
import { createTestDb } from '../testing/test-db';
import { clientAddress, reserveSignInAttempt, signInSucceeded } from './rate-limit';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, cleanup } = await createTestDb()));
afterAll(async () => cleanup());

const WINDOW = 1000;
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

describe('sign-in limits in the database', () => {
  it('allows up to the limit in the window, then refuses until the oldest attempt leaves it', async () => {
    const limits = [{ key: 'account:a@x.test', limit: 3 }];
    for (let i = 0; i < 3; i++) expect((await reserveSignInAttempt(db, limits, { windowMs: WINDOW, now: at(i * 100) })).allowed).toBe(true);
    expect(await reserveSignInAttempt(db, limits, { windowMs: WINDOW, now: at(300) })).toEqual({ allowed: false, retryAfterMs: 700 });
    // Another key is counted on its own.
    expect((await reserveSignInAttempt(db, [{ key: 'account:b@x.test', limit: 3 }], { windowMs: WINDOW, now: at(300) })).allowed).toBe(true);
    // The first attempt (t=0) leaves the window at t=1000.
    expect((await reserveSignInAttempt(db, limits, { windowMs: WINDOW, now: at(1001) })).allowed).toBe(true);
  });

  it('refuses when any of the keys is at its limit, and then records nothing for the others', async () => {
    const now = at(10_000);
    await reserveSignInAttempt(db, [{ key: 'address:198.51.100.1', limit: 1 }], { windowMs: WINDOW, now });
    const refused = await reserveSignInAttempt(
      db,
      [
        { key: 'account:c@x.test', limit: 5 },
        { key: 'address:198.51.100.1', limit: 1 },
      ],
      { windowMs: WINDOW, now },
    );
    expect(refused.allowed).toBe(false);
    expect(await db.signInAttempt.count({ where: { key: 'account:c@x.test' } })).toBe(0);
  });

  it('gives back a successful attempt and clears the account, keeping other failures from the address', async () => {
    const now = at(20_000);
    const address = { key: 'address:203.0.113.5', limit: 10 };
    await reserveSignInAttempt(db, [{ key: 'account:d@x.test', limit: 10 }, address], { windowMs: WINDOW, now });
    await reserveSignInAttempt(db, [{ key: 'account:e@x.test', limit: 10 }, address], { windowMs: WINDOW, now });
    const ok = await reserveSignInAttempt(db, [{ key: 'account:d@x.test', limit: 10 }, address], { windowMs: WINDOW, now });
    if (!ok.allowed) throw new Error('expected the attempt to be allowed');
    await signInSucceeded(db, ok, 'account:d@x.test');
    expect(await db.signInAttempt.count({ where: { key: 'account:d@x.test' } })).toBe(0);
    // e@x.test's failure still counts against the address; d's success does not.
    expect(await db.signInAttempt.count({ where: { key: 'address:203.0.113.5' } })).toBe(2);
  });

  it('lets exactly `limit` of many simultaneous attempts through', async () => {
    const limits = [{ key: 'account:burst@x.test', limit: 4 }];
    const now = at(30_000);
    const results = await Promise.all(Array.from({ length: 12 }, () => reserveSignInAttempt(db, limits, { windowMs: WINDOW, now })));
    expect(results.filter((r) => r.allowed)).toHaveLength(4);
    expect(await db.signInAttempt.count({ where: { key: 'account:burst@x.test' } })).toBe(4);
  });

  it('forgets attempts that left the window', async () => {
    await reserveSignInAttempt(db, [{ key: 'account:old@x.test', limit: 5 }], { windowMs: WINDOW, now: at(40_000) });
    await reserveSignInAttempt(db, [{ key: 'account:new@x.test', limit: 5 }], { windowMs: WINDOW, now: at(50_000) });
    expect(await db.signInAttempt.count({ where: { key: 'account:old@x.test' } })).toBe(0);
  });
});

describe('client address', () => {
  it('takes the address the nearest proxy appended, not one the client put in front', () => {
    expect(clientAddress({ 'x-forwarded-for': '198.51.100.7' })).toBe('198.51.100.7');
    expect(clientAddress({ 'x-forwarded-for': '1.2.3.4, 198.51.100.7' })).toBe('198.51.100.7');
    expect(clientAddress({ 'x-forwarded-for': ' , ', 'x-real-ip': '203.0.113.9' })).toBe('203.0.113.9');
    expect(clientAddress(undefined)).toBe('unknown');
  });
});
