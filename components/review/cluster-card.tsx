'use client';

import { useId, useRef, useState } from 'react';
import { LABEL_INFO, type Label } from '@/lib/labels';
import { LabelOptions } from '../label-options';
import { CLUSTER_STATUS_TEXT } from '@/lib/review/board-navigation';
import type { BoardCluster } from '@/lib/review/board-data';
import type { ReviewSpan } from '@/lib/review/service';
import type { ReviewActions } from './review-board';
import { BusyButton } from '../busy-button';
import { excerpt } from '@/lib/excerpt';


const VERDICT_TEXT = { '': 'Not reviewed', accepted: 'Accepted', rejected: 'Rejected', edited: 'Edited and accepted' } as const;

export function ClusterCard(props: {
  index: number;
  cluster: BoardCluster;
  spanById: Map<string, ReviewSpan>;
  names: Map<string, string>;
  actions: ReviewActions;
  closed: boolean;
  busy: boolean;
  /** Only one annotator's layer is submitted: nothing to agree or disagree with yet. */
  singleLayer?: boolean;
  activeId: string | null;
}) {
  const { cluster, names } = props;
  const members = cluster.spanIds.map((id) => props.spanById.get(id)).filter((s): s is ReviewSpan => !!s);
  const status = props.singleLayer ? 'One layer, not compared' : CLUSTER_STATUS_TEXT[cluster.status];
  return (
    <article className={`card cluster cluster-${props.singleLayer ? 'single' : cluster.status}`} aria-label={`Cluster ${props.index + 1}: ${status}`} data-cluster-index={props.index}>
      <div className="row">
        <strong>Cluster {props.index + 1}</strong>
        <span className={`status cluster-status-${props.singleLayer ? 'single' : cluster.status}`}>{status}</span>
      </div>
      <ul className="cluster-spans">
        {members.map((s) => (
          <SpanRow key={s.id} span={s} who={names.get(s.annotatorId) ?? 'Unknown'} {...props} />
        ))}
        {cluster.missing.map((id) => (
          <li key={id} className="muted">
            {names.get(id) ?? id}: no span here
          </li>
        ))}
      </ul>
    </article>
  );
}

/**
 * Comments typed and not posted yet, by span id. The board is built afresh when the article's
 * version moves (the review closed or reopened, its details corrected), and a comment being
 * written must come through that: comments go on after a review closes.
 */
const commentDrafts = new Map<string, string>();

