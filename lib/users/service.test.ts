import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password';
import { ACCOUNT_LIMIT, accountLimitKey, reserveSignInAttempt, SIGN_IN_WINDOW_MS } from '../auth/rate-limit';
import { createPrismaClient, type Db } from '../database/client';
import { DomainError } from '../errors';
import { statusOf } from '../testing/status-of';
import { CLI_TEST_TIMEOUT, runSlant } from '../testing/cli';
import { createTestDb } from '../testing/test-db';
import { changeOwnPassword, createUser, NO_PASSWORD_YET, setUserPassword, setUserRole } from './service';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, cleanup } = await createTestDb()));
afterAll(async () => cleanup());

describe('users', () => {
  it('creates a user with a hashed password and audits it', async () => {
    const user = await createUser(db, { actorId: 'demo-user-admin', input: { email: ' New@Demo.Test ', role: 'reviewer', password: 'long-enough' } });
    expect(user.email).toBe('new@demo.test');
    expect(user.passwordHash).not.toContain('long-enough');
    expect(await verifyPassword('long-enough', user.passwordHash!)).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: user.id } });
    expect(audit).toMatchObject({ action: 'user.create', actorId: 'demo-user-admin' });
  });

  it('names the problem in bad input and refuses duplicates', async () => {
    const bad = await createUser(db, { actorId: null, input: { email: 'nope', role: 'boss', password: 'short' } }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(DomainError);
    expect((bad as DomainError).message).toMatch(/email.*valid e-mail/);
    expect((bad as DomainError).message).toMatch(/role/);
    expect((bad as DomainError).message).toMatch(/password.*8 characters/);
    const dupe = await createUser(db, { actorId: null, input: { email: 'ann1@demo.test', role: 'annotator', password: 'long-enough' } }).catch((e: unknown) => e);
    expect((dupe as DomainError).status).toBe(409);
    // A deactivated account's e-mail: the message says where the account is.
    await db.user.update({ where: { id: 'demo-user-ann1' }, data: { deletedAt: new Date() } });
    const deactivated = await createUser(db, { actorId: null, input: { email: 'ann1@demo.test', role: 'annotator', password: 'long-enough' } }).catch((e: unknown) => e);
    expect((deactivated as DomainError).message).toMatch(/deactivated; restore it under Deleted items/);
    await db.user.update({ where: { id: 'demo-user-ann1' }, data: { deletedAt: null } });
  });

  it('creates no one for someone who is not (or no longer) an admin', async () => {
    const refused = (await createUser(db, { actorId: 'demo-user-reviewer', input: { email: 'sneaky@demo.test', role: 'admin', password: 'long-enough' } }).catch((e: unknown) => e)) as DomainError;
    expect([refused.status, refused.message]).toEqual([409, 'You are no longer an admin; nothing was changed.']);
    expect(await db.user.count({ where: { email: 'sneaky@demo.test' } })).toBe(0);
  });

  it('refuses a role change made on a stale page (409), and takes one made on the current record', async () => {
    const user = await createUser(db, { actorId: null, input: { email: 'roles@demo.test', role: 'annotator', password: 'long-enough' } });
    const seen = user.updatedAt.getTime();
    await setUserRole(db, { actorId: 'demo-user-admin', input: { userId: user.id, role: 'reviewer', version: seen } });
    const stale = (await setUserRole(db, { actorId: 'demo-user-admin', input: { userId: user.id, role: 'admin', version: seen } }).catch((e: unknown) => e)) as DomainError;
    expect([stale.status, stale.message]).toEqual([409, 'The account roles@demo.test was changed meanwhile (its role is now reviewer); the page now shows it. Choose again if you still want to.']);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('reviewer');
  });

  it('refuses a password of spaces only, and names nobody with an invisible name', async () => {
    const spaces = (await createUser(db, { actorId: null, input: { email: 'spaces@demo.test', role: 'annotator', password: '          ' } }).catch((e: unknown) => e)) as DomainError;
    expect([spaces.status, spaces.message]).toEqual([422, expect.stringContaining('the password needs characters other than spaces')]);
    expect(await db.user.count({ where: { email: 'spaces@demo.test' } })).toBe(0);
    const blank = await createUser(db, { actorId: null, input: { email: 'zero.width@demo.test', name: '\u200b\u200b ', role: 'annotator', password: 'long-enough' } });
    expect(blank.name).toBe('zero.width');
  });

  it('writes nothing when the role saved is the one the user has: no audit event, and other open forms stay current', async () => {
    const user = await createUser(db, { actorId: null, input: { email: 'same-role@demo.test', role: 'annotator', password: 'long-enough' } });
    const same = await setUserRole(db, { actorId: 'demo-user-admin', input: { userId: user.id, role: 'annotator', version: user.updatedAt.getTime() } });
    expect(same.updatedAt.getTime()).toBe(user.updatedAt.getTime());
    expect(await db.auditEvent.count({ where: { entityId: user.id, action: 'user.role' } })).toBe(0);
    // Another admin's form, opened before, still saves.
    await setUserRole(db, { actorId: 'demo-user-admin', input: { userId: user.id, role: 'reviewer', version: user.updatedAt.getTime() } });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('reviewer');
  });

  it('changes roles, but an admin cannot demote themselves', async () => {
    const changed = await setUserRole(db, { actorId: 'demo-user-admin', input: { userId: 'demo-user-ann2', role: 'reviewer' } });
    expect(changed.role).toBe('reviewer');
    const self = await setUserRole(db, { actorId: 'demo-user-admin', input: { userId: 'demo-user-admin', role: 'annotator' } }).catch((e: unknown) => e);
    expect((self as DomainError).status).toBe(409);
  });
});

