import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password';
import { createTestDb } from '../testing/test-db';
import type { Db } from './client';
import { demoSignInLines, demoSignIns } from './demo-sign-ins';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, cleanup } = await createTestDb()));
afterAll(async () => cleanup());

const all = [
  { email: 'admin@demo.test', role: 'admin' },
  { email: 'reviewer@demo.test', role: 'reviewer' },
  { email: 'ann1@demo.test', role: 'annotator' },
  { email: 'ann2@demo.test', role: 'annotator' },
];

describe('the demo sign-ins npm start prints', () => {
  it('lists every demo user with the password they were seeded with, and none with a DEMO_PASSWORD changed since', async () => {
    // createTestDb seeds with demo-password.
    expect(await demoSignIns(db, 'demo-password')).toEqual({ usable: all, otherPassword: [] });
    expect(await demoSignIns(db, 'changed-after-the-seed')).toEqual({ usable: [], otherPassword: all });
  });

  it('leaves out deactivated demo users and sets apart those who changed their password', async () => {
    await db.user.update({ where: { id: 'demo-user-reviewer' }, data: { deletedAt: new Date() } });
    await db.user.update({ where: { id: 'demo-user-ann2' }, data: { passwordHash: await hashPassword('ben-chose-his-own') } });
    expect(await demoSignIns(db, 'demo-password')).toEqual({
      usable: [all[0], all[2]],
      otherPassword: [{ email: 'ann2@demo.test', role: 'annotator' }],
    });
    await db.user.updateMany({ where: { id: { in: ['demo-user-admin', 'demo-user-ann1', 'demo-user-ann2'] } }, data: { deletedAt: new Date() } });
    expect(await demoSignIns(db, 'demo-password')).toEqual({ usable: [], otherPassword: [] });
  });

  it('shows the password only beside the users it works for, and says why the others do not take it', () => {
    const url = 'http://localhost:3000';
    expect(demoSignInLines({ url, password: 'demo-password', usable: [all[0]], otherPassword: [all[3]] })).toEqual([
      '',
      'Slant is running on http://localhost:3000',
      'Demo sign-ins (password: demo-password):',
      '  admin@demo.test        admin',
      'Demo users with another password (DEMO_PASSWORD sets it only when an empty database is first seeded; a user may have changed theirs since):',
      '  ann2@demo.test         annotator',
      '',
    ]);
    // A database without demo users (or only deactivated ones): nothing about the demo at all.
    expect(demoSignInLines({ url, password: 'demo-password', usable: [], otherPassword: [] })).toEqual(['', 'Slant is running on http://localhost:3000', '']);
  });
});
