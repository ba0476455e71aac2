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
import { articleForReview, loadReview } from '@/lib/review/service';

export const metadata = { title: 'Review' };

/** How long the page's text gets to be rendered and sent before the layers are loaded (see below). */
const SHELL_HEAD_START_MS = 100;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default async function ArticleReviewPage({ params }: { params: Promise<{ projectId: string; articleId: string }> }) {
  const { projectId, articleId } = await params;
  const user = await requirePageUser({ next: `/projects/${projectId}/articles/${articleId}/review` });
  // Who may see what is settled before anything is sent, so refusals keep their status codes.
  const article = await articleForReview(db, user, articleId).catch(pageError);
  if (article.projectId !== projectId) notFound();
  const nonce = await requestNonce();
  // The layers are not awaited: the text goes out first and they follow in the same response
  // (Suspense). Loading them is CPU-bound work on the server's one thread (thousands of rows,
  // clusters), so it starts after a head start in which the text is rendered and sent. The head
  // start costs nothing: the browser needs longer than that to lay out a long text, and the
  // highlights cannot be painted before it has. Without quotes: the board slices them from the text.
  const review = pause(SHELL_HEAD_START_MS).then(() => loadReview(db, user, articleId, { quotes: false }));
  const data = review.then((r) => ({
    state: r.state,
    annotators: r.annotators.map((a) => ({ id: a.id, name: a.name })),
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
  // Handled where they are used; this only keeps Node from reporting them as unhandled meanwhile.
  review.catch(() => {});
  data.catch(() => {});
  return (
    <section className="stack">
      <Link href={`/projects/${projectId}/review`}>← Review queue</Link>
      <h1>{article.title}</h1>
      <Suspense fallback={<ArticleAgreementPending />}>
        <ArticleAgreement review={review} />
      </Suspense>
      <ReviewBoard
        key={`${article.version}`}
        article={{ id: article.id, projectId: article.projectId, title: article.title, text: article.text, version: article.version }}
        data={data}
        nonce={nonce}
      />
    </section>
  );
}
