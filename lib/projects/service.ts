import { z } from 'zod';
import { recordAudit } from '../audit';
import { decide, type Action, type Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { conflict, DomainError, notFound, parseOrThrow } from '../errors';
import { ensureAdminActs } from '../users/service';
import { groupBy } from '../group-by';
import { plural } from '../plural';
import { formVersionField } from '../versions';
import { hasVisibleText } from '../visible-text';

export const projectSchema = z.object({
  name: z.string().trim().min(1, 'the project needs a name').max(200).refine(hasVisibleText, 'the project needs a name'),
  // A form's textarea sends its lines with CRLF: stored as typed would log a change (and move the
  // exports' manifests) each time the settings are saved with the guidelines untouched.
  guidelines: z.string().max(100_000).default('').transform((text) => text.replace(/\r\n?/g, '\n')),
});
export const projectUpdateSchema = projectSchema.extend({
  version: formVersionField,
  requiredSubmissions: z.coerce.number().int().min(1, 'at least 1 submission').max(20, 'at most 20 submissions'),
  // An unchecked checkbox sends nothing: absent means false.
  annotatorsMayReview: z.preprocess((v) => v === 'on' || v === true || v === 'true', z.boolean()),
});
export const membershipSchema = z.object({ email: z.string().trim().toLowerCase().email('enter a valid e-mail address') });

/** Loads a project and decides whether the actor may do `action` on it (404 for non-members). */
export async function projectFor(db: Db, actor: Actor, args: { projectId: string; action: Action }) {
  const project = await db.project.findUnique({ where: { id: args.projectId } });
  const isMember = project ? (await db.membership.count({ where: { projectId: project.id, userId: actor.id } })) > 0 : false;
  const decision = decide(actor, args.action, { isMember, annotatorsMayReview: project?.annotatorsMayReview ?? false });
  if (!decision.ok) throw new DomainError(decision.status, decision.reason);
  if (!project) throw notFound('Project');
  return { project, isMember };
}

export async function listProjectsFor(db: Db, actor: Actor) {
  const projects = await db.project.findMany({
    where: actor.role === 'admin' ? {} : { memberships: { some: { userId: actor.id } } },
    orderBy: { createdAt: 'asc' },
    include: {
      _count: { select: { articles: { where: { deletedAt: null } }, memberships: { where: { user: { deletedAt: null } } } } },
      // An admin sees every project; only a member's has progress of their own.
      memberships: { where: { userId: actor.id }, select: { id: true } },
    },
  });
  // One row per submitted article, carrying only its project: no pass over every article.
  const submitted = await db.annotationStatus.findMany({
    where: { userId: actor.id, status: 'submitted', article: { projectId: { in: projects.map((p) => p.id) }, deletedAt: null } },
    select: { article: { select: { projectId: true } } },
  });
  const submittedPerProject = groupBy(submitted, (s) => s.article.projectId);
  // Articles whose review closed before the actor submitted them: no longer theirs to do.
  const closed = await db.article.groupBy({
    by: ['projectId'],
    where: { projectId: { in: projects.map((p) => p.id) }, deletedAt: null, reviewState: 'adjudicated', statuses: { none: { userId: actor.id, status: 'submitted' } } },
    _count: { _all: true },
  });
  const closedPerProject = new Map(closed.map((c) => [c.projectId, c._count._all]));
  return projects.map((p) => ({
    id: p.id,
    name: p.name,
    articleCount: p._count.articles,
    memberCount: p._count.memberships,
    member: p.memberships.length > 0,
    submittedByMe: submittedPerProject.get(p.id)?.length ?? 0,
    closedToMe: closedPerProject.get(p.id) ?? 0,
  }));
}

export async function createProject(db: Db, actor: Actor, input: unknown) {
  const decision = decide(actor, 'project.create');
  if (!decision.ok) throw new DomainError(decision.status, decision.reason);
  const data = parseOrThrow(projectSchema, input);
  return db.$transaction(async (tx) => {
    await ensureAdminActs(tx, actor.id);
    const project = await tx.project.create({ data: { ...data, memberships: { create: { userId: actor.id } } }, include: { memberships: { include: { user: { select: { email: true } } } } } });
    await recordAudit(tx, { actorId: actor.id, action: 'project.create', entityType: 'project', entityId: project.id, projectId: project.id, after: data });
    // The creator joins it: recorded like any other membership, so the trail shows how they came in.
    const [creator] = project.memberships;
    await recordAudit(tx, { actorId: actor.id, action: 'membership.add', entityType: 'membership', entityId: creator!.id, projectId: project.id, after: { email: creator!.user.email } });
    return project;
  });
}

export async function updateProject(db: Db, actor: Actor, args: { projectId: string; input: unknown }) {
  const { project } = await projectFor(db, actor, { projectId: args.projectId, action: 'project.manage' });
  const data = parseOrThrow(projectUpdateSchema, args.input);
  return db.$transaction(async (tx) => {
    // Read again here: an admin demoted or deactivated since the request began changes nothing.
    await ensureAdminActs(tx, actor.id);
    const { count } = await tx.project.updateMany({
      where: { id: project.id, version: data.version },
      data: {
        name: data.name,
        guidelines: data.guidelines,
        requiredSubmissions: data.requiredSubmissions,
        annotatorsMayReview: data.annotatorsMayReview,
        version: data.version + 1,
      },
    });
    if (count !== 1) throw conflict('Someone else changed this project meanwhile. The page now shows their version; apply your change again.');
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'project.update',
      entityType: 'project',
      entityId: project.id,
      projectId: project.id,
      before: { name: project.name, guidelines: project.guidelines, requiredSubmissions: project.requiredSubmissions, annotatorsMayReview: project.annotatorsMayReview },
      after: { name: data.name, guidelines: data.guidelines, requiredSubmissions: data.requiredSubmissions, annotatorsMayReview: data.annotatorsMayReview },
    });
    const members = await tx.membership.count({ where: { projectId: project.id, user: { deletedAt: null } } });
    return { warning: reviewReachWarning(data.requiredSubmissions, members) };
  });
}

