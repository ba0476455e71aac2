import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import type { DomainError } from '../errors';
import { statusOf } from '../testing/status-of';
import { createTestDb } from '../testing/test-db';
import { addMember, createProject, listProjectsFor, removeMember, reviewReachWarning, updateProject } from './service';

const admin: Actor = { id: 'demo-user-admin', role: 'admin' };
const reviewer: Actor = { id: 'demo-user-reviewer', role: 'reviewer' };

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, cleanup } = await createTestDb()));
afterAll(async () => cleanup());

const settings = (name: string, version: number) => ({ name, guidelines: 'Label claims.', requiredSubmissions: 2, annotatorsMayReview: false, version });

describe('project settings', () => {
  it('are changed by admins only', async () => {
    expect(await statusOf(updateProject(db, reviewer, { projectId: 'demo-project', input: settings('Nope', 1) }))).toBe(403);
  });

  it('let exactly one of several simultaneous saves of the same version win; the rest get 409', async () => {
    const { version } = await db.project.findUniqueOrThrow({ where: { id: 'demo-project' } });
    const names = ['One', 'Two', 'Three', 'Four', 'Five'];
    const results = await Promise.all(names.map((n) => statusOf(updateProject(db, admin, { projectId: 'demo-project', input: settings(n, version) }))));
    expect([...results].sort()).toEqual([200, 409, 409, 409, 409]);
    const project = await db.project.findUniqueOrThrow({ where: { id: 'demo-project' } });
    expect(project.version).toBe(version + 1);
    expect(project.name).toBe(names[results.indexOf(200)]);
    expect(await db.auditEvent.count({ where: { entityId: 'demo-project', action: 'project.update' } })).toBe(1);
  });

  it('names the problem in a bad save and writes nothing', async () => {
    const before = await db.project.findUniqueOrThrow({ where: { id: 'demo-project' } });
    const error = await updateProject(db, admin, { projectId: 'demo-project', input: { ...settings('', before.version), requiredSubmissions: 0 } }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/name/);
    expect((error as Error).message).toMatch(/requiredSubmissions/);
    expect(await db.project.findUniqueOrThrow({ where: { id: 'demo-project' } })).toEqual(before);
  });

  it('store guidelines with \\n line ends, as a form sends them with \\r\\n: a save with them untouched changes none', async () => {
    const project = await createProject(db, admin, { name: 'Line ends', guidelines: 'Mark claims.\r\n\r\nMark opinions.' });
    const created = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(created.guidelines).toBe('Mark claims.\n\nMark opinions.');
    await updateProject(db, admin, { projectId: project.id, input: { name: 'Line ends', guidelines: 'Mark claims.\r\n\r\nMark opinions.', requiredSubmissions: created.requiredSubmissions, annotatorsMayReview: false, version: created.version } });
    const saved = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(saved.guidelines).toBe(created.guidelines);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: project.id, action: 'project.update' } });
    expect(JSON.parse(event.before!).guidelines).toBe(JSON.parse(event.after!).guidelines);
  });
});

describe('adding a member', () => {
  it('names why an address cannot be added: no such user, a deactivated account, already a member', async () => {
    const refusal = async (email: string) => {
      const error = (await addMember(db, admin, { projectId: 'demo-project', input: { email } }).catch((e: unknown) => e)) as DomainError;
      return [error.status, error.message];
    };
    expect(await refusal('nobody@demo.test')).toEqual([404, 'No user has the e-mail nobody@demo.test. An admin creates accounts under Users.']);
    const gone = await db.user.create({ data: { email: 'gone@demo.test', name: 'Gone', role: 'annotator', deletedAt: new Date() } });
    expect(await refusal(gone.email)).toEqual([409, 'The account gone@demo.test is deactivated; an admin can restore it under Deleted items first.']);
    expect(await refusal('ann1@demo.test')).toEqual([409, 'ann1@demo.test is already a member.']);
    expect(await db.membership.count({ where: { userId: gone.id } })).toBe(0);
  });
});

