'use client';

import { useState, type FormEvent } from 'react';
import { formatBytes } from '@/lib/byte-size';
import { plural } from '@/lib/plural';
import { apiErrorOf, UNREACHABLE_MESSAGE } from './api-error';
import { BusyButton } from './busy-button';

const FORMATS = [
  { id: 'jsonl', name: 'Slant JSONL (manifest inline, round-trips)' },
  { id: 'doccano', name: 'doccano JSONL' },
  { id: 'label-studio', name: 'Label Studio JSON' },
  { id: 'brat', name: 'brat standoff (zip)' },
  { id: 'w3c', name: 'W3C Web Annotation JSON-LD' },
  { id: 'conll', name: 'CoNLL BIO (tokens)' },
  { id: 'csv', name: 'CSV (one row per span)' },
];

type Props = { projectId: string; members: { email: string; name: string; former?: boolean }[]; articles: { id: string; title: string; reviewState: string }[] };

export function ExportForm({ projectId, members, articles }: Props) {
  const [progress, setProgress] = useState<{ received: number; articles: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [format, setFormat] = useState('jsonl');
  const [layer, setLayer] = useState('gold');
  const [articleId, setArticleId] = useState('');
  const chosenArticle = articles.find((a) => a.id === articleId);
  // Said before the download, not found afterwards in a file of nothing.
  const emptyGold = layer === 'gold' && chosenArticle !== undefined && chosenArticle.reviewState !== 'adjudicated';
  // From the click until the answer's headers arrive (a large export takes a moment to start).
  const [starting, setStarting] = useState(false);

  async function download(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (starting || progress) return;
    const form = new FormData(event.currentTarget);
    const query = new URLSearchParams();
    for (const key of ['format', 'layer', 'articleId', 'offsets']) {
      const value = String(form.get(key) ?? '');
      if (value) query.set(key, value);
    }
    for (const flag of ['bundle', 'spreadsheet']) if (form.get(flag)) query.set(flag, '1');
    setError(null);
    setDone(null);
    setStarting(true);
    const response = await fetch(`/api/v1/projects/${projectId}/export?${query}`).catch(() => null);
    setStarting(false);
    if (!response) {
      setError(`${UNREACHABLE_MESSAGE} Nothing was downloaded; try again.`);
      return;
    }
    if (!response.ok || !response.body) {
      const error = await apiErrorOf(response);
      setError(error.signedOut ? `${error.message} Sign in again, then download once more.` : error.message);
      return;
    }
    const articleCount = Number(response.headers.get('x-slant-article-count') ?? 0);
    const reader = response.body.getReader();
    const parts: Uint8Array[] = [];
    let received = 0;
    setProgress({ received, articles: articleCount });
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        parts.push(value);
        received += value.length;
        setProgress({ received, articles: articleCount });
      }
    } catch {
      // The connection broke, or the server stopped the export part way: keep no partial file.
      setProgress(null);
      setError('The export stopped before it was complete, so nothing was saved. Try again.');
      return;
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'slant-export';
    const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: response.headers.get('content-type') ?? 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setProgress(null);
    setDone(`Downloaded ${name}: ${plural(articleCount, 'article')}, ${formatBytes(received)}.`);
  }

  return (
    <form className="card form narrow" onSubmit={download}>
      <label>
        Format
        <select name="format" value={format} onChange={(e) => setFormat(e.target.value)}>
          {FORMATS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      {(format === 'doccano' || format === 'label-studio') && (
        <div className="field">
          <label htmlFor="export-offsets">Offsets</label>
          <select id="export-offsets" name="offsets" defaultValue="code-points" aria-describedby="offsets-help">
            <option value="code-points">Code points, as Python counts (text[start:end])</option>
            <option value="utf-16">{format === 'doccano' ? 'UTF-16 code units, to edit in doccano' : 'UTF-16 code units, for Label Studio before 1.6'}</option>
          </select>
          <span id="offsets-help" className="muted">
            The two differ only after an emoji or another character outside the Basic Multilingual Plane.{' '}
            {format === 'doccano' ? 'doccano’s editor counts UTF-16 code units.' : 'Label Studio’s editor counts code points since version 1.6 (older versions counted UTF-16 units).'}
          </span>
        </div>
      )}
      {format === 'csv' && (
        <div className="field">
          <label className="row">
            <input type="checkbox" name="spreadsheet" aria-describedby="spreadsheet-help" />
            <span>
              For a spreadsheet: put <code>'</code> before cells that would run as formulas
            </span>
          </label>
          <span id="spreadsheet-help" className="muted">
            Without it, cells are written exactly as stored, so offsets stay true, but a cell starting with =, +, - or @ can run as a formula if
            the file is opened directly in Excel, LibreOffice or Google Sheets (open it through the import dialog with every column set to Text,
            or read it with a CSV library). With it, such a cell gets a <code>'</code> in front, and the span&rsquo;s text no longer matches its offsets.
          </span>
        </div>
      )}
      <label>
        Layer
        <select name="layer" value={layer} onChange={(e) => setLayer(e.target.value)}>
          <option value="gold">Gold (adjudicated articles)</option>
          <option value="all">All annotators and gold</option>
          {members.map((m) => (
            <option key={m.email} value={m.email}>
              {m.name} ({m.email}{m.former ? ', no longer a member' : ''}; the articles they submitted)
            </option>
          ))}
        </select>
      </label>
      <label>
        Articles
        <select name="articleId" value={articleId} onChange={(e) => setArticleId(e.target.value)} aria-describedby={emptyGold ? 'export-empty-gold' : undefined}>
          <option value="">Whole project</option>
          {articles.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
            </option>
          ))}
        </select>
      </label>
      {emptyGold && (
        <p id="export-empty-gold" className="banner info">
          “{chosenArticle.title}” is not adjudicated yet, so its gold layer is not exported: the file would hold no article. Choose “All annotators and
          gold” for the spans it has.
        </p>
      )}
      {/* Slant JSONL carries its manifest inline and brat is a zip already: the server bundles neither. */}
      {format !== 'jsonl' && format !== 'brat' && (
        <label className="row">
          <input type="checkbox" name="bundle" /> Zip the data with manifest.json
        </label>
      )}
      <div className="row">
        <BusyButton type="submit" className="button primary" busy={starting || progress !== null}>
          {starting || progress ? 'Exporting…' : 'Download export'}
        </BusyButton>
      </div>
      {progress && (
        <div className="progress" style={{ maxWidth: 420 }}>
          <span>
            {formatBytes(progress.received)} received · {plural(progress.articles, 'article')} in the export
          </span>
          {/* Indeterminate: how large the file gets depends on the format and the spans (CoNLL writes a
              line per token, brat a few per span), so a percentage would sit at 99% or end early. */}
          <div className="progress-bar indeterminate" role="progressbar" aria-label="Export progress" aria-valuetext={`${formatBytes(progress.received)} received`}>
            <span />
          </div>
        </div>
      )}
      {/* Mounted from the start, so screen readers announce the message when it appears. */}
      <p role="status" className="ok">
        {done}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
