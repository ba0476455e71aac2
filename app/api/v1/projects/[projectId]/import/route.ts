import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { importDataset, MAX_DATASET_BYTES } from '@/lib/datasets/import';
import { datasetImportOptions } from '@/lib/datasets/import-query';
import { db } from '@/lib/db';
import { handle, otherMethods, readBytes } from '@/lib/http';
import { projectFor } from '@/lib/projects/service';

/**
 * Imports articles, with or without spans, from the request body: Slant JSONL, doccano JSONL,
 * Label Studio JSON or CSV. Options in the query: format, layer (gold or a member's e-mail),
 * map (JSON object of raw label → Slant label or "skip"), from (whose spans, when the file holds
 * several annotators'), validOnly=1, allowDuplicates=1, dryRun=1.
 */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ projectId: string }> }) => {
  const user = await requireApiUser();
  const { projectId } = await params;
  // Membership first: a non-member's upload is refused (404) before its body is read.
  await projectFor(db, user, { projectId, action: 'article.import' });
  // Then the options: a misspelt one (dryrun=1) is refused before the body is read, let alone imported.
  const { fileName, options } = datasetImportOptions(new URL(request.url).searchParams, request.headers.get('content-type') ?? '');
  const content = await readBytes(request, MAX_DATASET_BYTES, 'The dataset');
  const outcome = await importDataset(db, user, { projectId, fileName, content, options });
  return NextResponse.json(outcome, { status: outcome.dryRun ? 200 : 201 });
});

/** The other methods: a JSON 405 naming the ones served here. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
