import type { Role } from '../auth/roles';

// How far each annotator of a project has got: for whoever runs the study (reviewers and admins),
// to see who is behind before the review waits on them. Counts only, never anyone's spans.

export type ProgressMember = { id: string; name: string; email: string; role: Role; deleted: boolean };
export type ProgressStatus = { userId: string; status: string; submittedAt: Date | null };

export type AnnotatorProgress = {
  userId: string;
  name: string;
  email: string;
  deactivated: boolean;
  submitted: number;
  inProgress: number;
  notStarted: number;
  lastSubmittedAt: Date | null;
};

/**
 * One row per member who annotates: every active annotator, and anyone else (a reviewer or admin,
 * a deactivated account) who has started an article; by name. `statuses` are those of the project's current articles
 * (`articles` of them); a status of someone no longer a member is left out.
 */
export function annotatorProgress(args: { articles: number; members: readonly ProgressMember[]; statuses: readonly ProgressStatus[] }): AnnotatorProgress[] {
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
  return args.members
    .filter((m) => (m.role === 'annotator' && !m.deleted) || (byUser.get(m.id)?.submitted ?? 0) + (byUser.get(m.id)?.inProgress ?? 0) > 0)
    .map((m) => {
      const counts = byUser.get(m.id) ?? { submitted: 0, inProgress: 0, last: null };
      return {
        userId: m.id,
        name: m.name,
        email: m.email,
        deactivated: m.deleted,
        submitted: counts.submitted,
        inProgress: counts.inProgress,
        notStarted: Math.max(0, args.articles - counts.submitted - counts.inProgress),
        lastSubmittedAt: counts.last,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.email.localeCompare(b.email, 'en'));
}
