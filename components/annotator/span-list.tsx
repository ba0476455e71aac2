import { memo } from 'react';
import { LABEL_INFO } from '@/lib/labels';
import type { ClientSpan } from './use-spans';

const excerpt = (quote: string) => (quote.length > 120 ? `${quote.slice(0, 117)}…` : quote);

// One entry per span. Memoised: with thousands of spans, adding or changing one re-renders one
// entry, not the whole list (span objects keep their identity until they change).
const SpanEntry = memo(function SpanEntry({ span, active, onPick }: { span: ClientSpan; active: boolean; onPick: (id: string) => void }) {
  return (
    <li>
      <button type="button" aria-current={active} onClick={() => onPick(span.id)} data-span-id={span.id}>
        <span className="chip" style={{ background: LABEL_INFO[span.label].background }}>
          {LABEL_INFO[span.label].name}
        </span>
        {span.speaker && <span className="muted"> — {span.speaker}</span>}
        <span className="excerpt">{excerpt(span.quote)}</span>
        {span.note && <span className="note">{span.note}</span>}
      </button>
    </li>
  );
});

export function SpanList({ spans, activeId, onPick }: { spans: ClientSpan[]; activeId: string | null; onPick: (id: string) => void }) {
  return (
    <section aria-labelledby="annotations-heading" className="card">
      <h2 id="annotations-heading">Annotations</h2>
      {spans.length === 0 ? (
        <p className="muted">Select a passage in the article, then choose a label (or press 1, 2 or 3).</p>
      ) : (
        <ol className="span-list" aria-label="Your annotations in text order">
          {spans.map((s) => (
            <SpanEntry key={s.id} span={s} active={s.id === activeId} onPick={onPick} />
          ))}
        </ol>
      )}
    </section>
  );
}
