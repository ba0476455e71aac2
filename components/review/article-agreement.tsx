import { articleAgreementRemembered } from '@/lib/review/figures';
import type { ReviewData } from '@/lib/review/service';
import { AgreementFigures } from './agreement-figures';

type Props = { review: Promise<Pick<ReviewData, 'article' | 'annotators' | 'spans'>> };

/**
 * This article's agreement figures, streamed after the rest of the review page (inside a
 * Suspense boundary): on a long article with several layers they take a few hundred
 * milliseconds of computing, which should not hold back the text, the highlights and the clusters.
 */
export async function ArticleAgreement({ review: loading }: Props) {
  const review = await loading;
  if (review.annotators.length === 0) return <p className="banner info">No layer of this article is submitted now: nobody has submitted it yet, or everyone who did has reopened it since.</p>;
  // Let React send the layers first: the computation below is synchronous.
  await new Promise((resolve) => setImmediate(resolve));
  const figures = articleAgreementRemembered(review);
  return <AgreementFigures figures={figures} names={new Map(review.annotators.map((a) => [a.id, a.name]))} />;
}

/** What the page shows while the figures are computed. */
export function ArticleAgreementPending() {
  return (
    <section className="card" aria-labelledby="article-agreement" aria-busy="true">
      <h2 id="article-agreement">Agreement on this article</h2>
      <p className="muted">Computing…</p>
    </section>
  );
}
