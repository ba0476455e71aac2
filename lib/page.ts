import 'server-only';
import { forbidden, notFound, redirect } from 'next/navigation';
import { DomainError } from './errors';

/** For pages: turns a DomainError into the matching page (sign-in redirect, 403 page, 404 page) with the matching status. */
export function pageError(error: unknown): never {
  if (error instanceof DomainError) {
    if (error.status === 401) redirect('/login');
    if (error.status === 403) forbidden();
    if (error.status === 404) notFound();
  }
  throw error;
}

/** The longest head start a page's first part gets (see afterHeadStart): for the longest texts. */
const MAX_HEAD_START_MS = 100;
/** Characters of text per millisecond of head start: a 340,000-character article gets 85 ms, a short one next to none. */
const CHARS_PER_MS = 4_000;

/**
 * For pages that stream: `load` starts after the page's first part (an article's text of
 * `textLength` characters) has had a head start to be rendered and sent. Loading is CPU-bound
 * work on the server's one thread (thousands of rows), which would otherwise hold the first part
 * back until it is done. The head start grows with the text, and stays below the time the
 * browser needs to lay that text out, before which nothing can be painted over it anyway. The
 * returned promise is marked as handled (it is awaited where it is used, through Suspense), so
 * Node does not report it meanwhile.
 */
export function afterHeadStart<T>(textLength: number, load: () => Promise<T>): Promise<T> {
  const ms = Math.min(MAX_HEAD_START_MS, Math.floor(textLength / CHARS_PER_MS));
  const loaded = new Promise((resolve) => setTimeout(resolve, ms)).then(load);
  loaded.catch(() => {});
  return loaded;
}
