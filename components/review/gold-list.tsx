'use client';

import { LABEL_INFO, type Label } from '@/lib/labels';
import { LabelOptions } from '../label-options';
import type { ReviewSpan } from '@/lib/review/service';
import { call } from '../annotator/span-api';
import { Pager, usePagedList } from '../pager';

const GOLD_PAGE_SIZE = 50;

const excerpt = (quote: string) => (quote.length > 120 ? `${quote.slice(0, 117)}…` : quote);

export function GoldList({
  gold,
  closed,
  busy,
  run,
  focusSpan,
  quoteOf,
}: {
  gold: ReviewSpan[];
  closed: boolean;
  busy: boolean;
  run: (what: () => Promise<unknown>) => Promise<boolean>;
  focusSpan: (id: string) => void;
  quoteOf: (span: ReviewSpan) => string;
}) {
  const patch = (s: ReviewSpan, body: Record<string, unknown>) => run(() => call(`/api/v1/gold/${s.id}`, { method: 'PATCH', body: { ...body, version: s.version } }));
  const { shown, setPage } = usePagedList(gold.length, GOLD_PAGE_SIZE);
  return (
    <section aria-labelledby="gold-heading" className="card">
      <h2 id="gold-heading">Gold layer ({gold.length})</h2>
      {gold.length === 0 ? (
        <p className="muted">Accepted spans land here. It is the layer exports use by default.</p>
      ) : (
        <>
          <Pager shown={shown} count={gold.length} label="Pages of gold spans" onPage={setPage} />
          <ol className="span-list" aria-label="Gold spans in text order" start={shown.first + 1}>
            {gold.slice(shown.first, shown.end).map((s, i) => (
              <li key={s.id} className="gold-span" aria-posinset={shown.first + i + 1} aria-setsize={gold.length}>
                <button type="button" onClick={() => focusSpan(s.id)}>
                  <span className="chip" style={{ background: LABEL_INFO[s.label].background }}>
                    {LABEL_INFO[s.label].name}
                  </span>
                  {s.speaker && <span className="muted"> — {s.speaker}</span>}
                  <span className="excerpt">{excerpt(quoteOf(s))}</span>
                </button>
                {!closed && (
                  <div className="row">
                    <select aria-label="Gold label" value={s.label} disabled={busy} onChange={(e) => patch(s, { label: e.target.value as Label })}>
                      <LabelOptions />
                    </select>
                    <button
                      type="button"
                      className="button small danger"
                      disabled={busy}
                      onClick={() => run(() => call(`/api/v1/gold/${s.id}`, { method: 'DELETE', body: { version: s.version } }))}
                    >
                      Remove
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
