import { NextResponse } from 'next/server';
import { findDuplicates } from '@/lib/articles/service';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { handle, otherMethods, readBytes } from '@/lib/http';
import { extractArticles, MAX_UPLOAD_BYTES, type DraftWithSource, type ImportProblem } from '@/lib/import';
import { projectFor } from '@/lib/projects/service';

const MAX_FILES = 50;
/** All files of one upload together; each file on its own is limited to MAX_UPLOAD_BYTES. */
const MAX_REQUEST_BYTES = 100 * 1024 * 1024;

/**
 * Turns pasted text and uploaded files into article drafts for the user to check. Saves nothing:
 * the drafts come back with problems and duplicates flagged, and POST .../articles saves them.
 */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ projectId: string }> }) => {
  const user = await requireApiUser();
  const { projectId } = await params;
  await projectFor(db, user, { projectId, action: 'article.import' });
  const body = await readBytes(request, MAX_REQUEST_BYTES, 'The upload (all files together)');
  const form = await new Response(body, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData().catch(() => {
    throw new DomainError(422, 'The upload could not be read as a form.');
  });
  const drafts: DraftWithSource[] = [];
  const problems: ImportProblem[] = [];
  // A file with any problem is rejected whole, so a bad line never leaves half a file imported.
  // Decided per file read, not by matching names: "a.txt" failing must not take "a.txt v2.txt" along.
  const accepted: DraftWithSource[] = [];
  const take = (result: { drafts: DraftWithSource[]; problems: ImportProblem[] }) => {
    drafts.push(...result.drafts);
    problems.push(...result.problems);
    if (result.problems.length === 0) accepted.push(...result.drafts);
  };
  const pasted = form.get('text');
  if (typeof pasted === 'string' && pasted.trim()) take(extractArticles({ name: 'pasted text', content: pasted }));
  // A file input left empty still posts one nameless, empty file.
  const files = form.getAll('files').filter((f): f is File => typeof f !== 'string' && !(f.name === '' && f.size === 0));
  if (files.length > MAX_FILES) throw new DomainError(413, `Upload at most ${MAX_FILES} files at a time.`);
  const oversized = files.filter((f) => f.size > MAX_UPLOAD_BYTES);
  if (oversized.length) {
    const names = oversized.map((f) => f.name).join(', ');
    throw new DomainError(413, `${names}: larger than the limit of ${MAX_UPLOAD_BYTES / 1024 / 1024} MB per file. Nothing was imported.`);
  }
  // Two files of one name (from two folders) are told apart, so a problem names the one it is in.
  const repeats = new Map<string, number>();
  for (const file of files) repeats.set(file.name, (repeats.get(file.name) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const file of files) {
    const nth = (seen.get(file.name) ?? 0) + 1;
    seen.set(file.name, nth);
    const label = repeats.get(file.name)! > 1 ? `${file.name} (file ${nth} of that name)` : undefined;
    take(extractArticles({ name: file.name, label, content: new Uint8Array(await file.arrayBuffer()) }));
  }
  if (!drafts.length && !problems.length) throw new DomainError(422, 'Paste some text or choose at least one file.');
  const rejected = new Set(problems.map((p) => p.source));
  const duplicates = await findDuplicates(db, projectId, accepted.map((d) => d.text));
  return NextResponse.json({
    rejectedSources: [...rejected],
    drafts: accepted.map((d, i) => ({ ...d, duplicateOf: duplicates[i] ? { id: duplicates[i].id, title: duplicates[i].title } : null })),
    problems,
  });
});

/** The other methods: a JSON 405 naming the ones served here. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
