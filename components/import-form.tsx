'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ARTICLE_METADATA_FIELDS } from '@/lib/articles/fields';
import { apiErrorOf, UNREACHABLE_MESSAGE } from './api-error';
import { BusyButton } from './busy-button';

type Draft = {
  source: string;
  title: string;
  author: string;
  outlet: string;
  sourceUrl: string;
  publishedOn: string;
  topic: string;
  text: string;
  duplicateOf: { id: string; title: string } | null;
  include: boolean;
};
type Problem = { source: string; line?: number; message: string };


/** A refusal's message; signed out, the preview stays on this page while they sign in elsewhere. */
async function importError(response: Response): Promise<string> {
  const error = await apiErrorOf(response);
  return error.signedOut ? `${error.message} Sign in again in another tab (this page keeps your preview), then try once more.` : error.message;
}

export function ImportForm({ projectId }: { projectId: string }) {
  const router = useRouter();
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [rejected, setRejected] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function preview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/v1/projects/${projectId}/import/preview`, { method: 'POST', body: new FormData(event.currentTarget) }).catch(() => null);
      if (!response) {
        setError(`${UNREACHABLE_MESSAGE} Nothing was read; try again.`);
        return;
      }
      if (!response.ok) {
        setError(await importError(response));
        return;
      }
      const body = (await response.json()) as { drafts: Omit<Draft, 'include'>[]; problems: Problem[]; rejectedSources: string[] };
      setDrafts(body.drafts.map((d) => ({ ...d, include: !d.duplicateOf })));
      setProblems(body.problems);
      setRejected(body.rejectedSources);
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    if (!drafts) return;
    const chosen = drafts.filter((d) => d.include);
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/v1/projects/${projectId}/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          allowDuplicates: chosen.some((d) => d.duplicateOf),
          articles: chosen.map(({ title, author, outlet, sourceUrl, publishedOn, topic, text }) => ({ title, author, outlet, sourceUrl, publishedOn, topic, text })),
        }),
      }).catch(() => null);
      if (!response) {
        // The request may have arrived before the connection broke.
        setError(`${UNREACHABLE_MESSAGE} Open the project to see whether the articles arrived before you import them again.`);
        return;
      }
      if (!response.ok) {
        setError(await importError(response));
        return;
      }
      router.push(`/projects/${projectId}`);
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  const edit = (i: number, changes: Partial<Draft>) => setDrafts((ds) => ds && ds.map((d, j) => (j === i ? { ...d, ...changes } : d)));
  const chosenCount = drafts?.filter((d) => d.include).length ?? 0;

  return (
    <div className="stack">
      <form className="card form" onSubmit={preview}>
        <label>
          Paste text
          <textarea name="text" rows={8} placeholder="Paste an article here, including its title and byline if you have them." />
        </label>
        <label>
          Or upload files
          <input name="files" type="file" multiple accept=".txt,.md,.markdown,.html,.htm,.jsonl,text/plain,text/markdown,text/html" />
        </label>
        <div className="row">
          <BusyButton type="submit" className="button primary" busy={busy}>
            {busy && !drafts ? 'Reading…' : 'Preview'}
          </BusyButton>
        </div>
      </form>
      {error && (
        <p role="alert" className="banner error">
          {error}
        </p>
      )}
      {problems.length > 0 && (
        <div role="alert" className="banner error">
          <strong>Some input could not be read:</strong>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
          {rejected.length > 0 && <p>Nothing from {rejected.join(', ')} will be imported until it is fixed.</p>}
        </div>
      )}
      {drafts && drafts.length > 0 && (
        <section className="drafts" aria-label="Preview">
          <h2>Check before saving</h2>
          {drafts.map((d, i) => (
            <fieldset key={i} className="card draft" aria-label={`Article ${i + 1}`}>
              <legend className="muted">
                Article {i + 1} · from {d.source}
              </legend>
              {d.duplicateOf && (
                <p className="flag" role="note">
                  Duplicate: the same text is already in this project as “{d.duplicateOf.title}”.
                </p>
              )}
              <label className="row">
                <input type="checkbox" checked={d.include} onChange={(e) => edit(i, { include: e.target.checked })} />
                Import this article
              </label>
              <div className="draft-grid">
                {ARTICLE_METADATA_FIELDS.map((f) => (
                  <label key={f.name} className="field">
                    {f.label}
                    <input type={f.type} value={d[f.name]} onChange={(e) => edit(i, { [f.name]: e.target.value })} />
                  </label>
                ))}
                <label className="field wide">
                  Body
                  <textarea value={d.text} rows={14} onChange={(e) => edit(i, { text: e.target.value })} />
                </label>
              </div>
            </fieldset>
          ))}
          <div className="row">
            <BusyButton className="button primary" disabled={chosenCount === 0} busy={busy} onClick={save}>
              {chosenCount === 1 ? 'Save 1 article' : `Save ${chosenCount} articles`}
            </BusyButton>
          </div>
        </section>
      )}
    </div>
  );
}
