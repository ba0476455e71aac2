import { z } from 'zod';
import { createAgreementSummary } from '../agreement';
import { codePointLength } from '../anchoring/code-points';
import type { Actor } from '../auth/permissions';
import type { Span } from '../../generated/prisma/client';
import type { Db } from '../database/client';
import { DomainError, parseOrThrow } from '../errors';
import { groupBy } from '../group-by';
import { EXPORT_FORMAT_VERSION, EXPORT_FORMATS, type ExportArticle, type ExportManifest, type ExportSpan } from '../formats/model';
import { LABELS, LABEL_INFO, type Label } from '../labels';
import { projectFor } from '../projects/service';

// Exports read the database one batch of articles at a time and hand the format writers an
// async iterable, so memory stays flat whatever the project size.

const BATCH = 50;

export const exportRequestSchema = z.object({
  format: z.enum(EXPORT_FORMATS).default('jsonl'),
  /** gold (default): adjudicated articles' gold spans; all: every annotator and gold; or an annotator's e-mail. */
  layer: z.string().trim().min(1).default('gold'),
  articleId: z.string().min(1).optional(),
  // Query strings carry text: only '1' or 'true' switch the bundle on ('0' must not).
  bundle: z.preprocess((v) => v === true || v === '1' || v === 'true', z.boolean()),
});
export type ExportRequest = z.infer<typeof exportRequestSchema>;

type LayerFilter = { kind: 'gold' } | { kind: 'all' } | { kind: 'annotator'; userId: string; email: string };

