import Link from 'next/link';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { pageError } from '@/lib/page';
import type { AnnotatorProgress } from '@/lib/review/annotator-progress';
import { reviewQueue } from '@/lib/review/queue';
import { REVIEW_STATE_NAMES } from '@/lib/review/status';
import { sharePercent } from '@/lib/figure-format';
import { plural } from '@/lib/plural';

export const metadata = { title: 'Review queue' };

function Bar({ label, value, total }: { label: string; value: number; total: number }) {
  // Rounded down: a full bar says all of them, not 199 of 200.
  const percent = total ? Math.floor((value / total) * 100) : 0;
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

/** Each annotator's submitted, started and untouched articles, so a stalled study shows who it waits on. */
function AnnotatorTable({ annotators, articles }: { annotators: AnnotatorProgress[]; articles: number }) {
  return (
    <>
      <h2 id="annotators-heading">Annotators</h2>
      {annotators.length ? <AnnotatorRows annotators={annotators} articles={articles} /> : <p className="muted">No annotators in this project yet: an admin adds them as members in the project settings.</p>}
    </>
  );
}

function AnnotatorRows({ annotators, articles }: { annotators: AnnotatorProgress[]; articles: number }) {
  return (
    <table className="list" aria-labelledby="annotators-heading">
      <thead>
        <tr>
          <th>Annotator</th>
          <th>Submitted</th>
          <th>In progress</th>
          <th>Not started</th>
          <th>Closed before they submitted</th>
          <th>Last submitted (UTC)</th>
        </tr>
      </thead>
      <tbody>
        {annotators.map((a) => (
          <tr key={a.userId}>
            <td>
              {a.name}
              {a.deactivated && ' (deactivated)'}
              {!a.member && ' (no longer a member)'}
              <br />
              <span className="muted">{a.email}</span>
            </td>
            <td>
              {a.submitted} of {articles}
            </td>
            <td>{a.inProgress}</td>
            <td>{a.notStarted}</td>
            <td>{a.closed}</td>
            <td>{a.lastSubmittedAt ? <time dateTime={a.lastSubmittedAt.toISOString()}>{a.lastSubmittedAt.toISOString().slice(0, 16).replace('T', ' ')}</time> : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function ReviewQueuePage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser({ next: `/projects/${projectId}/review` });
  const { project, rows, progress, scope, annotators } = await reviewQueue(db, user, projectId).catch(pageError);
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
        An article is ready for review after {plural(project.requiredSubmissions, 'submission')}. Ready articles come first, the most disputed at the top.
      </p>
      {rows.length === 0 ? (
        <p className="muted">
          {scope === 'submitted-by-you'
            ? 'You have not submitted an article of this project yet. Each one you submit is listed here, to review beside the others’ work.'
            : 'This project has no articles yet.'}
        </p>
      ) : (
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
                <td>{r.disagreement === null ? '–' : sharePercent(r.disagreement)}</td>
                {/* Clusters compare layers: with fewer than two there is nothing to count yet (not 0). */}
                <td>{r.submissions < 2 ? '–' : r.clusters}</td>
                <td>{r.gold}</td>
                <td>
                  <span className={`status review-${r.state}`}>{REVIEW_STATE_NAMES[r.state]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {annotators && <AnnotatorTable annotators={annotators} articles={progress.total} />}
    </section>
  );
}
