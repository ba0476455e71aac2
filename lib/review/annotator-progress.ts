import type { Role } from '../auth/roles';

// How far each annotator of a project has got: for whoever runs the study (reviewers and admins),
// to see who is behind before the review waits on them. Counts only, never anyone's spans.

/** A person who may appear: a member of the project, or someone who annotated it and left it since. */
export type ProgressMember = { id: string; name: string; email: string; role: Role; deleted: boolean; member: boolean };
export type ProgressStatus = { userId: string; status: string; submittedAt: Date | null; articleId?: string };

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
  /** Articles whose review was closed before this person submitted them: no longer theirs to do. */
  closed: number;
  lastSubmittedAt: Date | null;
};

/**
 * One row per person who annotates: every active annotator of the project, and anyone else who
 * has started one of its articles (a reviewer or admin, a deactivated account, someone no longer
 * a member, whose submissions still count in the queue); by name. `statuses` are those of the
 * project's current articles, `articles` of them; `people` must include everyone they name.
 * `closed` holds the articles whose review is closed (adjudicated): work not submitted on them is
 * counted as closed, not as in progress or not started, since nobody can do it any more.
 */
export function annotatorProgress(args: { articles: number; people: readonly ProgressMember[]; statuses: readonly ProgressStatus[]; closed?: ReadonlySet<string> }): AnnotatorProgress[] {
  const closed = args.closed ?? new Set<string>();
  const byUser = new Map<string, { submitted: number; inProgress: number; closedStarted: number; last: Date | null }>();
  for (const s of args.statuses) {
    const counts = byUser.get(s.userId) ?? { submitted: 0, inProgress: 0, closedStarted: 0, last: null };
    if (s.status === 'submitted') {
      counts.submitted++;
      if (s.submittedAt && (!counts.last || s.submittedAt > counts.last)) counts.last = s.submittedAt;
    } else if (s.status === 'in_progress') {
      if (s.articleId !== undefined && closed.has(s.articleId)) counts.closedStarted++;
      else counts.inProgress++;
    }
    byUser.set(s.userId, counts);
  }
  // Per person: the closed articles they had submitted are among `submitted`; the rest are closed to them.
  const submittedClosed = new Map<string, number>();
  for (const s of args.statuses) if (s.status === 'submitted' && s.articleId !== undefined && closed.has(s.articleId)) submittedClosed.set(s.userId, (submittedClosed.get(s.userId) ?? 0) + 1);
  return args.people
    .filter((m) => (m.role === 'annotator' && !m.deleted && m.member) || (byUser.get(m.id)?.submitted ?? 0) + (byUser.get(m.id)?.inProgress ?? 0) > 0)
    .map((m) => {
      const counts = byUser.get(m.id) ?? { submitted: 0, inProgress: 0, closedStarted: 0, last: null };
      const closedToThem = closed.size - (submittedClosed.get(m.id) ?? 0);
      return {
        userId: m.id,
        name: m.name,
        email: m.email,
        deactivated: m.deleted,
        member: m.member,
        submitted: counts.submitted,
        inProgress: counts.inProgress,
        notStarted: args.articles - counts.submitted - counts.inProgress - closedToThem,
        closed: closedToThem,
        lastSubmittedAt: counts.last,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.email.localeCompare(b.email, 'en'));
}
