import { z } from 'zod';
import { createAgreementSummary } from '../agreement';
import type { Actor } from '../auth/permissions';
import type { Span } from '../../generated/prisma/client';
import type { Db } from '../database/client';
import { DomainError, parseOrThrow } from '../errors';
import { compareSpans, EXPORT_FORMAT_VERSION, EXPORT_FORMATS, UTF16_FORMATS, type ExportArticle, type ExportManifest, type ExportSpan } from '../formats/model';
import { LABELS, LABEL_INFO, type Label } from '../labels';
import { projectFor } from '../projects/service';
import { flagSchema, refuseUnknownQueryKeys } from '../query-flag';
import { exportRowBatches, type ArticleRow, type ReadPath, type SpanTuple, type SubmittedRow } from './rows';

// Exports read the database one batch of articles at a time, in one pass that also feeds the
// agreement summary, and hand the format writers an async iterable, so memory stays flat whatever
// the project size.

const BATCH = 25;

export const exportRequestSchema = z.object({
  format: z.enum(EXPORT_FORMATS).default('jsonl'),
  /** gold (default): adjudicated articles' gold spans; all: every annotator and gold; or an annotator's e-mail. */
  layer: z.string().trim().min(1).default('gold'),
  articleId: z.string().min(1).optional(),
  // Query strings carry text: '1'/'true' switch the bundle on, '0'/'false' off, anything else is refused.
  bundle: flagSchema,
  /** code-points (default) or utf-16, the latter for doccano and Label Studio only. */
  offsets: z.enum(['code-points', 'utf-16']).default('code-points'),
  /** CSV only: a ' before cells a spreadsheet would run as formulas (values no longer exact). */
  spreadsheet: flagSchema,
})
  .refine((r) => r.offsets === 'code-points' || (UTF16_FORMATS as readonly string[]).includes(r.format), {
    path: ['offsets'],
    message: 'utf-16 is for doccano and Label Studio, whose editors count UTF-16 code units; the other formats count code points',
  })
  .refine((r) => !r.spreadsheet || r.format === 'csv', {
    path: ['spreadsheet'],
    message: 'spreadsheet is for the csv format only; the other formats are not opened in spreadsheets',
  });
export type ExportRequest = z.infer<typeof exportRequestSchema>;

/** The parameters GET /api/v1/projects/{id}/export takes: `exportRequestSchema`'s fields. */
export const EXPORT_QUERY_KEYS = ['format', 'layer', 'articleId', 'bundle', 'offsets', 'spreadsheet'] as const;

/**
 * An export request from the API's query string. A parameter the export does not take is refused,
 * not ignored: `articleid=X` would otherwise export the whole project.
 */
export function exportInputFromQuery(query: URLSearchParams): Record<string, string> {
  refuseUnknownQueryKeys(query, EXPORT_QUERY_KEYS);
  return Object.fromEntries(query);
}

type LayerFilter = { kind: 'gold' } | { kind: 'all' } | { kind: 'annotator'; userId: string; email: string };

async function resolveLayer(db: Db, projectId: string, layer: string): Promise<LayerFilter> {
  if (layer === 'gold') return { kind: 'gold' };
  if (layer === 'all') return { kind: 'all' };
  // A member, or anyone whose submitted work the project keeps: removing a member or deactivating
  // an account leaves their annotations in place (and in layer=all), so they export by name too.
  const user = await db.user.findFirst({
    where: {
      email: layer.toLowerCase(),
      OR: [{ deletedAt: null, memberships: { some: { projectId } } }, { statuses: { some: { status: 'submitted', article: { projectId } } } }],
    },
    select: { id: true, email: true },
  });
  if (!user) throw new DomainError(422, `layer: "${layer.slice(0, 200)}" is not gold, all, or the e-mail of a member of this project or of someone who submitted work in it.`);
  return { kind: 'annotator', userId: user.id, email: user.email };
}

function articleWhere(projectId: string, filter: LayerFilter, articleId?: string) {
  const base = { projectId, deletedAt: null, ...(articleId ? { id: articleId } : {}) };
  if (filter.kind === 'gold') return { ...base, reviewState: 'adjudicated' };
  if (filter.kind === 'annotator') return { ...base, statuses: { some: { userId: filter.userId, status: 'submitted' } } };
  return base;
}

