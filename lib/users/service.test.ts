import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password';
import { createPrismaClient, type Db } from '../database/client';
import { DomainError } from '../errors';
import { createTestDb } from '../testing/test-db';
import { createUser, setUserRole } from './service';

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

  it('changes roles, but an admin cannot demote themselves', async () => {
    const changed = await setUserRole(db, { actorId: 'demo-user-admin', input: { userId: 'demo-user-ann2', role: 'reviewer' } });
    expect(changed.role).toBe('reviewer');
    const self = await setUserRole(db, { actorId: 'demo-user-admin', input: { userId: 'demo-user-admin', role: 'annotator' } }).catch((e: unknown) => e);
    expect((self as DomainError).status).toBe(409);
  });
});

describe('npm run slant -- user add', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'slant-cli-'));
  const databaseUrl = `file:${path.join(dir, 'cli.db')}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const root = path.resolve(import.meta.dirname, '..', '..');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/slant.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    });

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
  });

  it('rejects an unknown role with a message naming it', () => {
    const result = run('user', 'add', '--email', 'x@demo.test', '--role', 'boss');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/role/);
  });
});
