import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requestNonce } from '@/components/annotator/nonce';
import { Workbench } from '@/components/annotator/workbench';
import { Markdown } from '@/components/markdown';
import { QueueProgress } from '@/components/queue-progress';
import { annotatorQueue, nextInQueue } from '@/lib/articles/service';
import { suggestSpeakersFor } from '@/lib/article/speaker-cache';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { pageError } from '@/lib/page';
import { unpackSpans } from '@/lib/spans/packed';
import { articleForAnnotation, ownSpansForPage } from '@/lib/spans/service';

type Params = { params: Promise<{ projectId: string; articleId: string }> };

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
  // The spans are not awaited here: the Workbench shows them through Suspense. Reading them is
  // quick, so they are usually ready before the text is rendered, and the early painter then
  // comes right after the text in the HTML; when they take long, the text is sent first.
  const spans = ownSpansForPage(db, user, article.id).then((packed) => ({
    spans: packed,
    speakers: suggestSpeakersFor(article, unpackSpans(packed).map((s) => s.speaker).filter(Boolean)),
  }));
  spans.catch(() => {}); // handled where it is used; only keeps Node from reporting it meanwhile
  const [queue, project, nonce] = await header;
  const status = queue.find((a) => a.id === article.id)?.status ?? 'not_started';
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
              {' · '}
              <span className="muted">{article.sourceUrl}</span>
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
        key={`${article.id}:${status}`}
        article={{ id: article.id, projectId, title: article.title, text: article.text }}
        spans={spans}
        status={status}
        nextArticleId={next?.id ?? null}
        nonce={nonce}
      />
    </section>
  );
}
