import type { Role } from '../auth/roles';

// How far each annotator of a project has got: for whoever runs the study (reviewers and admins),
// to see who is behind before the review waits on them. Counts only, never anyone's spans.

/** A person who may appear: a member of the project, or someone who annotated it and left it since. */
export type ProgressMember = { id: string; name: string; email: string; role: Role; deleted: boolean; member: boolean };
export type ProgressStatus = { userId: string; status: string; submittedAt: Date | null };

export type AnnotatorProgress = {
  userId: string;
  name: string;
  email: string;
  deactivated: boolean;
  /** False for someone no longer in the project whose submissions still count in the queue. */
  member: boolean;
  submitted: number;
  inProgress: number;
  notStarted: number;
  lastSubmittedAt: Date | null;
};

/**
 * One row per person who annotates: every active annotator of the project, and anyone else who
 * has started one of its articles (a reviewer or admin, a deactivated account, someone no longer
 * a member, whose submissions still count in the queue); by name. `statuses` are those of the
 * project's current articles, `articles` of them; `people` must include everyone they name.
 */
export function annotatorProgress(args: { articles: number; people: readonly ProgressMember[]; statuses: readonly ProgressStatus[] }): AnnotatorProgress[] {
  const byUser = new Map<string, { submitted: number; inProgress: number; last: Date | null }>();
  for (const s of args.statuses) {
    const counts = byUser.get(s.userId) ?? { submitted: 0, inProgress: 0, last: null };
    if (s.status === 'submitted') {
      counts.submitted++;
      if (s.submittedAt && (!counts.last || s.submittedAt > counts.last)) counts.last = s.submittedAt;
    } else if (s.status === 'in_progress') {
      counts.inProgress++;
    }
    byUser.set(s.userId, counts);
  }
  return args.people
    .filter((m) => (m.role === 'annotator' && !m.deleted && m.member) || (byUser.get(m.id)?.submitted ?? 0) + (byUser.get(m.id)?.inProgress ?? 0) > 0)
    .map((m) => {
      const counts = byUser.get(m.id) ?? { submitted: 0, inProgress: 0, last: null };
      return {
        userId: m.id,
        name: m.name,
        email: m.email,
        deactivated: m.deleted,
        member: m.member,
        submitted: counts.submitted,
        inProgress: counts.inProgress,
        notStarted: args.articles - counts.submitted - counts.inProgress,
        lastSubmittedAt: counts.last,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.email.localeCompare(b.email, 'en'));
}
