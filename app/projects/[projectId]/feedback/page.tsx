import Link from 'next/link';
import { CommentReply } from '@/components/review/comment-reply';
import { F1Table, SpeakerLine } from '@/components/review/f1-table';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { excerpt } from '@/lib/excerpt';
import { LABEL_INFO } from '@/lib/labels';
import { pageError } from '@/lib/page';
import { plural } from '@/lib/plural';
import { feedbackFor } from '@/lib/review/feedback';

export const metadata = { title: 'Feedback' };

const VERDICT_TEXT = { accepted: 'Accepted', rejected: 'Rejected', edited: 'Edited, then accepted' } as const;

/** A span without a verdict: still waiting, unless the reviewer has closed the article without one. */
const noVerdict = (reviewState: string) => (reviewState === 'adjudicated' ? 'No verdict: the review is closed' : 'Not reviewed yet');

export default async function FeedbackPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser({ next: `/projects/${projectId}/feedback` });
  const { project, articles, againstGold, speakers, goldArticles } = await feedbackFor(db, user, projectId).catch(pageError);
  return (
    <section className="stack">
      <Link href={`/projects/${project.id}`}>← {project.name}</Link>
      <h1>Feedback</h1>
      {articles.length === 0 && <p className="muted">You have not submitted any article in this project yet.</p>}
      {articles.length > 0 && (
        <div className="card">
          <h2>Your agreement with the gold layer</h2>
          {againstGold.overlap ? (
            <>
              <p className="muted">
                Over {plural(goldArticles, 'adjudicated article')}. Exact: same start, end and label. Overlap: same label, overlapping text, matched one to
                one.
              </p>
              <F1Table results={[{ name: 'Exact match', result: againstGold.exact! }, { name: 'Overlap match', result: againstGold.overlap }]} />
              <SpeakerLine speakers={speakers} both="gold and you" />
            </>
          ) : (
            <p className="muted">None of your submitted articles is adjudicated yet, so there is no settled gold layer to compare with.</p>
          )}
        </div>
      )}
      {articles.map((a) => (
        <section key={a.id} className="card" aria-label={`Feedback on ${a.title}`}>
          <h2>{a.title}</h2>
          {a.reopened && a.reviewState === 'adjudicated' ? (
            <p className="muted">You reopened this article, and its review was closed before you submitted it again: your work on it stays as it is.</p>
          ) : a.reopened ? (
            <p className="muted">
              You reopened this article: the comments on your spans stay here while you work on it.{' '}
              <Link href={`/projects/${project.id}/articles/${a.id}`}>Go on annotating</Link>
            </p>
          ) : (
            <p className="muted">{a.reviewState === 'adjudicated' ? 'Adjudicated: its gold layer is settled.' : a.reviewState === 'in_review' ? 'In review.' : 'Not reviewed yet.'}</p>
          )}
          {a.spans.length === 0 ? (
            <p className="muted">You marked no spans in this article.</p>
          ) : (
            <ul className="cluster-spans">
              {a.spans.map((s) => (
                <li key={s.id} aria-label={`Your span: ${excerpt(s.quote, 60)}`}>
                  <span className="chip" style={{ background: LABEL_INFO[s.label].background }}>
                    {LABEL_INFO[s.label].name}
                  </span>{' '}
                  {s.deleted ? (
                    <span className="verdict verdict-none">You deleted this span after it was commented on</span>
                  ) : (
                    <span className={`verdict verdict-${s.verdict || 'none'}`}>{s.verdict ? VERDICT_TEXT[s.verdict] : noVerdict(a.reviewState)}</span>
                  )}
                  <div className="excerpt">{s.quote}</div>
                  <div className="thread">
                    {s.comments.map((c) => (
                      <p key={c.id} className="comment">
                        <strong>{c.author}:</strong> {c.body}
                      </p>
                    ))}
                    {/* A verdict can be answered even when it came without a comment. */}
                    {!s.deleted && (s.comments.length > 0 || s.verdict) && <CommentReply spanId={s.id} first={s.comments.length === 0} />}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}
