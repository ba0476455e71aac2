import { combineF1, countSpanMatches, countSpeakerMatches, speakerAgreement, type LabelCounts, type SpanF1Result } from '../agreement';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import type { Label } from '../labels';
import { groupBy } from '../group-by';
import { projectFor } from '../projects/service';
import { commentThreads } from './service';

export type FeedbackSpan = {
  id: string;
  label: Label;
  quote: string;
  verdict: '' | 'accepted' | 'rejected' | 'edited';
  /** Deleted since the reviewer commented on it: listed for its thread, which can no longer be answered. */
  deleted: boolean;
  comments: { id: string; author: string; body: string; createdAt: string }[];
};

/**
 * An annotator's own reviewed work in a project: verdicts, comment threads and F1 against gold.
 * A submitted article, and one reopened (`reopened`) while a reviewer's comments on it are still to
 * be answered: reopening to act on a comment must not take the comment out of sight. Of a reopened
 * article, only the spans with a thread are listed (the others are being worked on).
 */
export async function feedbackFor(db: Db, actor: Actor, projectId: string) {
  const { project } = await projectFor(db, actor, { projectId, action: 'project.view' });
  const worked = await db.annotationStatus.findMany({
    where: { userId: actor.id, status: { in: ['submitted', 'in_progress'] }, article: { projectId, deletedAt: null } },
    include: { article: { select: { id: true, title: true, reviewState: true, position: true } } },
    orderBy: { article: { position: 'asc' } },
  });
  const articleIds = worked.map((s) => s.articleId);
  const [spans, threads] = await Promise.all([
    // The annotator's own deleted spans too: one deleted to act on a reviewer's comment keeps its thread in sight.
    db.span.findMany({
      where: {
        articleId: { in: articleIds },
        OR: [
          { layer: 'gold', deletedAt: null },
          { layer: 'annotator', authorId: actor.id, OR: [{ deletedAt: null }, { comments: { some: {} } }] },
        ],
      },
      orderBy: [{ start: 'asc' }, { end: 'desc' }],
    }),
    commentThreads(db, { articleId: { in: articleIds }, span: { authorId: actor.id, layer: 'annotator' } }),
  ]);
  const byArticle = groupBy(
    spans.filter((s) => s.deletedAt === null || threads.has(s.id)),
    (s) => s.articleId,
  );
  const counts: Record<'exact' | 'overlap', LabelCounts[]> = { exact: [], overlap: [] };
  const speakers = { matched: 0, same: 0 };
  const submitted = worked.filter((s) => s.status === 'submitted' || (byArticle.get(s.articleId) ?? []).some((span) => threads.has(span.id)));
  const articles = submitted.map(({ article, status }) => {
    const reopened = status !== 'submitted';
    const own = byArticle.get(article.id) ?? [];
    const mine = own.filter((s) => s.layer === 'annotator' && (!reopened || threads.has(s.id)));
    const gold = reopened ? [] : own.filter((s) => s.layer === 'gold');
    const judged = mine.filter((s) => s.deletedAt === null);
    // Only a settled gold layer says anything about this annotator: while the review is under way,
    // gold holds only the spans accepted so far. And only about a submitted layer: one reopened
    // (closed with the review before it came back) was never judged as a whole.
    if (article.reviewState === 'adjudicated' && !reopened) {
      for (const mode of ['exact', 'overlap'] as const) counts[mode].push(countSpanMatches(gold, judged, mode));
      const quotes = countSpeakerMatches(gold, judged);
      speakers.matched += quotes.matched;
      speakers.same += quotes.same;
    }
    return {
      id: article.id,
      title: article.title,
      reviewState: article.reviewState,
      reopened,
      spans: mine.map<FeedbackSpan>((s) => ({
        id: s.id,
        label: s.label as Label,
        quote: s.quote,
        verdict: s.verdict as FeedbackSpan['verdict'],
        deleted: s.deletedAt !== null,
        comments: threads.get(s.id) ?? [],
      })),
    };
  });
  const againstGold: Record<'exact' | 'overlap', SpanF1Result | null> = {
    exact: counts.exact.length ? combineF1(counts.exact, 'exact') : null,
    overlap: counts.overlap.length ? combineF1(counts.overlap, 'overlap') : null,
  };
  return { project, articles, againstGold, speakers: speakerAgreement(speakers), goldArticles: counts.exact.length };
}
