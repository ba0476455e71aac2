import { memo, useEffect } from 'react';
import { LABEL_INFO } from '@/lib/labels';
import { Pager, usePagedList } from '../pager';
import type { ClientSpan } from './use-spans';
import { excerpt } from '@/lib/excerpt';


/** Entries per page: a screenful or two. An article with thousands of spans renders one page, not thousands of entries. */
export const SPAN_PAGE_SIZE = 50;

// One entry per span. Memoised: adding or changing one span re-renders one entry, not the page
// (span objects keep their identity until they change).
const SpanEntry = memo(function SpanEntry({ span, active, position, count, onPick }: { span: ClientSpan; active: boolean; position: number; count: number; onPick: (id: string) => void }) {
  return (
    <li aria-posinset={position} aria-setsize={count}>
      <button type="button" aria-current={active} onClick={() => onPick(span.id)} data-span-id={span.id}>
        <span className="chip" style={{ background: LABEL_INFO[span.label].background }}>
          {LABEL_INFO[span.label].name}
        </span>
        {span.speaker ? <span className="muted"> — {span.speaker}</span> : span.label === 'sourced_quote' && <span className="muted"> — no speaker yet</span>}
        <span className="excerpt">{excerpt(span.quote, 120)}</span>
        {span.note && <span className="note">{span.note}</span>}
      </button>
    </li>
  );
});

/** Memoised: the page re-renders on every selection change, the list only when its spans or the active one change. */
export const SpanList = memo(function SpanList({ spans, activeId, onPick }: { spans: ClientSpan[]; activeId: string | null; onPick: (id: string) => void }) {
  const { shown, setPage, show } = usePagedList(spans.length, SPAN_PAGE_SIZE);
  // The list turns to the page of the span that was just opened or created, wherever it is.
  const activeIndex = activeId ? spans.findIndex((s) => s.id === activeId) : -1;
  useEffect(() => {
    if (activeIndex >= 0) show(activeIndex);
    // Only when another span becomes active (or appears), not whenever its index moves: paging by
    // hand must not jump back, and a span added above the active one must not turn the page.
  }, [activeId, activeIndex >= 0, show]);
  const count = spans.length;
  return (
    <section aria-labelledby="annotations-heading" className="card">
      <h2 id="annotations-heading">Annotations{count > 0 ? ` (${count.toLocaleString('en')})` : ''}</h2>
      {count === 0 ? (
        <p className="muted">Select a passage in the article, then choose a label (or press 1, 2 or 3).</p>
      ) : (
        <>
          <Pager shown={shown} count={count} label="Pages of your annotations" onPage={setPage} />
          <ol className="span-list" aria-label="Your annotations in text order" start={shown.first + 1}>
            {spans.slice(shown.first, shown.end).map((s, i) => (
              <SpanEntry key={s.id} span={s} active={s.id === activeId} position={shown.first + i + 1} count={count} onPick={onPick} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
});