/** Said after saving settings under which no article can ever be ready for review; null when some can. */
export function reviewReachWarning(requiredSubmissions: number, activeMembers: number): string | null {
  if (requiredSubmissions <= activeMembers) return null;
  return `No article can be ready for review yet: each needs ${plural(requiredSubmissions, 'submission')}, and the project has ${plural(activeMembers, 'active member')}. Add members, or need fewer submissions.`;
}

export async function addMember(db: Db, actor: Actor, args: { projectId: string; input: unknown }) {
  const { project } = await projectFor(db, actor, { projectId: args.projectId, action: 'project.manage' });
  const { email } = parseOrThrow(membershipSchema, args.input);
  return db.$transaction(async (tx) => {
    await ensureAdminActs(tx, actor.id);
    const user = await tx.user.findUnique({ where: { email } });
    if (!user) throw new DomainError(404, `No user has the e-mail ${email}. An admin creates accounts under Users.`);
    if (user.deletedAt) throw conflict(`The account ${email} is deactivated; an admin can restore it under Deleted items first.`);
    if (await tx.membership.findUnique({ where: { projectId_userId: { projectId: project.id, userId: user.id } } })) {
      throw conflict(`${email} is already a member.`);
    }
    const m = await tx.membership.create({ data: { projectId: project.id, userId: user.id } });
    await recordAudit(tx, { actorId: actor.id, action: 'membership.add', entityType: 'membership', entityId: m.id, projectId: project.id, after: { email } });
  });
}

export async function removeMember(db: Db, actor: Actor, args: { projectId: string; userId: string }) {
  const { project } = await projectFor(db, actor, { projectId: args.projectId, action: 'project.manage' });
  return db.$transaction(async (tx) => {
    await ensureAdminActs(tx, actor.id);
    const m = await tx.membership.findUnique({ where: { projectId_userId: { projectId: project.id, userId: args.userId } }, include: { user: true } });
    if (!m) throw notFound('Membership');
    await tx.membership.delete({ where: { id: m.id } });
    await recordAudit(tx, { actorId: actor.id, action: 'membership.remove', entityType: 'membership', entityId: m.id, projectId: project.id, before: { email: m.user.email } });
  });
}
