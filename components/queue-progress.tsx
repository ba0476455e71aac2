import { plural } from '@/lib/plural';

type Entry = { status: 'not_started' | 'in_progress' | 'submitted' };

export function QueueProgress({ queue }: { queue: Entry[] }) {
  const submitted = queue.filter((a) => a.status === 'submitted').length;
  const percent = queue.length ? Math.round((submitted / queue.length) * 100) : 0;
  return (
    <div className="progress">
      <span>
        {submitted} of {plural(queue.length, 'article')} submitted
      </span>
      <div
        className="progress-bar"
        role="progressbar"
        aria-label="Articles submitted"
        aria-valuemin={0}
        aria-valuemax={queue.length}
        aria-valuenow={submitted}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
