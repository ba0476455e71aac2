import { plural } from '@/lib/plural';

type Entry = { status: 'not_started' | 'in_progress' | 'submitted'; closed?: boolean };

/**
 * How far the annotator is through the project's queue. An article whose review was closed before
 * they submitted it is no longer theirs to do: it counts towards the bar, and is named apart.
 */
export function QueueProgress({ queue }: { queue: Entry[] }) {
  const submitted = queue.filter((a) => a.status === 'submitted').length;
  const closed = queue.filter((a) => a.status !== 'submitted' && a.closed).length;
  const done = submitted + closed;
  // Rounded down: a full bar says every article is done, not 199 of 200.
  const percent = queue.length ? Math.floor((done / queue.length) * 100) : 0;
  return (
    <div className="progress">
      <span>
        {submitted.toLocaleString('en')} of {plural(queue.length, 'article')} submitted
        {closed > 0 && `, ${closed.toLocaleString('en')} closed before you submitted`}
      </span>
      <div
        className="progress-bar"
        role="progressbar"
        aria-label={closed > 0 ? 'Articles submitted or closed' : 'Articles submitted'}
        aria-valuemin={0}
        aria-valuemax={queue.length}
        aria-valuenow={done}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
