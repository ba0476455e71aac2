import { reportToCsv } from '@/lib/agreement';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { handle, otherMethods } from '@/lib/http';
import { refuseUnknownQueryKeys } from '@/lib/query-flag';
import { projectAgreement } from '@/lib/review/figures';

/** The project's agreement report: `?format=json` (default) or `?format=csv`. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ projectId: string }> }) => {
  const user = await requireApiUser();
  const { projectId } = await params;
  const query = new URL(request.url).searchParams;
  refuseUnknownQueryKeys(query, ['format']);
  const format = query.get('format') ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new DomainError(422, `format must be json or csv, not "${format.slice(0, 40)}".`);
  const { report, gold, names, emails, goldArticleCount, adjudicatedCount } = await projectAgreement(db, user, projectId);
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === 'csv') {
    // One tidy table: annotator agreement, then each annotator against gold. Annotators by
    // e-mail, as in the dataset exports.
    const body = reportToCsv(report, gold, (id) => emails[id] ?? id);
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="agreement-${projectId}-${stamp}.csv"`,
      },
    });
  }
  return new Response(JSON.stringify({ generatedAt: new Date().toISOString(), annotators: names, report, againstGold: gold, goldArticleCount, adjudicatedCount }, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="agreement-${projectId}-${stamp}.json"`,
    },
  });
});

/** The other methods: a JSON 405 naming the ones served here. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
