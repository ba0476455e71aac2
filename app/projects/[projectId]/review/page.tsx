import Link from 'next/link';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { pageError } from '@/lib/page';
import { reviewQueue } from '@/lib/review/queue';
import { REVIEW_STATE_NAMES } from '@/lib/review/status';

export const metadata = { title: 'Review queue' };

function Bar({ label, value, total }: { label: string; value: number; total: number }) {
  const percent = total ? Math.round((value / total) * 100) : 0;
  return (
    <div className="progress">
      <span>
        {label}: {value} of {total}
      </span>
      <div className="progress-bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={value}>
        <span style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

export default async function ReviewQueuePage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser({ next: `/projects/${projectId}/review` });
  const { project, rows, progress, scope } = await reviewQueue(db, user, projectId).catch(pageError);
  return (
    <section className="stack">
      <Link href={`/projects/${project.id}`}>← {project.name}</Link>
      <div className="row">
        <h1>Review</h1>
        <span className="spacer" />
        {scope === 'project' && (
          <Link className="button" href={`/projects/${project.id}/agreement`}>
            Agreement
          </Link>
        )}
      </div>
      {scope === 'submitted-by-you' && (
        <p className="muted">This project lets annotators review each other: here are the articles you have submitted yourself.</p>
      )}
      <div className="card row">
        <Bar label="Annotated" value={progress.annotated} total={progress.total} />
        <Bar label="Reviewed" value={progress.reviewed} total={progress.total} />
        <Bar label="Adjudicated" value={progress.adjudicated} total={progress.total} />
      </div>
      <p className="muted">
        An article is ready for review after {project.requiredSubmissions} submissions. Ready articles come first, the most disputed at the top.
      </p>
      <table className="list" aria-label="Review queue">
        <thead>
          <tr>
            <th>Article</th>
            <th>Submissions</th>
            <th>Disagreement</th>
            <th>Clusters</th>
            <th>Gold spans</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.state === 'waiting' ? r.title : <Link href={`/projects/${project.id}/articles/${r.id}/review`}>{r.title}</Link>}</td>
              <td>
                {r.submissions} / {project.requiredSubmissions}
              </td>
              <td>{r.disagreement === null ? '–' : `${Math.round(r.disagreement * 100)}%`}</td>
              <td>{r.clusters}</td>
              <td>{r.gold}</td>
              <td>
                <span className={`status review-${r.state}`}>{REVIEW_STATE_NAMES[r.state]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
