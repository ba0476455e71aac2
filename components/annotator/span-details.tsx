import { useEffect, useId, useRef, useState } from 'react';
import { LABEL_INFO, storedSpeaker, type Label } from '@/lib/labels';
import { LabelOptions } from '../label-options';
import type { ClientSpan } from './use-spans';
import { excerpt } from '@/lib/excerpt';

/**
 * What the server stores of a field's text: a speaker without the spaces around it (a name typed
 * as "Marta " on the way to "Marta Reyes" is saved, and shown in the list, as "Marta"); a note as
 * typed.
 */
function stored(field: 'note' | 'speaker', typed: string): string {
  // The speaker field shows for sourced quotes only.
  return field === 'speaker' ? storedSpeaker('sourced_quote', typed) : typed;
}

/** Label, note, speaker and delete for one span. Text fields save after a pause and on leaving the field. */
export function SpanDetails({
  identity,
  span,
  speakers,
  readOnly,
  onChange,
  onDelete,
  onClose,
  onTyping,
}: {
  /** Stable across the temporary id → saved id switch, so typing during a save is kept. */
  identity: string;
  span: ClientSpan;
  speakers: string[];
  readOnly: boolean;
  onChange: (changes: Partial<{ label: Label; note: string; speaker: string }>) => void;
  onDelete: () => void;
  onClose: () => void;
  /** Typed text waits for a pause before it is saved ('pending'), or, refused, for the field to be left ('kept'); false when none does. */
  onTyping?: (typing: false | 'pending' | 'kept') => void;
}) {
  const [note, setNote] = useState(span.note);
  const [speaker, setSpeaker] = useState(span.speaker);
  const listId = useId();
  const saved = useRef({ note: span.note, speaker: span.speaker });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Text typed but not yet handed to onChange, with the onChange of the span it was typed for.
  const unsent = useRef<{ field: 'note' | 'speaker'; value: string; send: typeof onChange } | null>(null);
  const typing = useRef(onTyping);
  typing.current = onTyping;

  /** Hands typed text over at once; nothing typed is dropped when the panel closes or switches span. */
  const sendUnsent = () => {
    clearTimeout(timer.current);
    const pending = unsent.current;
    unsent.current = null;
    if (!pending) return;
    typing.current?.(false);
    const value = stored(pending.field, pending.value);
    if (saved.current[pending.field] === value) return;
    saved.current = { ...saved.current, [pending.field]: value };
    pending.send({ [pending.field]: value });
  };

  // Another span was opened, or undo changed this one: show its stored values. Keyed on the
  // identity the page chose, not span.id, which changes when a new span's save completes.
  // A field being typed in keeps its text when the stored value changes under it (a save of it
  // failed and the page reloaded what is saved): the text differs from the saved value, so leaving
  // the field or Enter sends it again, and nothing typed vanishes.
  const noteField = useRef<HTMLTextAreaElement>(null);
  const speakerField = useRef<HTMLInputElement>(null);
  const shownFor = useRef(identity);
  useEffect(() => {
    const sameSpan = shownFor.current === identity;
    shownFor.current = identity;
    const typingIn = (field: HTMLInputElement | HTMLTextAreaElement | null): field is HTMLInputElement | HTMLTextAreaElement =>
      sameSpan && field !== null && field === document.activeElement;
    const kept = (name: 'note' | 'speaker', field: HTMLInputElement | HTMLTextAreaElement | null, storedValue: string) => {
      if (!typingIn(field)) return false;
      // Kept and not saved: it counts as unsaved (the save line says so, closing the tab asks),
      // and leaving the field or another span sends it again; no timer, which would send a
      // refused text again and again.
      if (stored(name, field.value) !== storedValue) {
        unsent.current = { field: name, value: field.value, send: onChange };
        typing.current?.('kept');
      }
      return true;
    };
    if (!kept('note', noteField.current, span.note)) setNote(span.note);
    if (!kept('speaker', speakerField.current, span.speaker)) setSpeaker(span.speaker);
    saved.current = { note: span.note, speaker: span.speaker };
  }, [identity, span.note, span.speaker]);
  // Leaving a span (another is opened, or the panel closes) saves what was typed for it.
  useEffect(() => sendUnsent, [identity]);

  const flush = (field: 'note' | 'speaker', typed: string) => {
    if (unsent.current?.field === field) unsent.current = null;
    if (!unsent.current) {
      clearTimeout(timer.current);
      typing.current?.(false);
    }
    const value = stored(field, typed);
    if (saved.current[field] === value) return;
    saved.current = { ...saved.current, [field]: value };
    onChange({ [field]: value });
  };
  const later = (field: 'note' | 'speaker', value: string) => {
    // Typing in the other field first saves this one's text: one timer, one field at a time.
    if (unsent.current && unsent.current.field !== field) sendUnsent();
    clearTimeout(timer.current);
    unsent.current = { field, value, send: onChange };
    typing.current?.('pending');
    timer.current = setTimeout(() => flush(field, value), 700);
  };

  return (
    <section className="card form" aria-labelledby="details-heading" data-testid="span-details">
      <div className="row">
        <h2 id="details-heading">Span details</h2>
        <span className="spacer" />
        <button type="button" className="button small subtle" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </div>
      <blockquote className="muted" style={{ margin: 0 }}>
        {excerpt(span.quote, 280)}
      </blockquote>
      <label>
        Label
        <select value={span.label} disabled={readOnly} onChange={(e) => onChange({ label: e.target.value as Label })}>
          <LabelOptions />
        </select>
      </label>
      {span.label === 'sourced_quote' && (
        <label>
          Speaker
          <input
            ref={speakerField}
            value={speaker}
            list={listId}
            disabled={readOnly}
            placeholder="Who is quoted?"
            maxLength={200}
            onChange={(e) => {
              setSpeaker(e.target.value);
              later('speaker', e.target.value);
            }}
            onBlur={(e) => flush('speaker', e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && flush('speaker', e.currentTarget.value)}
          />
          <datalist id={listId}>
            {speakers.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
      )}
      <label>
        Note
        <textarea
          ref={noteField}
          value={note}
          rows={3}
          disabled={readOnly}
          maxLength={5000}
          onChange={(e) => {
            setNote(e.target.value);
            later('note', e.target.value);
          }}
          onBlur={(e) => flush('note', e.target.value)}
        />
      </label>
      <div className="row">
        <button type="button" className="button danger" disabled={readOnly} onClick={onDelete}>
          Delete span
        </button>
      </div>
    </section>
  );
}
