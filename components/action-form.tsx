'use client';

import { Fragment, startTransition, useActionState, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { BusyButton } from './busy-button';

type State = { error?: string; ok?: string; fields?: string[] };

/**
 * A form bound to a server action that shows the action's error or confirmation beside it.
 * What the user typed stays after a refusal (React would reset the fields); the fields are
 * re-created from the server's record when `recordVersion` changes, so after a 409 the form
 * shows the current state instead of the stale one. Forms that create something (no
 * `recordVersion`) are cleared after a success. A refusal that names fields marks them invalid,
 * ties the message to them (aria-describedby) and puts the focus on the first.
 */
export function ActionForm({
  action,
  children,
  submitLabel,
  className = 'form',
  recordVersion,
}: {
  action: (state: State, form: FormData) => Promise<State>;
  children: ReactNode;
  submitLabel: string;
  className?: string;
  recordVersion?: number;
}) {
  const { state, pending, errorId, formProps } = useKeptActionForm(action, (s) => Boolean(s.ok) && recordVersion === undefined);
  // What was changed in the fields at the last submit: when a refusal comes with a newer record
  // (someone else saved first), the fields show theirs, and this is all that is left of the user's.
  const [sent, setSent] = useState<{ submitted: boolean; version?: number; fields: ChangedField[] }>({ submitted: false, fields: [] });
  const overwritten = Boolean(state.error) && !pending && sent.version !== recordVersion && sent.fields.length > 0;
  // Fields the refusal took off the form (an article's text, locked meanwhile by a first
  // annotation): what was typed in them is kept the same way, whatever the version.
  const [gone, setGone] = useState<ChangedField[]>([]);
  const formElement = formProps.ref;
  useEffect(() => {
    const form = formElement.current;
    setGone(state.error && !pending && form ? sent.fields.filter((f) => form.elements.namedItem(f.name) === null) : []);
  }, [state, pending, sent, recordVersion, formElement]);
  const kept = overwritten ? sent.fields : gone;
  return (
    <form
      {...formProps}
      onSubmit={(event) => {
        setSent({ submitted: true, version: recordVersion, fields: changedFields(event.currentTarget) });
        formProps.onSubmit(event);
      }}
      className={className}
    >
      <Fragment key={recordVersion}>{children}</Fragment>
      {kept.length > 0 && (
        <details className="kept-input" open aria-label="Your changes, not saved">
          <summary>Your changes, not saved ({overwritten ? 'the form now shows the saved version' : 'the form no longer offers these fields'})</summary>
          {kept.map((f) => (
            <label key={f.name}>
              {f.label}
              <textarea readOnly value={f.value} aria-label={`${f.label}, not saved`} rows={Math.min(8, f.value.split('\n').length + 1)} />
            </label>
          ))}
        </details>
      )}
      <div className="row">
        <BusyButton type="submit" className="button primary" busy={pending}>
          {pending ? 'Saving…' : submitLabel}
        </BusyButton>
        {state.error && !pending && (
          <span role="alert" className="error" id={errorId}>
            {state.error}
          </span>
        )}
        {/* Once there, it stays and is emptied while saving, so a second "Saved." is a change screen readers announce. */}
        {sent.submitted && (
          <span role="status" className="ok">
            {pending ? '' : state.ok}
          </span>
        )}
      </div>
    </form>
  );
}

type ChangedField = { name: string; label: string; value: string };

/**
 * The fields whose value differs from what the form was rendered with, named by their labels:
 * text, a ticked or unticked box ("Yes"/"No"), and a choice from a list (the option's words).
 */
function changedFields(form: HTMLFormElement): ChangedField[] {
  const changed: ChangedField[] = [];
  for (const element of Array.from(form.elements)) {
    const value = changedValue(element);
    if (value === null || !(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) || !element.name) continue;
    const label = element.labels?.[0];
    // The label's own words: a textarea inside it would add its default text to textContent.
    const words = label ? Array.from(label.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim() : '';
    // A field named only for screen readers (a select in a table row) keeps that name here too.
    changed.push({ name: element.name, label: words || element.getAttribute('aria-label') || element.name, value });
  }
  return changed;
}

/** What the user made of a field, or null when it is as rendered (or not a field a user fills in). */
function changedValue(element: Element): string | null {
  if (element instanceof HTMLTextAreaElement) return element.value === element.defaultValue ? null : element.value;
  if (element instanceof HTMLSelectElement) {
    const chosen = Array.from(element.options).filter((o) => o.selected);
    const rendered = Array.from(element.options).filter((o) => o.defaultSelected);
    // With no option marked, the first one shows.
    const renderedOnes = rendered.length || element.multiple ? rendered : Array.from(element.options).slice(0, 1);
    const same = chosen.length === renderedOnes.length && chosen.every((o, i) => o === renderedOnes[i]);
    return same ? null : chosen.map((o) => o.text.trim()).join(', ');
  }
  if (!(element instanceof HTMLInputElement)) return null;
  if (element.type === 'checkbox') return element.checked === element.defaultChecked ? null : element.checked ? 'Yes' : 'No';
  if (!['text', 'email', 'url', 'search', 'number', 'tel', 'date', 'time', 'datetime-local', 'month', 'week'].includes(element.type)) return null;
  return element.value === element.defaultValue ? null : element.value;
}

/**
 * The state of a form bound to a server action, keeping what the user typed after a refusal
 * (React resets an action form's fields once the action returns, refused or not). `clearAfter`
 * says which answers clear the form. The props go on the `<form>`; the error message takes `errorId`.
 */
export function useKeptActionForm<S extends State>(action: (state: State, form: FormData) => Promise<S>, clearAfter: (state: S) => boolean) {
  const [answer, formAction, pending] = useActionState<State, FormData>(action, {});
  // The action answers S, which only adds optional fields to State.
  const state = answer as S;
  const form = useRef<HTMLFormElement>(null);
  const errorId = useId();
  useEffect(() => {
    if (clearAfter(state)) form.current?.reset();
    // Only a new answer clears the form, not a new clearAfter function on a re-render.
  }, [state]);
  useEffect(() => {
    if (form.current) markFields(form.current, state.error ? (state.fields ?? []) : [], errorId);
  }, [state, errorId]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return { state, pending, errorId, formProps: { ref: form, action: formAction, onSubmit } };
}

/** Marks the named fields invalid, described by the error message, and focuses the first; unmarks the rest. */
function markFields(form: HTMLFormElement, names: string[], errorId: string) {
  let first: HTMLElement | null = null;
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement)) continue;
    if (names.includes(element.name)) {
      element.setAttribute('aria-invalid', 'true');
      element.setAttribute('aria-describedby', errorId);
      first ??= element;
    } else if (element.getAttribute('aria-describedby') === errorId) {
      element.removeAttribute('aria-invalid');
      element.removeAttribute('aria-describedby');
    }
  }
  first?.focus();
}
