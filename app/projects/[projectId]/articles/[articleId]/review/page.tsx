import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { earlyPaintData } from '@/components/annotator/early-paint';
import { requestNonce } from '@/components/annotator/nonce';
import { ArticleAgreement, ArticleAgreementPending } from '@/components/review/article-agreement';
import { ReviewBoard } from '@/components/review/review-board';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { titleFor } from '@/lib/page-title';
import { afterHeadStart, pageError } from '@/lib/page';
import { packBoard } from '@/lib/review/board-data';
import { articleForReview, loadReview, reviewHighlights } from '@/lib/review/service';

export function generateMetadata({ params }: { params: Promise<{ projectId: string; articleId: string }> }) {
  return params.then((p) => titleFor(p, (n) => `Review: ${n.article}`));
}


export default async function ArticleReviewPage({ params }: { params: Promise<{ projectId: string; articleId: string }> }) {
  const { projectId, articleId } = await params;
  const user = await requirePageUser({ next: `/projects/${projectId}/articles/${articleId}/review` });
  // Who may see what is settled before anything is sent, so refusals keep their status codes.
  const article = await articleForReview(db, user, articleId).catch(pageError);
  if (article.projectId !== projectId) notFound();
  const nonce = await requestNonce();
  // The labels and offsets of the spans are read before anything is sent (a quick read), so the
  // early painter comes right after the text. The rest of the layers (comments, clusters,
  // verdicts) is not awaited: it follows in the same response (Suspense), its reading started
  // after the text's head start. Without quotes: the board slices them from the text.
  const highlights = earlyPaintData(await reviewHighlights(db, user, articleId));
  const review = afterHeadStart(article.text.length, () => loadReview(db, user, articleId, { quotes: false }));
  const data = review.then((r) => ({
    state: r.state,
    annotators: r.annotators.map((a) => ({ id: a.id, name: a.name })),
    // A peer judges the spans in front of them; earlier conversations are the reviewers'.
    ...(user.role === 'annotator' ? { peerReviewer: user.id, reviewerJudged: r.reviewerJudged } : { earlierThreads: r.earlierThreads }),
    board: packBoard({
      spans: r.spans,
      gold: r.gold,
      clusters: r.clusters.map((c) => ({
        start: c.start,
        end: c.end,
        status: c.status,
        spanIds: c.spans.map((s) => s.id).filter((id): id is string => !!id),
        missing: c.missing,
      })),
    }),
  }));
  data.catch(() => {}); // handled where it is used; only keeps Node from reporting it meanwhile
  return (
    <section className="stack">
      <Link href={`/projects/${projectId}/review`}>← Review queue</Link>
      <h1>{article.title}</h1>
      {/* Agreement figures stay with reviewers and admins, in peer review too. */}
      {user.role !== 'annotator' && (
        <Suspense fallback={<ArticleAgreementPending />}>
          <ArticleAgreement review={review} />
        </Suspense>
      )}
      <ReviewBoard
        key={`${article.version}`}
        article={{ id: article.id, projectId: article.projectId, title: article.title, text: article.text, textHash: article.textHash, version: article.version }}
        data={data}
        highlights={highlights}
        nonce={nonce}
        peerReview={user.role === 'annotator'}
        closed={article.reviewState === 'adjudicated'}
      />
    </section>
  );
}
