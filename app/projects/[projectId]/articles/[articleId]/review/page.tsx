import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EarlyHighlights } from '@/components/annotator/early-highlights';
import { AgreementFigures } from '@/components/review/agreement-figures';
import { ReviewBoard } from '@/components/review/review-board';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { pageError } from '@/lib/page';
import { articleAgreement } from '@/lib/review/figures';
import { loadReview } from '@/lib/review/service';

export const metadata = { title: 'Review' };

export default async function ArticleReviewPage({ params }: { params: Promise<{ projectId: string; articleId: string }> }) {
  const { projectId, articleId } = await params;
  const user = await requirePageUser({ next: `/projects/${projectId}/articles/${articleId}/review` });
  const review = await loadReview(db, user, articleId).catch(pageError);
  if (review.article.projectId !== projectId) notFound();
  const figures = articleAgreement(review);
  return (
    <section className="stack">
      <Link href={`/projects/${projectId}/review`}>← Review queue</Link>
      <h1>{review.article.title}</h1>
      {review.annotators.length === 0 ? (
        <p className="banner info">Nobody has submitted this article yet.</p>
      ) : (
        <AgreementFigures figures={figures} names={new Map(review.annotators.map((a) => [a.id, a.name]))} />
      )}
      <ReviewBoard
        key={`${review.article.version}`}
        article={review.article}
        state={review.state}
        annotators={review.annotators.map((a) => ({ id: a.id, name: a.name }))}
        spans={review.spans}
        gold={review.gold}
        clusters={review.clusters.map((c) => ({
          start: c.start,
          end: c.end,
          status: c.status,
          spanIds: c.spans.map((s) => s.id).filter((id): id is string => !!id),
          missing: c.missing,
        }))}
      />
      <EarlyHighlights spans={[...review.spans, ...review.gold]} />
    </section>
  );
}