describe('saving settings', () => {
  it('warns when more submissions are needed than the project has active members, and only then', async () => {
    const { version } = await db.project.findUniqueOrThrow({ where: { id: 'demo-project' } });
    const members = await db.membership.count({ where: { projectId: 'demo-project', user: { deletedAt: null } } });
    const reachable = await updateProject(db, admin, { projectId: 'demo-project', input: settings('Reachable', version) });
    expect(reachable.warning).toBeNull();
    const unreachable = await updateProject(db, admin, { projectId: 'demo-project', input: { ...settings('Unreachable', version + 1), requiredSubmissions: members + 1 } });
    expect(unreachable.warning).toBe(reviewReachWarning(members + 1, members));
    // The settings are saved all the same: the admin may be about to add members.
    expect((await db.project.findUniqueOrThrow({ where: { id: 'demo-project' } })).requiredSubmissions).toBe(members + 1);
    await updateProject(db, admin, { projectId: 'demo-project', input: settings('Demo', version + 2) });
  });

  it('words the warning with the counts', () => {
    expect(reviewReachWarning(3, 2)).toBe(
      'No article can be ready for review yet: each needs 3 submissions, and the project has 2 active members. Add members, or need fewer submissions.',
    );
    expect(reviewReachWarning(1, 0)).toMatch(/needs 1 submission, and the project has 0 active members/);
    expect(reviewReachWarning(2, 2)).toBeNull();
  });
});

describe('an admin demoted or deactivated since the request began', () => {
  it('changes no setting and no membership, and creates no project', async () => {
    const former = await db.user.create({ data: { email: 'former-admin@demo.test', name: 'Former', role: 'admin' } });
    const project = await createProject(db, { id: former.id, role: 'admin' }, { name: 'Theirs' });
    await addMember(db, { id: former.id, role: 'admin' }, { projectId: project.id, input: { email: 'ann1@demo.test' } });
    // The session still says admin; the account no longer is.
    await db.user.update({ where: { id: former.id }, data: { role: 'reviewer' } });
    const stale: Actor = { id: former.id, role: 'admin' };
    const events = await db.auditEvent.count();
    // One at a time: each is started only when the one before has answered.
    for (const attempt of [
      () => updateProject(db, stale, { projectId: project.id, input: settings('Renamed', project.version) }),
      () => addMember(db, stale, { projectId: project.id, input: { email: 'ann2@demo.test' } }),
      () => removeMember(db, stale, { projectId: project.id, userId: 'demo-user-ann1' }),
      () => createProject(db, stale, { name: 'Another' }),
    ]) {
      const refused = (await attempt().catch((e: unknown) => e)) as DomainError;
      expect([refused.status, refused.message]).toEqual([409, 'You are no longer an admin; nothing was changed.']);
    }
    await db.user.update({ where: { id: former.id }, data: { role: 'admin', deletedAt: new Date() } });
    expect(await statusOf(updateProject(db, stale, { projectId: project.id, input: settings('Renamed', project.version) }))).toBe(409);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).name).toBe('Theirs');
    expect((await db.membership.findMany({ where: { projectId: project.id }, select: { userId: true }, orderBy: { userId: 'asc' } })).map((m) => m.userId)).toEqual(['demo-user-ann1', former.id].sort());
    expect(await db.project.count({ where: { name: 'Another' } })).toBe(0);
    expect(await db.auditEvent.count()).toBe(events);
  });
});

describe('creating a project', () => {
  it('records the creator joining it, like any membership', async () => {
    const project = await createProject(db, admin, { name: 'Audited' });
    const events = await db.auditEvent.findMany({ where: { projectId: project.id }, orderBy: { id: 'asc' }, select: { action: true, after: true } });
    expect(events.map((e) => e.action).sort()).toEqual(['membership.add', 'project.create']);
    expect(JSON.stringify(events.find((e) => e.action === 'membership.add')!.after)).toContain('admin@demo.test');
  });
});

describe('the projects list', () => {
  it('counts active members only, as the settings page does', async () => {
    const before = (await listProjectsFor(db, admin)).find((p) => p.id === 'demo-project')!.memberCount;
    const leaving = await db.user.create({ data: { email: 'leaving@demo.test', name: 'Leaving', role: 'annotator', memberships: { create: { projectId: 'demo-project' } } } });
    expect((await listProjectsFor(db, admin)).find((p) => p.id === 'demo-project')!.memberCount).toBe(before + 1);
    await db.user.update({ where: { id: leaving.id }, data: { deletedAt: new Date() } });
    expect((await listProjectsFor(db, admin)).find((p) => p.id === 'demo-project')!.memberCount).toBe(before);
  });

  it('shows an admin every project, telling those they are not a member of', async () => {
    const outside = await db.project.create({ data: { name: 'Someone else’s' } });
    const reviewerList = await listProjectsFor(db, reviewer);
    expect(reviewerList.map((p) => p.id)).not.toContain(outside.id);
    expect(reviewerList.every((p) => p.member)).toBe(true);
    const adminList = await listProjectsFor(db, admin);
    expect(adminList.find((p) => p.id === outside.id)).toMatchObject({ member: false, submittedByMe: 0 });
    expect(adminList.find((p) => p.id === 'demo-project')?.member).toBe(true);
  });
});