function SpanRow({ span, who, actions, closed, busy, activeId }: { span: ReviewSpan; who: string; actions: ReviewActions; closed: boolean; busy: boolean; activeId: string | null }) {
  // A draft brought through a rebuild opens its form again, without taking the focus from where the action left it.
  const restored = useRef(commentDrafts.has(span.id));
  const [mode, setMode] = useState<'view' | 'edit' | 'comment'>(() => (restored.current ? 'comment' : 'view'));
  const [label, setLabel] = useState<Label>(span.label);
  const [start, setStart] = useState(span.start);
  const [end, setEnd] = useState(span.end);
  const [speaker, setSpeaker] = useState(span.speaker);
  const [comment, setCommentText] = useState(() => commentDrafts.get(span.id) ?? '');
  const setComment = (text: string) => {
    setCommentText(text);
    if (text) commentDrafts.set(span.id, text);
    else commentDrafts.delete(span.id);
  };
  const [rangeProblem, setRangeProblem] = useState<string | null>(null);
  const problemId = useId();
  // Start and End: marked, and tied to the message, while the range has a problem.
  const rangeInput = (caption: string, name: string, min: number, value: number, set: (n: number) => void) => (
    <label>
      {caption}
      <input
        name={name}
        type="number"
        min={min}
        value={value}
        onChange={(e) => set(Number(e.target.value))}
        aria-invalid={rangeProblem ? true : undefined}
        aria-describedby={rangeProblem ? problemId : undefined}
      />
    </label>
  );
  const quote = actions.quoteOf(span);
  const name = actions.spanName(span);
  // Closing the edit or comment form gives the focus back to the button that opened it.
  const editButton = useRef<HTMLButtonElement>(null);
  const commentButton = useRef<HTMLButtonElement>(null);
  const close = () => {
    const opener = mode === 'edit' ? editButton : commentButton;
    setMode('view');
    opener.current?.focus();
  };
  const closeOnEscape = (e: React.KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    close();
  };
  const hidden = <span className="visually-hidden"> {name}</span>;
  return (
    <li data-span-card={span.id} className={activeId === span.id ? 'active' : undefined} aria-label={`${who}: ${LABEL_INFO[span.label].name}`}>
      <button type="button" className="span-summary" onClick={() => actions.focusSpan(span.id)}>
        <span className="who">{who}</span>{' '}
        <span className="chip" style={{ background: LABEL_INFO[span.label].background }}>
          {LABEL_INFO[span.label].name}
        </span>{' '}
        <span className={`verdict verdict-${span.verdict || 'none'}`}>{VERDICT_TEXT[span.verdict]}</span>
        <span className="excerpt">{excerpt(quote, 140)}</span>
        {span.speaker && <span className="muted">Speaker: {span.speaker}</span>}
        {span.note && <span className="note">Note: {span.note}</span>}
      </button>
      {/* Verdicts end with the review; the conversation does not (the annotator may still ask why). */}
      <div className="row actions">
        {closed ? null : !actions.whyNotJudge(span) ? (
          <>
            <BusyButton className="button small" busy={busy} onClick={() => actions.judge(span, { verdict: 'accepted' })}>
              Accept{hidden}
            </BusyButton>
            {actions.mayEdit && (
              <button ref={editButton} type="button" className="button small" aria-expanded={mode === 'edit'} onClick={() => setMode(mode === 'edit' ? 'view' : 'edit')}>
                Edit{hidden}
              </button>
            )}
            <BusyButton className="button small danger" busy={busy} onClick={() => actions.judge(span, { verdict: 'rejected' })}>
              Reject{hidden}
            </BusyButton>
          </>
        ) : (
          <span className="muted">{actions.whyNotJudge(span)}</span>
        )}
        <button
          ref={commentButton}
          type="button"
          className="button small subtle"
          aria-expanded={mode === 'comment'}
          onClick={() => {
            restored.current = false;
            setMode(mode === 'comment' ? 'view' : 'comment');
          }}
        >
          Comment{hidden}
          {span.comments.length ? ` (${span.comments.length})` : ''}
        </button>
      </div>
      {mode === 'edit' && (
        <form
          className="form edit-form"
          aria-label={`Edit ${name}`}
          onKeyDown={closeOnEscape}
          onSubmit={async (e) => {
            e.preventDefault();
            // A range the server would refuse is said here, beside the fields, before anything is sent.
            // The span's own range is never refused (one saved before the blank-text rule keeps it).
            const problem = start === span.start && end === span.end ? null : actions.rangeProblem(start, end);
            setRangeProblem(problem);
            if (problem) {
              e.currentTarget.querySelector<HTMLInputElement>('input[name="start"]')?.focus();
              return;
            }
            if (await actions.judge(span, { verdict: 'accepted', edit: { label, start, end, speaker } })) close();
          }}
        >
          <label>
            Label
            <select autoFocus value={label} onChange={(e) => setLabel(e.target.value as Label)}>
              <LabelOptions />
            </select>
          </label>
          <div className="row">
            {rangeInput('Start', 'start', 0, start, setStart)}
            {rangeInput('End', 'end', 1, end, setEnd)}
            <button
              type="button"
              className="button small"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                const r = actions.selectionRange();
                if (r) {
                  setStart(r.start);
                  setEnd(r.end);
                }
              }}
            >
              Use selected text
            </button>
          </div>
          {label === 'sourced_quote' && (
            <label>
              Speaker
              <input value={speaker} onChange={(e) => setSpeaker(e.target.value)} maxLength={200} />
            </label>
          )}
          {rangeProblem && (
            <p className="error" role="alert" id={problemId}>
              {rangeProblem}
            </p>
          )}
          <BusyButton type="submit" className="button primary small" busy={busy}>
            Accept edited
          </BusyButton>
        </form>
      )}
      {(mode === 'comment' || span.comments.length > 0) && (
        <div className="thread" aria-label={`Comments on ${name}`}>
          {span.comments.map((c) => (
            <p key={c.id} className="comment">
              <strong>{c.author}:</strong> {c.body}
            </p>
          ))}
          {mode === 'comment' && (
            <form
              className="row"
              onKeyDown={closeOnEscape}
              onSubmit={async (e) => {
                e.preventDefault();
                if (comment.trim() && (await actions.comment(span, comment))) {
                  setComment('');
                  close();
                }
              }}
            >
              <input autoFocus={!restored.current} aria-label={`Comment on ${name}`} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={5000} placeholder="Explain the verdict…" />
              <BusyButton type="submit" className="button small primary" busy={busy}>
                Post comment
              </BusyButton>
            </form>
          )}
        </div>
      )}
    </li>
  );
}
