import Link from 'next/link';
import { notFound } from 'next/navigation';
import { earlyPaintData } from '@/components/annotator/early-paint';
import { requestNonce } from '@/components/annotator/nonce';
import { Workbench } from '@/components/annotator/workbench';
import { Markdown } from '@/components/markdown';
import { QueueProgress } from '@/components/queue-progress';
import { SourceUrl } from '@/components/source-url';
import { annotatorQueue, nextInQueue, reopenRefusal } from '@/lib/articles/service';
import { suggestSpeakersFor } from '@/lib/article/speaker-cache';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { afterHeadStart, pageError } from '@/lib/page';
import { titleFor } from '@/lib/page-title';
import { unpackSpans } from '@/lib/spans/packed';
import { articleForAnnotation, ownSpansForPage } from '@/lib/spans/service';

type Params = { params: Promise<{ projectId: string; articleId: string }> };

export function generateMetadata({ params }: Params) {
  return params.then((p) => titleFor(p, (n) => n.article));
}

export default async function ArticlePage({ params }: Params) {
  const { projectId, articleId } = await params;
  const user = await requirePageUser({ next: `/projects/${projectId}/articles/${articleId}` });
  const article = await articleForAnnotation(db, user, articleId).catch(pageError);
  if (article.projectId !== projectId) notFound();
  const header = Promise.all([
    annotatorQueue(db, user, projectId),
    db.project.findUniqueOrThrow({ where: { id: projectId }, select: { name: true, guidelines: true } }),
    requestNonce(),
  ]);
  const [spans, [queue, project, nonce]] = await Promise.all([ownSpansForPage(db, user, article.id), header]);
  // The early painter's data goes out with the text; the side panel (list, details), the heavier
  // part to render, follows in the same response after the text's head start (Suspense).
  const paint = earlyPaintData(unpackSpans(spans));
  const layer = afterHeadStart(article.text.length, async () => ({
    spans,
    speakers: suggestSpeakersFor(article, unpackSpans(spans).map((s) => s.speaker).filter(Boolean)),
  }));
  const status = queue.find((a) => a.id === article.id)?.status ?? 'not_started';
  // Submitted work that can no longer be reopened says why, instead of offering a button that fails.
  const reopenBlocked = status === 'submitted' && article.reviewState !== 'adjudicated' ? await reopenRefusal(db, user, article) : null;
  const next = nextInQueue(queue, article.id);
  const meta = [article.author && `by ${article.author}`, article.outlet, article.publishedOn, article.topic].filter(Boolean);
  return (
    <section className="stack">
      <div className="row">
        <Link href={`/projects/${projectId}`}>← {project.name}</Link>
        <span className="spacer" />
        <QueueProgress queue={queue} />
      </div>
      <header className="article-head">
        <div className="row">
          <h1>{article.title}</h1>
          <span className="spacer" />
          {user.role !== 'annotator' && (
            <Link className="button small" href={`/projects/${projectId}/articles/${article.id}/review`}>
              Review
            </Link>
          )}
          <Link className="button small" href={`/projects/${projectId}/articles/${article.id}/edit`}>
            Edit details
          </Link>
        </div>
        <p className="meta">
          {meta.join(' · ')}
          {article.sourceUrl && (
            <>
              {meta.length > 0 && ' · '}
              <SourceUrl url={article.sourceUrl} />
            </>
          )}
        </p>
      </header>
      {project.guidelines && (
        <details className="guidelines">
          <summary>Guidelines</summary>
          <Markdown source={project.guidelines} />
        </details>
      )}
      <Workbench
        // Re-created when the status, the review or what Reopen would meet changes: a refused Reopen
        // then finds the note that says why (and the focus goes to it), not a stale button.
        key={`${article.id}:${status}:${article.reviewState}:${reopenBlocked === null ? 'open' : 'blocked'}`}
        article={{ id: article.id, projectId, title: article.title, text: article.text, textHash: article.textHash }}
        spans={layer}
        paint={paint}
        status={status}
        reviewClosed={article.reviewState === 'adjudicated'}
        reopenBlocked={reopenBlocked}
        nextArticleId={next?.id ?? null}
        nonce={nonce}
      />
    </section>
  );
}