function spanWhere(filter: LayerFilter) {
  if (filter.kind === 'gold') return { layer: 'gold' };
  if (filter.kind === 'annotator') return { layer: 'annotator', authorId: filter.userId };
  return {};
}

type SpanWithAuthor = Span & { author: { email: string } };

function toExportSpan(s: SpanWithAuthor): ExportSpan {
  return {
    id: s.id,
    label: s.label as Label,
    start: s.start,
    end: s.end,
    text: s.quote,
    speaker: s.speaker,
    note: s.note,
    annotator: s.layer === 'gold' ? 'gold' : s.author.email,
    layer: s.layer as ExportSpan['layer'],
    verdict: s.verdict as ExportSpan['verdict'],
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** One article's spans of a layer (gold, all, or an annotator's e-mail), for reviewers and admins. */
export async function articleLayerSpans(db: Db, actor: Actor, args: { articleId: string; layer: string }): Promise<ExportSpan[]> {
  const article = await db.article.findFirst({ where: { id: args.articleId, deletedAt: null }, select: { id: true, projectId: true } });
  if (!article) throw new DomainError(404, 'Article not found.');
  await projectFor(db, actor, { projectId: article.projectId, action: 'project.report' }).catch((e: unknown) => {
    throw e instanceof DomainError && e.status === 404 ? new DomainError(404, 'Article not found.') : e;
  });
  const filter = await resolveLayer(db, article.projectId, args.layer);
  const spans = await db.span.findMany({ where: { articleId: article.id, deletedAt: null, ...spanWhere(filter) }, include: { author: { select: { email: true } } } });
  return spans.map(toExportSpan).sort(compareSpans);
}

export async function prepareExport(db: Db, actor: Actor, args: { projectId: string; input: unknown; /** Tests force the portable path on SQLite. */ readPath?: ReadPath }) {
  const request = parseOrThrow(exportRequestSchema, args.input);
  const { project } = await projectFor(db, actor, { projectId: args.projectId, action: 'project.report' });
  const filter = await resolveLayer(db, project.id, request.layer);
  const where = articleWhere(project.id, filter, request.articleId);
  const countAll = () => db.article.count({ where: { projectId: project.id, deletedAt: null, ...(request.articleId ? { id: request.articleId } : {}) } });
  // A count visits every article row: for the `all` layer both counts are the same, so it runs once.
  const [articleCount, totalArticles] = await Promise.all([
    filter.kind === 'all' ? countAll() : db.article.count({ where }),
    filter.kind === 'all' ? null : countAll(),
  ]);
  if (request.articleId && (totalArticles ?? articleCount) === 0) throw new DomainError(404, 'Article not found.');
  const warnings: string[] = [];
  if (filter.kind === 'gold' && totalArticles !== null && articleCount < totalArticles) {
    warnings.push(`${totalArticles - articleCount} of ${totalArticles} articles are not adjudicated yet, so the gold export leaves them out.`);
  }
  const manifest: ExportManifest = {
    formatVersion: EXPORT_FORMAT_VERSION,
    format: request.format,
    exportedAt: new Date().toISOString(),
    project: { id: project.id, name: project.name },
    filters: { layer: filter.kind === 'annotator' ? filter.email : filter.kind, ...(request.articleId ? { articleId: request.articleId } : {}) },
    guidelines: project.guidelines,
    offsets: request.offsets === 'utf-16' ? 'utf-16-code-units' : 'unicode-code-points',
    ...(request.spreadsheet ? { spreadsheetSafe: true as const } : {}),
    counts: { articles: 0, spans: 0, perLabel: {}, perAnnotator: {} },
    // Known once every article has been read: the summary is fed in the same pass as the export.
    agreement: null,
    labels: LABELS.map((id) => ({ id, name: LABEL_INFO[id].name })),
    warnings,
  };
  const counts = manifest.counts;
  // The agreement figures cover every live article of the scope, whatever the layer filter exports.
  const agreement = createAgreementSummary();
  const scope = { projectId: project.id, ...(request.articleId ? { articleId: request.articleId } : {}) };
  async function* articles(): AsyncGenerator<ExportArticle> {
    for await (const { rows, emails } of exportRowBatches(db, { scope, size: BATCH, path: args.readPath ?? 'auto' })) {
      for (const { article: row, spans: tuples, submitted } of rows) {
        const spans = tuples.map((t) => exportSpan(t, emails));
        addToAgreement(agreement, { row, tuples, spans, submitted });
        if (!exported(filter, row, submitted)) continue;
        const article = exportArticle(row, layerSpans(filter, tuples, spans));
        counts.articles++;
        for (const s of article.spans) {
          counts.spans++;
          counts.perLabel[s.label] = (counts.perLabel[s.label] ?? 0) + 1;
          counts.perAnnotator[s.annotator] = (counts.perAnnotator[s.annotator] ?? 0) + 1;
        }
        yield article;
      }
    }
  }
  return {
    request,
    manifest,
    articles: articles(),
    finalManifest: (): ExportManifest => ({ ...manifest, counts: { ...counts }, agreement: agreementFigures(agreement) }),
    articleCount,
  };
}

/** Whether the layer filter exports this article (the same test as `articleWhere`). */
function exported(filter: LayerFilter, row: ArticleRow, submitted: readonly { userId: string }[]): boolean {
  if (filter.kind === 'gold') return row.reviewState === 'adjudicated';
  if (filter.kind === 'annotator') return submitted.some((s) => s.userId === filter.userId);
  return true;
}

/** The layer filter's spans (the same test as `spanWhere`). */
function layerSpans(filter: LayerFilter, tuples: readonly SpanTuple[], spans: ExportSpan[]): ExportSpan[] {
  if (filter.kind === 'all') return spans;
  if (filter.kind === 'gold') return spans.filter((s) => s.layer === 'gold');
  return spans.filter((s, i) => s.layer === 'annotator' && tuples[i]![1] === filter.userId);
}

function exportArticle(row: ArticleRow, spans: ExportSpan[]): ExportArticle & { position: number } {
  return {
    position: row.position,
    id: row.id,
    title: row.title,
    author: row.author,
    outlet: row.outlet,
    sourceUrl: row.sourceUrl,
    publishedOn: row.publishedOn,
    topic: row.topic,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    text: row.text,
    textHash: row.textHash,
    // In place: the caller is done with the spans' order (it matched the rows' for the agreement).
    spans: spans.sort(compareSpans),
  };
}

function exportSpan(t: SpanTuple, emails: ReadonlyMap<string, string>): ExportSpan {
  const [id, authorId, layer, label, start, end, quote, speaker, note, verdict, createdAt, updatedAt] = t;
  return {
    id,
    label: label as Label,
    start,
    end,
    text: quote,
    speaker,
    note,
    annotator: layer === 'gold' ? 'gold' : emails.get(authorId)!,
    layer: layer as ExportSpan['layer'],
    verdict: verdict as ExportSpan['verdict'],
    createdAt,
    updatedAt,
  };
}

/** An article's submitted annotator layers, fed to the running agreement summary. */
function addToAgreement(
  summary: ReturnType<typeof createAgreementSummary>,
  article: { row: ArticleRow; tuples: readonly SpanTuple[]; spans: readonly ExportSpan[]; submitted: readonly SubmittedRow[] },
) {
  // Fewer than two layers compare nothing: the summary would skip the article anyway.
  if (article.submitted.length < 2) return;
  const byAuthor = new Map<string, ExportSpan[]>(article.submitted.map((s) => [s.userId, []]));
  article.tuples.forEach(([, authorId, layer], i) => {
    if (layer === 'annotator') byAuthor.get(authorId)?.push(article.spans[i]!);
  });
  summary.add({
    articleId: article.row.id,
    // Measured from the text by the summary itself (ArticleLayers: length gives way to text).
    length: 0,
    text: article.row.text,
    layers: article.submitted.map((s) => ({ annotator: s.userId, spans: byAuthor.get(s.userId)! })),
  });
}

/** The agreement figures a dataset's readers need, over every live article of the exported scope. */
function agreementFigures(summary: ReturnType<typeof createAgreementSummary>) {
  return {
    units: 'tokens (maximal runs of non-whitespace code points), "none" as a category; span F1 pooled over annotator pairs',
    ...summary.result(),
  };
}
