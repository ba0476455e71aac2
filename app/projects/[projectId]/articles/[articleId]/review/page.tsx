import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { requestNonce } from '@/components/annotator/nonce';
import { ArticleAgreement, ArticleAgreementPending } from '@/components/review/article-agreement';
import { ReviewBoard } from '@/components/review/review-board';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { pageError } from '@/lib/page';
import { packBoard } from '@/lib/review/board-data';
import { loadReview } from '@/lib/review/service';

export const metadata = { title: 'Review' };

export default async function ArticleReviewPage({ params }: { params: Promise<{ projectId: string; articleId: string }> }) {
  const { projectId, articleId } = await params;
  const user = await requirePageUser({ next: `/projects/${projectId}/articles/${articleId}/review` });
  // Without quotes: the board slices them from the article text it carries anyway.
  const review = await loadReview(db, user, articleId, { quotes: false }).catch(pageError);
  if (review.article.projectId !== projectId) notFound();
  const nonce = await requestNonce();
  return (
    <section className="stack">
      <Link href={`/projects/${projectId}/review`}>← Review queue</Link>
      <h1>{review.article.title}</h1>
      {review.annotators.length === 0 ? (
        <p className="banner info">Nobody has submitted this article yet.</p>
      ) : (
        <Suspense fallback={<ArticleAgreementPending />}>
          <ArticleAgreement review={review} />
        </Suspense>
      )}
      <ReviewBoard
        key={`${review.article.version}`}
        article={review.article}
        state={review.state}
        annotators={review.annotators.map((a) => ({ id: a.id, name: a.name }))}
        board={packBoard({
          spans: review.spans,
          gold: review.gold,
          clusters: review.clusters.map((c) => ({
            start: c.start,
            end: c.end,
            status: c.status,
            spanIds: c.spans.map((s) => s.id).filter((id): id is string => !!id),
            missing: c.missing,
          })),
        })}
        nonce={nonce}
      />
    </section>
  );
}