describe('passwords', () => {
  const hashOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).passwordHash!;

  it('a user changes their own after giving the current one; their earlier sessions end', async () => {
    const user = await createUser(db, { actorId: null, input: { email: 'self@demo.test', role: 'annotator', password: 'first-password' } });
    const wrong = (await changeOwnPassword(db, user, { current: 'not-it', password: 'second-password', confirm: 'second-password' }).catch((e: unknown) => e)) as DomainError;
    expect([wrong.status, wrong.message]).toEqual([422, 'The current password is not right.']);
    const differ = (await changeOwnPassword(db, user, { current: 'first-password', password: 'second-password', confirm: 'second-passwort' }).catch((e: unknown) => e)) as DomainError;
    expect(differ.message).toMatch(/confirm: the new password and its repetition differ/);
    const short = (await changeOwnPassword(db, user, { current: 'first-password', password: 'short', confirm: 'short' }).catch((e: unknown) => e)) as DomainError;
    expect(short.message).toMatch(/password: the password needs at least 8 characters/);
    expect(await verifyPassword('first-password', await hashOf(user.id))).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionEpoch).toBe(0);

    await changeOwnPassword(db, user, { current: 'first-password', password: 'second-password', confirm: 'second-password' });
    expect(await verifyPassword('second-password', await hashOf(user.id))).toBe(true);
    const changed = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(changed.sessionEpoch).toBe(1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: user.id, action: 'user.password' } });
    expect([audit.actorId, audit.after]).toEqual([user.id, JSON.stringify({ by: 'self' })]);
    // Nothing about the password itself goes into the audit trail.
    expect(audit.after).not.toMatch(/password/);
  });

  it('wrong current passwords are limited like failed sign-ins: the eleventh try in 15 minutes is refused', async () => {
    const user = await createUser(db, { actorId: null, input: { email: 'guess@demo.test', role: 'annotator', password: 'right-password' } });
    for (let i = 0; i < 10; i++) {
      expect(await statusOf(changeOwnPassword(db, user, { current: `guess-${i}`, password: 'taken-over', confirm: 'taken-over' }))).toBe(422);
    }
    const limited = (await changeOwnPassword(db, user, { current: 'right-password', password: 'taken-over', confirm: 'taken-over' }).catch((e: unknown) => e)) as DomainError;
    expect([limited.status, limited.message]).toEqual([429, 'Too many wrong current passwords. Wait 15 minutes and try again.']);
    expect(await verifyPassword('right-password', await hashOf(user.id))).toBe(true);
  });

  it('failed sign-ins by someone else do not stop the user from changing a password they know', async () => {
    const user = await createUser(db, { actorId: null, input: { email: 'targeted@demo.test', role: 'annotator', password: 'right-password' } });
    // What ten wrong guesses at the sign-in page leave behind: the account's sign-in limit is full.
    for (let i = 0; i < ACCOUNT_LIMIT; i++) {
      const r = await reserveSignInAttempt(db, [{ key: accountLimitKey(user.email), limit: ACCOUNT_LIMIT }, { key: `address:10.0.0.${i}`, limit: 100 }], { windowMs: SIGN_IN_WINDOW_MS });
      expect(r.allowed).toBe(true);
    }
    expect((await reserveSignInAttempt(db, [{ key: accountLimitKey(user.email), limit: ACCOUNT_LIMIT }], { windowMs: SIGN_IN_WINDOW_MS })).allowed).toBe(false);
    await changeOwnPassword(db, user, { current: 'right-password', password: 'changed-anyway', confirm: 'changed-anyway' });
    expect(await verifyPassword('changed-anyway', await hashOf(user.id))).toBe(true);
    // The change ends the session: signing in with the new password is not held back by those guesses.
    expect((await reserveSignInAttempt(db, [{ key: accountLimitKey(user.email), limit: ACCOUNT_LIMIT }], { windowMs: SIGN_IN_WINDOW_MS })).allowed).toBe(true);
  });

  it('a session alone cannot give a first password to someone who signs in through another service, nor an admin their own', async () => {
    const oauth = await db.user.create({ data: { email: 'oauth-only@demo.test', name: 'OAuth', role: 'annotator' } });
    const refused = (await changeOwnPassword(db, oauth, { password: 'chosen-by-whoever', confirm: 'chosen-by-whoever' }).catch((e: unknown) => e)) as DomainError;
    expect([refused.status, refused.message]).toEqual([403, NO_PASSWORD_YET]);
    const own = (await setUserPassword(db, { actorId: 'demo-user-admin', input: { userId: 'demo-user-admin', password: 'without-the-current' } }).catch((e: unknown) => e)) as DomainError;
    expect([own.status, own.message]).toEqual([403, 'Change your own password under Password, where it asks for the current one.']);
    expect(await db.user.findUniqueOrThrow({ where: { id: oauth.id } })).toMatchObject({ passwordHash: null, sessionEpoch: 0 });
    // An admin gives the first one.
    await setUserPassword(db, { actorId: 'demo-user-admin', input: { userId: oauth.id, password: 'first-from-admin' } });
    expect(await verifyPassword('first-from-admin', await hashOf(oauth.id))).toBe(true);
  });

  it('an admin sets a new one for someone else; nobody else may, and a demoted admin no longer can', async () => {
    const user = await createUser(db, { actorId: null, input: { email: 'forgot@demo.test', role: 'annotator', password: 'forgotten-one' } });
    expect(await setUserPassword(db, { actorId: 'demo-user-admin', input: { userId: user.id, password: 'given-by-admin' } })).toEqual({ email: 'forgot@demo.test' });
    expect(await verifyPassword('given-by-admin', await hashOf(user.id))).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionEpoch).toBe(1);
    const byReviewer = (await setUserPassword(db, { actorId: 'demo-user-reviewer', input: { userId: user.id, password: 'reviewer-choice' } }).catch((e: unknown) => e)) as DomainError;
    expect([byReviewer.status, byReviewer.message]).toEqual([409, 'You are no longer an admin; nothing was changed.']);
    expect(await statusOf(setUserPassword(db, { actorId: 'demo-user-admin', input: { userId: 'no-such-user', password: 'whatever-long' } }))).toBe(404);
    expect(await verifyPassword('given-by-admin', await hashOf(user.id))).toBe(true);
  });

  it('a new password from an admin lifts the lock that wrong guesses put on the account', async () => {
    const user = await createUser(db, { actorId: null, input: { email: 'locked-out@demo.test', role: 'annotator', password: 'forgotten-one' } });
    const limits = [{ key: accountLimitKey(user.email), limit: ACCOUNT_LIMIT }];
    for (let i = 0; i < ACCOUNT_LIMIT; i++) expect((await reserveSignInAttempt(db, limits, { windowMs: SIGN_IN_WINDOW_MS })).allowed).toBe(true);
    expect((await reserveSignInAttempt(db, limits, { windowMs: SIGN_IN_WINDOW_MS })).allowed).toBe(false);
    await setUserPassword(db, { actorId: 'demo-user-admin', input: { userId: user.id, password: 'given-by-admin' } });
    expect((await reserveSignInAttempt(db, limits, { windowMs: SIGN_IN_WINDOW_MS })).allowed).toBe(true);
  });
});

