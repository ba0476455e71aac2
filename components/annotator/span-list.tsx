import { LABEL_INFO } from '@/lib/labels';
import type { ClientSpan } from './use-spans';

const excerpt = (quote: string) => (quote.length > 120 ? `${quote.slice(0, 117)}…` : quote);

export function SpanList({ spans, activeId, onPick }: { spans: ClientSpan[]; activeId: string | null; onPick: (id: string) => void }) {
  return (
    <section aria-labelledby="annotations-heading" className="card">
      <h2 id="annotations-heading">Annotations</h2>
      {spans.length === 0 ? (
        <p className="muted">Select a passage in the article, then choose a label (or press 1, 2 or 3).</p>
      ) : (
        <ol className="span-list" aria-label="Your annotations in text order">
          {spans.map((s) => (
            <li key={s.id}>
              <button type="button" aria-current={s.id === activeId} onClick={() => onPick(s.id)} data-span-id={s.id}>
                <span className="chip" style={{ background: LABEL_INFO[s.label].background }}>
                  {LABEL_INFO[s.label].name}
                </span>
                {s.speaker && <span className="muted"> — {s.speaker}</span>}
                <span className="excerpt">{excerpt(s.quote)}</span>
                {s.note && <span className="note">{s.note}</span>}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
