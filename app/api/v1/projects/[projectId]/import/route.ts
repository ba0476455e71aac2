import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { importDataset, MAX_DATASET_BYTES } from '@/lib/datasets/import';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { handle, otherMethods, readBytes } from '@/lib/http';
import { projectFor } from '@/lib/projects/service';
import { queryFlag } from '@/lib/query-flag';

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
  const query = new URL(request.url).searchParams;
  let labelMap: unknown = {};
  try {
    labelMap = JSON.parse(query.get('map') ?? '{}');
  } catch {
    throw new DomainError(422, 'map: not valid JSON; send an object such as {"CLAIM":"claim","Misc":"skip"}.');
  }
  const flag = (name: string) => queryFlag(query, name);
  const content = await readBytes(request, MAX_DATASET_BYTES, 'The dataset');
  const type = request.headers.get('content-type') ?? '';
  const format = query.get('format') ?? undefined;
  // Without ?name=, the body's content type stands in for a file name's extension.
  const bodyName = type.includes('csv') ? 'body.csv' : type.includes('json') && !type.includes('ndjson') && !type.includes('jsonl') ? 'body.json' : 'body.jsonl';
  const outcome = await importDataset(db, user, {
    projectId,
    fileName: query.get('name') ?? bodyName,
    content,
    options: { format, layer: query.get('layer') ?? 'gold', labelMap, from: query.get('from') ?? undefined, validOnly: flag('validOnly'), allowDuplicates: flag('allowDuplicates'), dryRun: flag('dryRun') },
  });
  return NextResponse.json(outcome, { status: outcome.dryRun ? 200 : 201 });
});

/** The other methods: a JSON 405 naming the ones served here. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