describe('npm run slant -- user add', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'slant-cli-'));
  const databaseUrl = `file:${path.join(dir, 'cli.db')}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => runSlant(databaseUrl, ...args);

  it('creates a user with the given role and prints a generated password', async () => {
    const result = run('user', 'add', '--email', 'cli@demo.test', '--role', 'admin', '--name', 'Cli Admin');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const password = /Password: (\S+)/.exec(result.stdout)?.[1];
    expect(password).toBeDefined();
    const cli = createPrismaClient(databaseUrl);
    const user = await cli.user.findUniqueOrThrow({ where: { email: 'cli@demo.test' } });
    await cli.$disconnect();
    expect(user.role).toBe('admin');
    expect(await verifyPassword(password!, user.passwordHash!)).toBe(true);
  }, CLI_TEST_TIMEOUT);

  it('gives a user a new password, generated when none is given, and ends their sessions', async () => {
    expect(run('user', 'add', '--email', 'lost@demo.test', '--role', 'annotator', '--password', 'lost-password').status).toBe(0);
    const result = run('user', 'password', '--email', 'Lost@Demo.Test');
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^New password set for lost@demo.test; their sessions have ended\./);
    const password = /Password: (\S+)/.exec(result.stdout)?.[1];
    const cli = createPrismaClient(databaseUrl);
    const user = await cli.user.findUniqueOrThrow({ where: { email: 'lost@demo.test' } });
    await cli.$disconnect();
    expect(await verifyPassword(password!, user.passwordHash!)).toBe(true);
    expect(user.sessionEpoch).toBe(1);
  }, CLI_TEST_TIMEOUT);

  // Apart from the test above: each command is a whole process (tsx, the database check), and four
  // of them in one test came near its time limit on a busy two-core machine.
  it('refuses a new password for an unknown address, or one too short, naming the problem', () => {
    const unknown = run('user', 'password', '--email', 'nobody@demo.test');
    expect([unknown.status, unknown.stderr.trim()]).toEqual([1, 'No active user has the e-mail nobody@demo.test (npm run slant -- user list shows them).']);
    const short = run('user', 'password', '--email', 'lost@demo.test', '--password', 'short');
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/at least 8 characters/);
  }, CLI_TEST_TIMEOUT);

  it('rejects an unknown role with a message naming it', () => {
    const result = run('user', 'add', '--email', 'x@demo.test', '--role', 'boss');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/role/);
  }, CLI_TEST_TIMEOUT);
});
