import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client';
import { recordAudit } from '../audit';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../auth/password';
import { ACCOUNT_LIMIT, accountLimitKey, passwordChangeLimitKey, reserveSignInAttempt, SIGN_IN_WINDOW_MS, signInSucceeded } from '../auth/rate-limit';
import { roleSchema } from '../auth/roles';
import type { Db } from '../database/client';
import { conflict, DomainError, invalid, notFound, parseOrThrow } from '../errors';
import { hasVisibleText } from '../visible-text';

const passwordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `the password needs at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024)
  // Said only of a long enough one: a short one has heard what is wrong with it.
  .refine((v) => v.length < MIN_PASSWORD_LENGTH || hasVisibleText(v), 'the password needs characters other than spaces');

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().email('enter a valid e-mail address'),
  name: z.string().trim().max(200).default(''),
  role: roleSchema,
  password: passwordField,
});

/** `version`: the user record's `updatedAt` (ms) as the form showed it; a change made since answers 409. */
export const roleChangeSchema = z.object({ userId: z.string().min(1), role: roleSchema, version: z.coerce.number().int().nonnegative().optional() });

/** Creates a user; `actorId` is null when the command line does it. */
export async function createUser(db: Db, args: { actorId: string | null; input: unknown }) {
  const input = parseOrThrow(newUserSchema, args.input);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    // Read again here: an admin demoted while the password was hashed creates no one.
    await ensureAdminActs(tx, args.actorId);
    const existing = await tx.user.findUnique({ where: { email: input.email } });
    if (existing?.deletedAt) {
      throw conflict(`The account for ${input.email} is deactivated; restore it under Deleted items instead of creating it again.`);
    }
    if (existing) throw conflict(`A user with the e-mail ${input.email} already exists.`);
    const user = await tx.user.create({
      // A name with nothing visible in it (spaces, zero-width characters) would show as a blank.
      data: { email: input.email, name: hasVisibleText(input.name) ? input.name : input.email.split('@')[0], role: input.role, passwordHash },
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
    if (input.version !== undefined && user.updatedAt.getTime() !== input.version) {
      throw conflict(`The account ${user.email} was changed meanwhile (its role is now ${user.role}); the page now shows it. Choose again if you still want to.`);
    }
    if (user.id === args.actorId && input.role !== 'admin') {
      throw conflict('You cannot remove your own admin role; ask another admin.');
    }
    await ensureAdminActs(tx, args.actorId);
    // Saving the role it has changes nothing: no audit event, and no new version to make another
    // admin's open form stale.
    if (input.role === user.role) return user;
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

export const NO_PASSWORD_YET = 'You sign in through another service and have no Slant password to confirm this with. An admin can give you one under Users.';

const ownPasswordSchema = z
  .object({ current: z.string().max(1024).default(''), password: passwordField, confirm: z.string().max(1024) })
  .refine((p) => p.password === p.confirm, { message: 'the new password and its repetition differ; type the same one twice', path: ['confirm'] });

/**
 * Changes the signed-in user's own password, after checking the current one. Every session of
 * theirs begun before, this one included, ends: someone who learnt the old password is signed out
 * too. Wrong current passwords are limited like failed sign-ins (10 in 15 minutes), so a borrowed
 * session cannot be used to guess it, but under a key of their own. A user who signs in only through another service has no
 * current password to prove the session is theirs: their first one comes from an admin.
 */
export async function changeOwnPassword(db: Db, actor: { id: string }, input: unknown) {
  const { current, password } = parseOrThrow(ownPasswordSchema, input);
  const user = await db.user.findFirst({ where: { id: actor.id, deletedAt: null } });
  if (!user) throw notFound('User');
  if (!user.passwordHash) throw new DomainError(403, NO_PASSWORD_YET);
  // Counted apart from sign-in's failures: someone guessing at the sign-in page, which anyone can
  // reach, must not stop the user, signed in and sure of the password, from changing it.
  const attempts = passwordChangeLimitKey(user.id);
  const reservation = await reserveSignInAttempt(db, [{ key: attempts, limit: ACCOUNT_LIMIT }], { windowMs: SIGN_IN_WINDOW_MS });
  if (!reservation.allowed) throw new DomainError(429, 'Too many wrong current passwords. Wait 15 minutes and try again.');
  if (!(await verifyPassword(current, user.passwordHash))) {
    throw invalid('The current password is not right.', [{ path: ['current'], message: 'The current password is not right.' }]);
  }
  await signInSucceeded(db, reservation, attempts);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    // Only over the password that was checked: a change made meanwhile (an admin's, another tab's) wins.
    const { count } = await tx.user.updateMany({
      where: { id: user.id, deletedAt: null, passwordHash: user.passwordHash },
      data: { passwordHash, sessionEpoch: { increment: 1 } },
    });
    if (count !== 1) throw conflict('Your password was changed meanwhile, somewhere else; nothing was changed here. Sign in again.');
    // Guesses at the old password no longer count: the change ends this session, and signing in
    // with the new password must not meet a limit someone else's guesses filled.
    await tx.signInAttempt.deleteMany({ where: { key: accountLimitKey(user.email) } });
    await recordAudit(tx, { actorId: user.id, action: 'user.password', entityType: 'user', entityId: user.id, after: { by: 'self' } });
  });
}

const setPasswordSchema = z.object({ userId: z.string().min(1), password: passwordField });

/**
 * An admin (or the command line, `actorId` null) gives a user a new password, for a forgotten or
 * leaked one. The user's sessions end; their API tokens stay (revoke those under their settings).
 */
export async function setUserPassword(db: Db, args: { actorId: string | null; input: unknown }) {
  const input = parseOrThrow(setPasswordSchema, args.input);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await ensureAdminActs(tx, args.actorId);
    const user = await tx.user.findFirst({ where: { id: input.userId, deletedAt: null } });
    if (!user) throw notFound('User');
    // Their own goes through Password, with the current one: a borrowed admin session must not set it.
    if (user.id === args.actorId) throw new DomainError(403, 'Change your own password under Password, where it asks for the current one.');
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionEpoch: { increment: 1 } } });
    // A reset is often asked for after locking oneself out: the new password works at once.
    await tx.signInAttempt.deleteMany({ where: { key: accountLimitKey(user.email) } });
    await recordAudit(tx, { actorId: args.actorId, action: 'user.password', entityType: 'user', entityId: user.id, after: { by: args.actorId === null ? 'command line' : 'admin' } });
    return { email: user.email };
  });
}