async function resolveLayer(db: Db, projectId: string, layer: string): Promise<LayerFilter> {
  if (layer === 'gold') return { kind: 'gold' };
  if (layer === 'all') return { kind: 'all' };
  const user = await db.user.findFirst({
    where: { email: layer.toLowerCase(), deletedAt: null, memberships: { some: { projectId } } },
    select: { id: true, email: true },
  });
  if (!user) throw new DomainError(422, `layer: "${layer}" is not gold, all, or the e-mail of a member of this project.`);
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

/** Stable order inside an article, so two exports of the same data are byte-identical. */
export function compareExportSpans(a: ExportSpan, b: ExportSpan): number {
  return (
    a.start - b.start ||
    b.end - a.end ||
    LABELS.indexOf(a.label) - LABELS.indexOf(b.label) ||
    a.annotator.localeCompare(b.annotator) ||
    a.id.localeCompare(b.id)
  );
}

type SpanRow = Span & { author: { email: string } };

function toExportSpan(s: SpanRow): ExportSpan {
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
  return spans.map(toExportSpan).sort(compareExportSpans);
}

export async function prepareExport(db: Db, actor: Actor, args: { projectId: string; input: unknown }) {
  const request = parseOrThrow(exportRequestSchema, args.input);
  const { project } = await projectFor(db, actor, { projectId: args.projectId, action: 'project.report' });
  const filter = await resolveLayer(db, project.id, request.layer);
  const where = articleWhere(project.id, filter, request.articleId);
  const [articleCount, totalArticles, averageChars] = await Promise.all([
    db.article.count({ where }),
    db.article.count({ where: { projectId: project.id, deletedAt: null, ...(request.articleId ? { id: request.articleId } : {}) } }),
    // Estimated from a sample, so the progress bar costs no pass over every text.
    db.article.findMany({ where, select: { text: true }, take: 20 }).then((rows) => (rows.length ? rows.reduce((n, r) => n + r.text.length, 0) / rows.length : 0)),
  ]);
  if (request.articleId && totalArticles === 0) throw new DomainError(404, 'Article not found.');
  const warnings: string[] = [];
  if (filter.kind === 'gold' && articleCount < totalArticles) {
    warnings.push(`${totalArticles - articleCount} of ${totalArticles} articles are not adjudicated yet, so the gold export leaves them out.`);
  }
  const manifest: ExportManifest = {
    formatVersion: EXPORT_FORMAT_VERSION,
    format: request.format,
    exportedAt: new Date().toISOString(),
    project: { id: project.id, name: project.name },
    filters: { layer: filter.kind === 'annotator' ? filter.email : filter.kind, ...(request.articleId ? { articleId: request.articleId } : {}) },
    guidelines: project.guidelines,
    offsets: 'unicode-code-points',
    counts: { articles: 0, spans: 0, perLabel: {}, perAnnotator: {} },
    agreement: await agreementSummary(db, project.id, request.articleId),
    labels: LABELS.map((id) => ({ id, name: LABEL_INFO[id].name })),
    warnings,
  };
  const counts = manifest.counts;
  async function* articles(): AsyncGenerator<ExportArticle> {
    let cursor: { position: number; id: string } | null = null;
    for (;;) {
      const batch: Awaited<ReturnType<typeof loadBatch>> = await loadBatch(cursor);
      if (!batch.length) return;
      for (const article of batch) {
        counts.articles++;
        for (const s of article.spans) {
          counts.spans++;
          counts.perLabel[s.label] = (counts.perLabel[s.label] ?? 0) + 1;
          counts.perAnnotator[s.annotator] = (counts.perAnnotator[s.annotator] ?? 0) + 1;
        }
        yield article;
      }
      const last = batch[batch.length - 1];
      cursor = { position: last.position, id: last.id };
    }
  }
  async function loadBatch(cursor: { position: number; id: string } | null) {
    const rows = await db.article.findMany({
      where: cursor ? { AND: [where, { OR: [{ position: { gt: cursor.position } }, { position: cursor.position, id: { gt: cursor.id } }] }] } : where,
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
      take: BATCH,
      include: {
        spans: { where: { deletedAt: null, ...spanWhere(filter) }, include: { author: { select: { email: true } } } },
      },
    });
    return rows.map((a) => ({
      position: a.position,
      id: a.id,
      title: a.title,
      author: a.author,
      outlet: a.outlet,
      sourceUrl: a.sourceUrl,
      publishedOn: a.publishedOn,
      topic: a.topic,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      text: a.text,
      textHash: a.textHash,
      spans: a.spans.map(toExportSpan).sort(compareExportSpans),
    }));
  }
  return {
    request,
    manifest,
    articles: articles(),
    finalManifest: (): ExportManifest => ({ ...manifest, counts: { ...counts } }),
    articleCount,
    // A rough size for the download's progress bar: the texts, plus room for the spans.
    estimatedBytes: Math.round(articleCount * averageChars * 1.3 + 4096),
  };
}

/**
 * The agreement figures a dataset's readers need, over the exported project or article. Read in
 * batches of articles and fed to a running summary, so memory stays flat however large the project.
 */
async function agreementSummary(db: Db, projectId: string, articleId?: string) {
  const summary = createAgreementSummary();
  const scope = { projectId, deletedAt: null, ...(articleId ? { id: articleId } : {}) };
  let cursor: string | undefined;
  for (;;) {
    const batch = await db.article.findMany({
      where: cursor ? { ...scope, id: { gt: cursor, ...(articleId ? { equals: articleId } : {}) } } : scope,
      orderBy: { id: 'asc' },
      take: BATCH,
      select: {
        id: true,
        text: true,
        statuses: { where: { status: 'submitted' }, select: { userId: true } },
        spans: { where: { deletedAt: null, layer: 'annotator' }, select: { authorId: true, label: true, start: true, end: true } },
      },
    });
    if (!batch.length) break;
    for (const a of batch) {
      const spansBy = groupBy(a.spans, (s) => s.authorId);
      summary.add({
        articleId: a.id,
        length: codePointLength(a.text),
        text: a.text,
        layers: a.statuses.map((s) => ({ annotator: s.userId, spans: spansBy.get(s.userId) ?? [] })),
      });
    }
    cursor = batch[batch.length - 1].id;
  }
  return {
    units: 'tokens (maximal runs of non-whitespace code points), "none" as a category; span F1 pooled over annotator pairs',
    ...summary.result(),
  };
}
