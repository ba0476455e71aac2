import { clusterSpans, disagreementScore } from '../agreement';
import type { Actor } from '../auth/permissions';
import type { Role } from '../auth/roles';
import type { Db } from '../database/client';
import { groupBy } from '../group-by';
import { projectFor } from '../projects/service';
import { annotatorProgress } from './annotator-progress';
import { projectProgress, reviewState, type ReviewState } from './status';

export type QueueRow = {
  id: string;
  title: string;
  submissions: number;
  state: ReviewState;
  disagreement: number | null;
  clusters: number;
  gold: number;
};

/**
 * Every article of the project with its review state, most disagreement first among the
 * reviewable ones. An annotator reviewing peers (where the project allows it) gets only the
 * articles they have submitted themselves: the others' work on the rest stays unseen.
 */
export async function reviewQueue(db: Db, actor: Actor, projectId: string) {
  const { project } = await projectFor(db, actor, { projectId, action: 'project.review-queue' });
  const peer = actor.role === 'annotator';
  const inQueue = { projectId, ...(peer ? { statuses: { some: { userId: actor.id, status: 'submitted' } } } : {}) };
  const articles = await db.article.findMany({
    where: { ...inQueue, deletedAt: null },
    select: { id: true, title: true, reviewState: true, position: true },
    orderBy: { position: 'asc' },
  });
  const statuses = await db.annotationStatus.findMany({
    where: { status: { in: ['submitted', 'in_progress'] }, article: { ...inQueue, deletedAt: null } },
    select: { articleId: true, userId: true, status: true, submittedAt: true },
  });
  const submitted = statuses.filter((s) => s.status === 'submitted');
  const spans = await db.span.findMany({
    where: { deletedAt: null, article: inQueue },
    select: { id: true, articleId: true, authorId: true, layer: true, label: true, start: true, end: true, speaker: true },
  });
  const submittedBy = groupBy(submitted, (s) => s.articleId);
  const spansBy = groupBy(spans, (s) => s.articleId);
  const rows: QueueRow[] = articles.map((a) => {
    const annotators = (submittedBy.get(a.id) ?? []).map((s) => s.userId);
    const mine = spansBy.get(a.id) ?? [];
    const layers = annotators.map((id) => ({ annotator: id, spans: mine.filter((s) => s.layer === 'annotator' && s.authorId === id) }));
    const clusters = annotators.length >= 2 ? clusterSpans(layers) : [];
    return {
      id: a.id,
      title: a.title,
      submissions: annotators.length,
      state: reviewState({ stored: a.reviewState, submissions: annotators.length, required: project.requiredSubmissions }),
      disagreement: annotators.length >= 2 ? disagreementScore(clusters, annotators.length) : null,
      clusters: clusters.length,
      gold: mine.filter((s) => s.layer === 'gold').length,
    };
  });
  const order: Record<ReviewState, number> = { ready: 0, in_review: 1, waiting: 2, adjudicated: 3 };
  rows.sort((a, b) => order[a.state] - order[b.state] || (b.disagreement ?? -1) - (a.disagreement ?? -1));
  const progress = projectProgress({ articles: rows, required: project.requiredSubmissions });
  if (peer) return { project, rows, progress, scope: 'submitted-by-you' as const, annotators: null };
  // Who is how far: for reviewers and admins only, as a peer reviewer sees none of the others' work.
  const person = { id: true, name: true, email: true, role: true, deletedAt: true } as const;
  const members = (await db.membership.findMany({ where: { projectId }, select: { user: { select: person } } })).map((m) => m.user);
  const memberIds = new Set(members.map((m) => m.id));
  const formerIds = [...new Set(statuses.map((s) => s.userId))].filter((id) => !memberIds.has(id));
  const former = formerIds.length ? await db.user.findMany({ where: { id: { in: formerIds } }, select: person }) : [];
  const annotators = annotatorProgress({
    articles: articles.length,
    people: [...members, ...former].map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role as Role, deleted: u.deletedAt !== null, member: memberIds.has(u.id) })),
    statuses,
    closed: new Set(articles.filter((a) => a.reviewState === 'adjudicated').map((a) => a.id)),
  });
  return { project, rows, progress, scope: 'project' as const, annotators };
}
