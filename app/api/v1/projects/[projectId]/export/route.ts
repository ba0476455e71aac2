import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { exportInputFromQuery, prepareExport } from '@/lib/export/service';
import { exportOutput, toReadableStream } from '@/lib/export/stream';
import { handle, otherMethods } from '@/lib/http';

/**
 * Streams a dataset export: `?format=jsonl|doccano|label-studio|brat|w3c|conll|csv`,
 * `&layer=gold|all|<annotator e-mail>`, optional `&articleId=`, `&bundle=1` (data + manifest zip) and,
 * for doccano and Label Studio, `&offsets=utf-16` (what their editors count; default code points);
 * for csv, `&spreadsheet=1` (a ' before cells a spreadsheet would run as formulas).
 */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ projectId: string }> }) => {
  const user = await requireApiUser();
  const { projectId } = await params;
  const prepared = await prepareExport(db, user, { projectId, input: exportInputFromQuery(new URL(request.url).searchParams) });
  const output = exportOutput(prepared);
  return new Response(toReadableStream(output.chunks), {
    headers: {
      'content-type': output.contentType,
      'content-disposition': `attachment; filename="${output.fileName}"`,
      'cache-control': 'no-store',
      'x-slant-article-count': String(prepared.articleCount),
    },
  });
});

/** The other methods: a JSON 405 naming the ones served here. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
