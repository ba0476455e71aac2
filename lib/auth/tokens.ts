import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../audit';
import type { Db } from '../database/client';
import { conflict, DomainError, notFound, parseOrThrow } from '../errors';
import { hasVisibleText } from '../visible-text';

// Personal API tokens: 32 random bytes, shown once, stored as SHA-256 (a token has far more
// entropy than a password, so a fast hash is enough and lookups stay a single indexed query).

export const TOKEN_PREFIX = 'slant_';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function newTokenValue(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

const tokenNameSchema = z.object({ name: z.string().trim().min(1, 'give the token a name').max(100).refine(hasVisibleText, 'give the token a name') });

export const DEACTIVATED_TOKEN_OWNER = 'This account has been deactivated, so no token was created; its sessions and tokens have ended.';

export async function createApiToken(db: Db, args: { userId: string; input: unknown }) {
  const { name } = parseOrThrow(tokenNameSchema, args.input);
  const token = newTokenValue();
  const row = await db.$transaction(async (tx) => {
    // Checked here, not only when the session was read: a token created just after the account was
    // deactivated would escape the revocation and work again once the account is restored.
    const owner = await tx.user.findFirst({ where: { id: args.userId, deletedAt: null }, select: { id: true } });
    if (!owner) throw new DomainError(401, DEACTIVATED_TOKEN_OWNER);
    const created = await tx.apiToken.create({ data: { userId: args.userId, name, tokenHash: hashToken(token), prefix: token.slice(0, 12) } });
    await recordAudit(tx, { actorId: args.userId, action: 'token.create', entityType: 'user', entityId: args.userId, after: { tokenId: created.id, name } });
    return created;
  });
  return { id: row.id, name: row.name, token };
}

export async function revokeApiToken(db: Db, args: { userId: string; tokenId: string }) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: args.tokenId, userId: args.userId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count !== 1) {
      const revoked = await tx.apiToken.count({ where: { id: args.tokenId, userId: args.userId } });
      throw revoked ? conflict('This token was already revoked, in another tab perhaps; nothing changed.') : notFound('Token');
    }
    await recordAudit(tx, { actorId: args.userId, action: 'token.revoke', entityType: 'user', entityId: args.userId, after: { tokenId: args.tokenId } });
  });
}

/**
 * How often a token's last use is written down: the tokens page shows it to the minute, and a
 * script calling the API in a loop should not add a database write to every request.
 */
export const TOKEN_USE_RESOLUTION_MS = 60_000;

/** The user a bearer token belongs to, or null when it is unknown, revoked or its user is gone. */
export async function userForToken(db: Db, token: string, now = new Date()) {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.revokedAt || row.user.deletedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOKEN_USE_RESOLUTION_MS) {
    // Recording use is best effort: a failed timestamp must not fail the request it belongs to.
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } }).catch((e: unknown) => console.error('Could not record token use:', e));
  }
  return row.user;
}
