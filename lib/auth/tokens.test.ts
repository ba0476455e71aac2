import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../database/client';
import { createTestDb } from '../testing/test-db';
import { deactivateUser, restoreDeleted } from '../trash/service';
import { createApiToken, DEACTIVATED_TOKEN_OWNER, revokeApiToken, TOKEN_USE_RESOLUTION_MS, userForToken } from './tokens';

const ANN1 = 'demo-user-ann1';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, cleanup } = await createTestDb()));
afterAll(async () => cleanup());

const lastUsed = async (id: string) => (await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt?.getTime() ?? null;

describe('API tokens', () => {
  it('needs a name with something visible in it', async () => {
    for (const name of ['', '   ', '\u200b', '\u200b\u2060 ']) {
      const refused = (await createApiToken(db, { userId: ANN1, input: { name } }).catch((e: unknown) => e)) as Error & { status: number };
      expect([refused.status, refused.message]).toEqual([422, expect.stringContaining('give the token a name')]);
    }
    expect(await db.apiToken.count({ where: { userId: ANN1 } })).toBe(0);
  });

  it("acts as its owner, records use at most once a minute, and stops at once when revoked", async () => {
    const { id, token } = await createApiToken(db, { userId: ANN1, input: { name: 'script' } });
    expect(await lastUsed(id)).toBeNull();

    const t0 = new Date('2026-11-28T10:00:00Z');
    expect((await userForToken(db, token, t0))?.id).toBe(ANN1);
    expect(await lastUsed(id)).toBe(t0.getTime());
    // Within the minute: answered, not written again.
    expect((await userForToken(db, token, new Date(t0.getTime() + TOKEN_USE_RESOLUTION_MS - 1)))?.id).toBe(ANN1);
    expect(await lastUsed(id)).toBe(t0.getTime());
    // A minute later: written.
    const t1 = new Date(t0.getTime() + TOKEN_USE_RESOLUTION_MS);
    await userForToken(db, token, t1);
    expect(await lastUsed(id)).toBe(t1.getTime());

    await revokeApiToken(db, { userId: ANN1, tokenId: id });
    expect(await userForToken(db, token, t1)).toBeNull();
    // Revoked a second time (another tab): said so, not "not found"; someone else's token stays unknown.
    const again = (await revokeApiToken(db, { userId: ANN1, tokenId: id }).catch((e: unknown) => e)) as Error & { status: number };
    expect([again.status, again.message]).toEqual([409, 'This token was already revoked, in another tab perhaps; nothing changed.']);
    const foreign = (await revokeApiToken(db, { userId: 'demo-user-ann2', tokenId: id }).catch((e: unknown) => e)) as Error & { status: number };
    expect([foreign.status, foreign.message]).toEqual([404, 'Token not found.']);
  });

  it('creates no token for an account deactivated after its session was read, so none comes back with it', async () => {
    const admin = { id: 'demo-user-admin', role: 'admin' } as const;
    const tokensOf = () => db.apiToken.count({ where: { userId: 'demo-user-ann2' } });
    const before = await tokensOf();
    // The page checked the session a moment ago; the account is deactivated before the token is saved.
    await deactivateUser(db, admin, { userId: 'demo-user-ann2' });
    const refused = (await createApiToken(db, { userId: 'demo-user-ann2', input: { name: 'late' } }).catch((e: unknown) => e)) as Error & { status: number };
    expect([refused.status, refused.message]).toEqual([401, DEACTIVATED_TOKEN_OWNER]);
    expect(await tokensOf()).toBe(before);
    expect(await db.auditEvent.count({ where: { entityId: 'demo-user-ann2', action: 'token.create' } })).toBe(0);
    await restoreDeleted(db, admin, { kind: 'user', id: 'demo-user-ann2' });
    expect(await tokensOf()).toBe(before);
  });

  it('knows nothing of unknown or malformed tokens', async () => {
    expect(await userForToken(db, 'slant_not-a-real-token')).toBeNull();
    expect(await userForToken(db, 'Bearer something')).toBeNull();
  });
});
