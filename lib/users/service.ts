import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client';
import { recordAudit } from '../audit';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password';
import { roleSchema } from '../auth/roles';
import type { Db } from '../database/client';
import { conflict, notFound, parseOrThrow } from '../errors';

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().email('enter a valid e-mail address'),
  name: z.string().trim().max(200).default(''),
  role: roleSchema,
  password: z.string().min(MIN_PASSWORD_LENGTH, `the password needs at least ${MIN_PASSWORD_LENGTH} characters`).max(1024),
});

export const roleChangeSchema = z.object({ userId: z.string().min(1), role: roleSchema });

/** Creates a user; `actorId` is null when the command line does it. */
export async function createUser(db: Db, args: { actorId: string | null; input: unknown }) {
  const input = parseOrThrow(newUserSchema, args.input);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email } });
    if (existing?.deletedAt) {
      throw conflict(`The account for ${input.email} is deactivated; restore it under Deleted items instead of creating it again.`);
    }
    if (existing) throw conflict(`A user with the e-mail ${input.email} already exists.`);
    const user = await tx.user.create({
      data: { email: input.email, name: input.name || input.email.split('@')[0], role: input.role, passwordHash },
    });
    await recordAudit(tx, {
      actorId: args.actorId,
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role },
    });
    return user;
  });
}

export async function setUserRole(db: Db, args: { actorId: string | null; input: unknown }) {
  const input = parseOrThrow(roleChangeSchema, args.input);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: input.userId, deletedAt: null } });
    if (!user) throw notFound('User');
    if (user.id === args.actorId && input.role !== 'admin') {
      throw conflict('You cannot remove your own admin role; ask another admin.');
    }
    await ensureAdminActs(tx, args.actorId);
    if (user.role === 'admin' && input.role !== 'admin') await ensureAnotherAdmin(tx, user.id);
    const updated = await tx.user.update({ where: { id: user.id }, data: { role: input.role } });
    await recordAudit(tx, {
      actorId: args.actorId,
      action: 'user.role',
      entityType: 'user',
      entityId: user.id,
      before: { role: user.role },
      after: { role: updated.role },
    });
    return updated;
  });
}

/**
 * The acting admin, read again inside the transaction: two admins demoting each other at the same
 * moment must not both succeed. Null is the command line, which acts as the machine's owner.
 */
export async function ensureAdminActs(tx: Prisma.TransactionClient, actorId: string | null) {
  if (actorId === null) return;
  const actor = await tx.user.findFirst({ where: { id: actorId, deletedAt: null }, select: { role: true } });
  if (actor?.role !== 'admin') throw conflict('You are no longer an admin; nothing was changed.');
}

/** Refuses a change that would leave no active admin besides `leaving`. */
export async function ensureAnotherAdmin(tx: Prisma.TransactionClient, leaving: string) {
  const others = await tx.user.count({ where: { role: 'admin', deletedAt: null, id: { not: leaving } } });
  if (others === 0) throw conflict('Slant needs at least one active admin; make someone else admin first.');
}
