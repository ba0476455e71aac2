'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { chooseLabel, datasetImportQuery } from '@/lib/datasets/form-query';
import { plural } from '@/lib/plural';
import { LabelOptions } from './label-options';
import { SIGNED_OUT_MESSAGE, UNREACHABLE_MESSAGE } from './api-error';
import { BusyButton } from './busy-button';

type Outcome = {
  dryRun: boolean;
  imported: { articles: number; spans: number };
  skipped: { records: number; spans: number };
  labels: { raw: string; mappedTo: string | null; spans: number }[];
  annotators?: { name: string; spans: number }[];
  leftOut?: number;
  duplicateSpans?: number;
  blankSpans?: number;
  openArticles?: number;
  problems: { message: string }[];
};

/** Problems listed on the page; a file with thousands would bury the form. */
const PROBLEMS_SHOWN = 50;

/** Imports an existing dataset (with spans): check first, map labels, then import. */
export function DatasetImportForm({ projectId, targets }: { projectId: string; targets: { value: string; label: string }[] }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState('');
  // The first target the server allows: the gold layer for reviewers and admins, an annotator's own annotations.
  const [layer, setLayer] = useState(targets[0]?.value ?? 'gold');
  const [validOnly, setValidOnly] = useState(false);
  // Whose spans to take from a file that holds several annotators' ('' = the spans naming no one).
  const [from, setFrom] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Whether `outcome` answers for the settings as they are now: only then may the import go ahead.
  const [checked, setChecked] = useState(false);
  // The last check or import was refused (its outcome only shows the labels and problems found): no import.
  const [refused, setRefused] = useState<'check' | 'import' | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  // A check answers for the settings it was made with: any change asks for a new one before importing.
  // The outcome stays on the page (its labels and annotators are what the person is choosing among).
  const changed = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setChecked(false);
    setRefused(null);
  };

  async function send(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setMessage(null);
    const query = datasetImportQuery({ fileName: file.name, format, layer, mapping, validOnly, from }, dryRun);
    try {
      const response = await fetch(`/api/v1/projects/${projectId}/import?${query}`, { method: 'POST', body: file }).catch(() => null);
      if (!response) {
        setMessage({
          kind: 'error',
          text: dryRun ? `${UNREACHABLE_MESSAGE} Nothing was checked; try again.` : `${UNREACHABLE_MESSAGE} Open the project to see whether the import arrived before you send it again.`,
        });
        return;
      }
      if (response.status === 401) {
        setMessage({ kind: 'error', text: `${SIGNED_OUT_MESSAGE} Sign in again, then send the file once more.` });
        return;
      }
      const body = (await response.json().catch(() => null)) as (Outcome & { error?: string; details?: Outcome }) | null;
      const result = response.ok ? body : (body?.details ?? null);
      if (result?.labels) {
        setOutcome(result);
        // A refused check counted nothing to import: its figures must not read as a plan.
        setChecked(response.ok);
        setRefused(response.ok ? null : dryRun ? 'check' : 'import');
        setMapping((m) => ({ ...Object.fromEntries(result.labels.filter((l) => l.mappedTo).map((l) => [l.raw, l.mappedTo!])), ...m }));
      }
      if (!response.ok) setMessage({ kind: 'error', text: body?.error ?? `The import failed (${response.status}).` });
      else if (!dryRun) {
        setMessage({ kind: 'ok', text: `Imported ${plural(body!.imported.articles, 'article')} with ${plural(body!.imported.spans, 'span')}.` });
        // Done with this file: importing it again would only be refused as duplicates.
        setFile(null);
        setMapping({});
        setFrom(null);
        if (fileInput.current) fileInput.current.value = '';
        router.refresh();
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card form" aria-label="Import a dataset with annotations">
      <h2>Import a dataset with annotations</h2>
      <p className="muted">
        Slant JSONL, doccano JSONL, Label Studio JSON, or CSV of articles (title, text, url, author, date). The whole file goes in at once, or
        nothing does, unless you choose to import only the valid records. Limit: 50 MB.
      </p>
      <label>
        Dataset file
        <input
          ref={fileInput}
          type="file"
          accept=".jsonl,.json,.csv,.ndjson"
          onChange={(e) => {
            // Another file: its labels and annotators are its own.
            setFile(e.target.files?.[0] ?? null);
            setOutcome(null);
            setChecked(false);
            setFrom(null);
            setMapping({});
            setMessage(null);
          }}
        />
      </label>
      <div className="row">
        <label>
          Format
          <select value={format} onChange={(e) => changed(setFormat)(e.target.value)}>
            <option value="">Detect</option>
            <option value="slant-jsonl">Slant JSONL</option>
            <option value="doccano">doccano JSONL</option>
            <option value="label-studio">Label Studio JSON</option>
            <option value="csv">CSV of articles</option>
          </select>
        </label>
        <label>
          Spans become
          <select value={layer} onChange={(e) => changed(setLayer)(e.target.value)}>
            {targets.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {outcome && (outcome.annotators?.length ?? 0) > 1 && (
        <label>
          Spans from (the file holds several annotators’ spans; a layer takes one annotator’s)
          <select value={from === null ? '' : `=${from}`} onChange={(e) => changed(setFrom)(e.target.value === '' ? null : e.target.value.slice(1))}>
            <option value="">Choose…</option>
            {outcome.annotators!.map((a) => (
              <option key={a.name} value={`=${a.name}`}>
                {a.name === 'gold' ? 'the file’s gold layer' : a.name || 'spans naming no annotator'} ({plural(a.spans, 'span')})
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="row">
        <input type="checkbox" checked={validOnly} onChange={(e) => changed(setValidOnly)(e.target.checked)} /> Import the valid records and list the rest
      </label>
      {outcome && outcome.labels.length > 0 && (
        <table className="list" aria-label="Label mapping">
          <thead>
            <tr>
              <th>Label in the file</th>
              <th>Spans</th>
              <th>Becomes</th>
            </tr>
          </thead>
          <tbody>
            {outcome.labels.map((l) => (
              <tr key={l.raw}>
                <td>{l.raw}</td>
                <td>{l.spans}</td>
                <td>
                  <select aria-label={`Map ${l.raw}`} value={mapping[l.raw] ?? ''} onChange={(e) => changed(setMapping)(chooseLabel(mapping, l.raw, e.target.value))}>
                    <option value="">Choose…</option>
                    <LabelOptions />
                    <option value="skip">Skip these spans</option>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {/* Mounted from the start, so screen readers announce each check's summary when it appears. */}
      <p role="status">
        {outcome && !checked && !refused && 'The settings changed since the check: check the file again before importing.'}
        {outcome && refused === 'check' && 'The check found problems, so nothing can be imported as things stand: see the message and the problems below.'}
        {outcome && refused === 'import' && 'The import was refused and nothing was imported: see the message and the problems below.'}
        {outcome && checked && (
          <>
            {outcome.dryRun ? 'Check: ' : ''}
            {plural(outcome.imported.articles, 'article')} with {plural(outcome.imported.spans, 'span')} {outcome.dryRun ? 'would be imported' : 'imported'}.
            {outcome.leftOut ? ` ${outcome.leftOut} article${outcome.leftOut === 1 ? ' has' : 's have'} no spans from the annotator you chose and ${outcome.leftOut === 1 ? 'is' : 'are'} left out.` : ''}
            {outcome.duplicateSpans ? ` ${plural(outcome.duplicateSpans, 'repeated span')} in the file ${outcome.duplicateSpans === 1 ? 'is' : 'are'} imported once.` : ''}
            {outcome.blankSpans
              ? ` ${plural(outcome.blankSpans, 'span')} covering only spaces or line breaks ${outcome.blankSpans === 1 ? 'marks' : 'mark'} no text and ${outcome.blankSpans === 1 ? 'is' : 'are'} left out.`
              : ''}
            {outcome.openArticles
              ? ` ${plural(outcome.openArticles, 'article')} without spans ${outcome.openArticles === 1 ? 'arrives' : 'arrive'} open, to be annotated.`
              : ''}
          </>
        )}
      </p>
      {outcome && outcome.problems.length > 0 && (
        <div className="banner error">
          <strong>
            Problems ({outcome.problems.length}){outcome.problems.length > PROBLEMS_SHOWN ? `; the first ${PROBLEMS_SHOWN} are listed. Check with the valid records only to see which records go in` : ''}:
          </strong>
          <ul>
            {outcome.problems.slice(0, PROBLEMS_SHOWN).map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : 'ok'}>
          {message.text}
        </p>
      )}
      <div className="row">
        <BusyButton className="button" disabled={!file} busy={busy} onClick={() => send(true)}>
          Check file
        </BusyButton>
        <BusyButton className="button primary" disabled={!file || !outcome || !checked} busy={busy} onClick={() => send(false)}>
          Import dataset
        </BusyButton>
      </div>
    </section>
  );
}
