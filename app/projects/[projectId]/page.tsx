import Link from 'next/link';
import { Markdown } from '@/components/markdown';
import { QueueProgress } from '@/components/queue-progress';
import { annotatorQueueWithCounts, nextToAnnotate } from '@/lib/articles/service';
import { can } from '@/lib/auth/permissions';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { pageError } from '@/lib/page';
import { titleFor } from '@/lib/page-title';
import { importedNotice } from '@/lib/import/notice';
import { projectFor } from '@/lib/projects/service';

const STATUS_TEXT = { not_started: 'Not started', in_progress: 'In progress', submitted: 'Submitted' } as const;

export function generateMetadata({ params }: { params: Promise<{ projectId: string }> }) {
  return params.then((p) => titleFor(p, (n) => n.project));
}

export default async function ProjectPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { projectId } = await params;
  const imported = importedNotice((await searchParams).imported);
  const user = await requirePageUser({ next: `/projects/${projectId}` });
  const { project, isMember } = await projectFor(db, user, { projectId, action: 'project.view' }).catch(pageError);
  const queue = await annotatorQueueWithCounts(db, user, project.id);
  const access = { isMember, annotatorsMayReview: project.annotatorsMayReview };
  const canReview = can(user, 'project.review-queue', access);
  const canReport = can(user, 'project.report', access);
  const next = nextToAnnotate(queue);
  return (
    <section className="stack">
      <div className="row">
        <h1>{project.name}</h1>
        <span className="spacer" />
        <Link className="button" href={`/projects/${project.id}/import`}>
          Import articles
        </Link>
        {isMember && (
          <Link className="button" href={`/projects/${project.id}/feedback`}>
            Feedback
          </Link>
        )}
        {canReview && (
          <Link className="button" href={`/projects/${project.id}/review`}>
            Review
          </Link>
        )}
        {canReport && (
          <>
            <Link className="button" href={`/projects/${project.id}/agreement`}>
              Agreement
            </Link>
            <Link className="button" href={`/projects/${project.id}/export`}>
              Export
            </Link>
          </>
        )}
        {user.role === 'admin' && (
          <Link className="button" href={`/projects/${project.id}/settings`}>
            Settings
          </Link>
        )}
      </div>
      {imported && (
        <p className="banner info" role="status">
          {imported}
        </p>
      )}
      {isMember ? (
        <div className="card row">
          <QueueProgress queue={queue} />
          <span className="spacer" />
          {next ? (
            <Link className="button primary" href={`/projects/${project.id}/articles/${next.id}`}>
              {next.status === 'in_progress' ? 'Continue annotating' : 'Start annotating'}
            </Link>
          ) : queue.length ? (
            <span className="ok">{queue.every((a) => a.status === 'submitted') ? 'All articles submitted.' : 'Nothing left to annotate: the reviews of the articles you did not submit are closed.'}</span>
          ) : null}
        </div>
      ) : (
        <p className="banner info">You are not a member of this project, so you can look but not annotate.</p>
      )}
      <h2>Your queue</h2>
      {queue.length === 0 ? (
        <p className="muted">No articles yet. Import some to get started.</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>#</th>
              <th>Article</th>
              <th>Outlet</th>
              <th>Your spans</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((a, i) => (
              <tr key={a.id}>
                <td>{i + 1}</td>
                <td>
                  {isMember ? <Link href={`/projects/${project.id}/articles/${a.id}`}>{a.title}</Link> : a.title}
                  {a.author && <div className="muted">{a.author}</div>}
                </td>
                <td>{a.outlet}</td>
                <td>{a.spanCount}</td>
                <td>
                  <span className={`status status-${a.status}`}>{STATUS_TEXT[a.status]}</span>
                  {a.closed && <div className="muted">Review closed</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Guidelines</h2>
      <div className="guidelines">{project.guidelines ? <Markdown source={project.guidelines} /> : <p className="muted">No guidelines yet.</p>}</div>
    </section>
  );
}
