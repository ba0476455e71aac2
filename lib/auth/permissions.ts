import type { Role } from './roles';

// Who may do what, as pure functions so the rules are unit-tested and every page, action and
// route handler asks the same question. Project-scoped resources answer 404 to non-members
// (a project you may not see is indistinguishable from one that does not exist), 403 to
// members whose role does not allow the action.

export type Actor = { id: string; role: Role };

export const ACTIONS = [
  'user.manage',
  'audit.view',
  'record.restore',
  'project.create',
  'project.manage',
  'project.view',
  'article.import',
  'article.view',
  'article.annotate',
  'article.review',
  'project.review-queue',
  'project.report',
  'article.delete',
  'span.edit',
] as const;
export type Action = (typeof ACTIONS)[number];

export type AccessContext = {
  /** Whether the actor belongs to the project the resource lives in. */
  isMember?: boolean;
  /** Who owns the resource (span author), for owner-only actions. */
  ownerId?: string;
  /** The project lets annotators review articles they have submitted themselves. */
  annotatorsMayReview?: boolean;
  /** The actor has submitted the article under review. */
  submittedByActor?: boolean;
};

export type Decision = { ok: true } | { ok: false; status: 401 | 403 | 404; reason: string };

const ALLOW: Decision = { ok: true };
const deny = (status: 401 | 403 | 404, reason: string): Decision => ({ ok: false, status, reason });

export function decide(actor: Actor | null, action: Action, ctx: AccessContext = {}): Decision {
  if (!actor) return deny(401, 'Sign in first.');
  const admin = actor.role === 'admin';
  switch (action) {
    case 'user.manage':
    case 'audit.view':
    case 'record.restore':
    case 'project.create':
      return admin ? ALLOW : deny(403, 'Only admins may do this.');
    case 'project.manage':
      if (admin) return ALLOW;
      return ctx.isMember ? deny(403, 'Only admins may change projects.') : deny(404, 'Project not found.');
    case 'project.view':
    case 'article.view':
    case 'article.import':
      return admin || ctx.isMember ? ALLOW : deny(404, 'Project not found.');
    case 'article.annotate':
      // Annotation is blind and personal: only members annotate, admins included only when members.
      return ctx.isMember ? ALLOW : deny(404, 'Project not found.');
    case 'article.review':
      if (admin) return ALLOW;
      if (!ctx.isMember) return deny(404, 'Project not found.');
      if (actor.role === 'reviewer') return ALLOW;
      if (ctx.annotatorsMayReview && ctx.submittedByActor) return ALLOW;
      return deny(403, ctx.annotatorsMayReview ? 'Submit this article yourself before you review it.' : 'Only reviewers and admins review articles.');
    case 'article.delete':
      // Removing an article hides everyone's work on it: reviewers and admins only (admins restore it).
      if (admin) return ALLOW;
      if (!ctx.isMember) return deny(404, 'Project not found.');
      return actor.role === 'reviewer' ? ALLOW : deny(403, 'Only reviewers and admins delete articles.');
    case 'project.review-queue':
      // Peer reviewers (annotators, when the project allows it) see only the articles they
      // submitted themselves in it: lib/review/queue.ts narrows it for them.
      if (admin) return ALLOW;
      if (!ctx.isMember) return deny(404, 'Project not found.');
      return actor.role === 'reviewer' || ctx.annotatorsMayReview ? ALLOW : deny(403, 'Only reviewers and admins see the review queue.');
    case 'project.report':
      // Agreement figures and exports span every annotator's work, submitted or not: never an
      // annotator's, whatever the project allows, or annotation would no longer be blind.
      if (admin) return ALLOW;
      if (!ctx.isMember) return deny(404, 'Project not found.');
      return actor.role === 'reviewer' ? ALLOW : deny(403, 'Only reviewers and admins see agreement figures and exports.');
    case 'span.edit':
      if (!ctx.isMember) return deny(404, 'Span not found.');
      // Another person's span answers 404 too: blind annotation means it does not exist for you.
      return ctx.ownerId === actor.id ? ALLOW : deny(404, 'Span not found.');
  }
}

export function can(actor: Actor | null, action: Action, ctx: AccessContext = {}): boolean {
  return decide(actor, action, ctx).ok;
}
