'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ARTICLE_METADATA_FIELDS } from '@/lib/articles/fields';
import { isIsoDate } from '@/lib/import/dates';
import { MAX_ARTICLES_PER_SAVE, MAX_SAVE_BYTES, saveTooLargeMessage, utf8ByteLength } from '@/lib/import/limits';
import { previewProblems } from '@/lib/import/validate';
import { plural } from '@/lib/plural';
import { apiErrorOf, UNREACHABLE_MESSAGE } from './api-error';
import { useAnnouncer } from './announcer';
import { BusyButton } from './busy-button';
import { renumberArticles } from '@/lib/import/renumber';

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

const fieldId = (draft: number, field: string) => `draft-${draft}-${field}`;

/** A field with a problem is marked invalid and described by the draft's list of problems. */
function invalidProps(problems: { field: string }[], field: string, draft: number) {
  return problems.some((p) => p.field === field) ? { 'aria-invalid': true, 'aria-describedby': `draft-${draft}-problems` } : {};
}

export function ImportForm({ projectId }: { projectId: string }) {
  const router = useRouter();
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [rejected, setRejected] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Drafts changed by hand since the preview: a new preview or leaving the page would lose them.
  const [edited, setEdited] = useState(false);
  // Saved, and on the way to the project: the button stays busy, so a second click saves nothing twice.
  const [saved, setSaved] = useState(false);
  const checks = useMemo(() => (drafts ? previewProblems(drafts) : []), [drafts]);
  const { announce, region } = useAnnouncer();

  useEffect(() => {
    if (!edited || saved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers ask only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [edited, saved]);

  async function preview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (drafts && edited && !window.confirm(`Replace the ${plural(drafts.length, 'draft')} below, and the changes you made to them, with a new preview?`)) return;
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
      setEdited(false);
      if (body.drafts.length) announce(`${plural(body.drafts.length, 'article')} to check below before saving.`);
      setProblems(body.problems);
      setRejected(body.rejectedSources);
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    if (!drafts) return;
    const chosen = drafts.filter((d) => d.include);
    // What the server would refuse is named here first, by the numbers the page shows.
    const blocking = drafts.flatMap((d, i) => (d.include ? checks[i]!.map((p) => ({ i, ...p })) : []));
    if (blocking.length) {
      const shown = blocking.slice(0, 8).map(({ i, message }) => `Article ${i + 1}${drafts[i]!.title.trim() ? ` (“${drafts[i]!.title.trim()}”)` : ''}: ${message}`);
      setError(`Nothing was saved. Put these right, or untick the article: ${shown.join(' ')}${blocking.length > shown.length ? ` And ${blocking.length - shown.length} more.` : ''}`);
      document.getElementById(fieldId(blocking[0]!.i, blocking[0]!.field))?.focus();
      return;
    }
    const body = JSON.stringify({
      // Only the duplicates the preview showed and the person kept: an article that became one since is still refused.
      articles: chosen.map(({ title, author, outlet, sourceUrl, publishedOn, topic, text, duplicateOf }) => ({
        title,
        author,
        outlet,
        sourceUrl,
        publishedOn,
        topic,
        text,
        allowDuplicate: duplicateOf !== null,
      })),
    });
    // The preview takes more than one save does (many files, each up to its own limit): said here,
    // before sending, rather than as a refusal after the upload.
    const bytes = utf8ByteLength(body);
    if (bytes > MAX_SAVE_BYTES) {
      setError(saveTooLargeMessage(chosen.length, bytes));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/v1/projects/${projectId}/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }).catch(() => null);
      if (!response) {
        // The request may have arrived before the connection broke.
        setError(`${UNREACHABLE_MESSAGE} Open the project to see whether the articles arrived before you import them again.`);
        return;
      }
      if (!response.ok) {
        // In the page's numbering: only the ticked drafts were sent.
        const pageNumbers = drafts.flatMap((d, i) => (d.include ? [i + 1] : []));
        setError(renumberArticles(await importError(response), pageNumbers));
        return;
      }
      setSaved(true);
      // The project page says how many arrived, and where they are.
      const saved = ((await response.json().catch(() => null)) as { articles?: unknown[] } | null)?.articles?.length ?? 0;
      router.push(saved > 0 ? `/projects/${projectId}?imported=${saved}` : `/projects/${projectId}`);
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  const edit = (i: number, changes: Partial<Draft>) => {
    if (!('include' in changes)) setEdited(true);
    setDrafts((ds) => ds && ds.map((d, j) => (j === i ? { ...d, ...changes } : d)));
  };
  const includeAll = (include: boolean) => setDrafts((ds) => ds && ds.map((d) => ({ ...d, include })));
  const chosenCount = drafts?.filter((d) => d.include).length ?? 0;
  const tooMany = chosenCount > MAX_ARTICLES_PER_SAVE;

  return (
    <div className="stack">
      {region}
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
          {drafts.length > 1 && (
            <div className="row">
              <button type="button" className="button small" onClick={() => includeAll(true)}>
                Choose all
              </button>
              <button type="button" className="button small" onClick={() => includeAll(false)}>
                Choose none
              </button>
            </div>
          )}
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
              {checks[i]!.length > 0 && (
                <ul className="flag" id={`draft-${i}-problems`} aria-label={`Problems with article ${i + 1}`}>
                  {checks[i]!.map((p, k) => (
                    <li key={k}>{p.message}</li>
                  ))}
                </ul>
              )}
              <label className="row">
                <input type="checkbox" checked={d.include} onChange={(e) => edit(i, { include: e.target.checked })} />
                Import this article
              </label>
              <div className="draft-grid">
                {ARTICLE_METADATA_FIELDS.map((f) => (
                  <label key={f.name} className="field">
                    {f.label}
                    <input
                      id={fieldId(i, f.name)}
                      // A date Slant could not read stays visible as written, to be corrected: a date input would show it empty.
                      type={f.type === 'date' && d[f.name] !== '' && !isIsoDate(d[f.name]) ? 'text' : f.type}
                      dir="auto"
                      value={d[f.name]}
                      onChange={(e) => edit(i, { [f.name]: e.target.value })}
                      {...invalidProps(checks[i]!, f.name, i)}
                    />
                  </label>
                ))}
                <label className="field wide">
                  Body
                  <textarea id={fieldId(i, 'text')} dir="auto" value={d.text} rows={14} onChange={(e) => edit(i, { text: e.target.value })} {...invalidProps(checks[i]!, 'text', i)} />
                </label>
              </div>
            </fieldset>
          ))}
          <div className="row">
            <BusyButton className="button primary" disabled={chosenCount === 0 || tooMany} busy={busy || saved} onClick={save}>
              {chosenCount === 1 ? 'Save 1 article' : `Save ${chosenCount} articles`}
            </BusyButton>
            {tooMany && (
              <span className="muted">
                At most {MAX_ARTICLES_PER_SAVE} articles are saved at a time: untick some, save, then choose the rest.
              </span>
            )}
          </div>
        </section>
      )}
    </div>
  );
}
