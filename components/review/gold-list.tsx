'use client';

import { useEffect, useRef, useState } from 'react';
import { LABEL_INFO, type Label } from '@/lib/labels';
import { LabelOptions } from '../label-options';
import type { ReviewSpan } from '@/lib/review/service';
import { call } from '../annotator/span-api';
import { AskFirst, useAskFirst } from '../ask-first';
import { BusyButton } from '../busy-button';
import { Pager, usePagedList } from '../pager';
import { excerpt } from '@/lib/excerpt';

const GOLD_PAGE_SIZE = 50;


type GoldProps = {
  gold: ReviewSpan[];
  closed: boolean;
  busy: boolean;
  run: (what: () => Promise<unknown>, done?: string | ((result: unknown) => string)) => Promise<boolean>;
  focusSpan: (id: string) => void;
  quoteOf: (span: ReviewSpan) => string;
};

/**
 * What a gold change did to the verdicts behind it (decision 011), for the announcement: "; the
 * annotator span behind it is now rejected", or nothing when none stood behind it.
 */
function followUp(result: unknown, key: 'rejected' | 'edited', what: string): string {
  const n = typeof result === 'object' && result !== null ? (result as Record<string, unknown>)[key] : undefined;
  if (typeof n !== 'number' || n === 0) return '';
  return n === 1 ? `; the annotator's span behind it is ${what}` : `; the ${n} annotators' spans behind it are ${what}`;
}

export function GoldList({ gold, closed, busy, run, focusSpan, quoteOf }: GoldProps) {
  const { shown, setPage } = usePagedList(gold.length, GOLD_PAGE_SIZE);
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLOListElement>(null);
  // A removed span's entry disappears with the focus in it: the focus moves to the entry that takes
  // its place (or the one before, or the heading), not to the top of the page.
  const removed = useRef<number | null>(null);
  const remove = async (s: ReviewSpan, position: number) => {
    removed.current = position;
    const done = await run(
      // With the count the reviewer was asked about: more behind it by now, and the server refuses.
      () => call(`/api/v1/gold/${s.id}`, { method: 'DELETE', body: { version: s.version, backedBy: s.backedBy ?? 0 } }),
      (result) => `Gold ${LABEL_INFO[s.label].name.toLowerCase()} removed${followUp(result, 'rejected', 'now rejected')}`,
    );
    if (!done) removed.current = null;
  };
  // Once the refreshed list is there (the entry is gone).
  useEffect(() => {
    const position = removed.current;
    if (position === null) return;
    removed.current = null;
    const entries = list.current?.querySelectorAll<HTMLButtonElement>('.gold-span > button');
    const next = entries?.[Math.min(position, entries.length - 1)];
    (next ?? heading.current)?.focus();
  }, [gold]);
  return (
    <section aria-labelledby="gold-heading" className="card">
      <h2 id="gold-heading" ref={heading} tabIndex={-1}>
        Gold layer ({gold.length})
      </h2>
      {gold.length === 0 ? (
        <p className="muted">Accepted spans land here. It is the layer exports use by default.</p>
      ) : (
        <>
          <Pager shown={shown} count={gold.length} label="Pages of gold spans" onPage={setPage} />
          <ol ref={list} className="span-list" aria-label="Gold spans in text order" start={shown.first + 1}>
            {gold.slice(shown.first, shown.end).map((s, i) => (
              <li key={s.id} className="gold-span" aria-posinset={shown.first + i + 1} aria-setsize={gold.length}>
                <button type="button" onClick={() => focusSpan(s.id)}>
                  <span className="chip" style={{ background: LABEL_INFO[s.label].background }}>
                    {LABEL_INFO[s.label].name}
                  </span>
                  {s.speaker && <span className="muted"> — {s.speaker}</span>}
                  <span className="excerpt">{excerpt(quoteOf(s), 120)}</span>
                </button>
                {!closed && <GoldActions span={s} position={i} number={shown.first + i + 1} backing={s.backedBy ?? 0} busy={busy} run={run} onRemove={remove} />}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/**
 * Relabel and remove one gold span. The label is chosen first and saved with a button: a select
 * that saved on every change would save (and lock the board) at each arrow key of a keyboard user
 * going through the options.
 */
function GoldActions({
  span,
  position,
  number,
  backing,
  busy,
  run,
  onRemove,
}: {
  span: ReviewSpan;
  position: number;
  number: number;
  backing: number;
  busy: boolean;
  run: GoldProps['run'];
  onRemove: (s: ReviewSpan, position: number) => void;
}) {
  const [label, setLabel] = useState<Label>(span.label);
  const [speaker, setSpeaker] = useState(span.speaker);
  // The stored label or speaker changed (this save, or another reviewer's): the choice follows it.
  const [stored, setStored] = useState({ label: span.label, speaker: span.speaker });
  if (stored.label !== span.label || stored.speaker !== span.speaker) {
    setStored({ label: span.label, speaker: span.speaker });
    setLabel(span.label);
    setSpeaker(span.speaker);
  }
  const select = useRef<HTMLSelectElement>(null);
  const removing = useAskFirst();
  const isQuote = label === 'sourced_quote';
  // A quote's speaker is part of gold: drawn directly or relabelled, it needs one set here.
  const changed = label !== span.label || (isQuote && speaker.trim() !== span.speaker);
  const save = async () => {
    const saved = await run(
      () => call(`/api/v1/gold/${span.id}`, { method: 'PATCH', body: { label, ...(isQuote ? { speaker } : {}), version: span.version } }),
      (result) =>
        (isQuote && speaker.trim() ? `Gold span ${number} is now a sourced quote by ${speaker.trim()}` : `Gold span ${number} is now ${LABEL_INFO[label].name.toLowerCase()}`) +
        followUp(result, 'edited', 'now marked edited'),
    );
    // The button goes once the saved span arrives: the focus goes back to the label first.
    if (saved) select.current?.focus();
  };
  return (
    <div className="row">
      <select ref={select} aria-label={`Label of gold span ${number}`} value={label} onChange={(e) => setLabel(e.target.value as Label)}>
        <LabelOptions />
      </select>
      {isQuote && (
        <input
          aria-label={`Speaker of gold span ${number}`}
          placeholder="Who is quoted"
          value={speaker}
          maxLength={200}
          onChange={(e) => setSpeaker(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && changed && !busy) void save();
          }}
        />
      )}
      {changed && (
        <BusyButton className="button small primary" busy={busy} onClick={save}>
          Save<span className="visually-hidden"> gold span {number}</span>
        </BusyButton>
      )}
      {removing.asking ? (
        <AskFirst
          name={`Remove gold span ${number}`}
          question={
            backing === 1
              ? "An annotator's span was accepted into it, and removing it rejects that span. Remove it?"
              : `${backing} annotator spans were accepted into it, and removing it rejects them. Remove it?`
          }
          yes="Yes, remove"
          yesClassName="button small danger"
          onYes={() => {
            removing.stop();
            // While another change is saving, this span's version is about to change: not now.
            if (!busy) onRemove(span, position);
          }}
          onCancel={removing.stop}
        />
      ) : (
        // Removing a span verdicts stand behind changes those verdicts (decision 011): asked first.
        <BusyButton ref={removing.button} className="button small danger" busy={busy} onClick={() => (backing > 0 ? removing.ask() : onRemove(span, position))}>
          Remove<span className="visually-hidden"> gold span {number}</span>
        </BusyButton>
      )}
    </div>
  );
}
