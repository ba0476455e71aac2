import { z } from 'zod';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { DomainError, invalid, notFound, parseOrThrow } from '../errors';
import { canonicalText, hashText } from '../import/canonical';
import { validateDraft } from '../import';
import { projectFor } from '../projects/service';

export const STATUSES = ['not_started', 'in_progress', 'submitted'] as const;
export type AnnotationStatusValue = (typeof STATUSES)[number];

const draftSchema = z.object({
  title: z.string().max(500),
  author: z.string().max(500).default(''),
  outlet: z.string().max(500).default(''),
  sourceUrl: z.string().max(2000).default(''),
  publishedOn: z.string().max(10).default(''),
  topic: z.string().max(500).default(''),
  text: z.string(),
});
export const saveArticlesSchema = z.object({
  articles: z.array(draftSchema).min(1, 'choose at least one article to import').max(500),
  allowDuplicates: z.boolean().default(false),
});

/** Existing articles in the project with the same canonical text, by text hash. */
export async function findDuplicates(db: Db, projectId: string, texts: string[]) {
  const hashes = texts.map((t) => hashText(canonicalText(t)));
  const existing = await db.article.findMany({
    where: { projectId, textHash: { in: hashes }, deletedAt: null },
    select: { id: true, title: true, textHash: true },
  });
  return hashes.map((h) => existing.find((e) => e.textHash === h) ?? null);
}

/** Saves every article or none: one invalid draft rejects the whole batch with its problems named. */
export async function createArticles(db: Db, actor: Actor, args: { projectId: string; input: unknown }) {
  const { project } = await projectFor(db, actor, { projectId: args.projectId, action: 'article.import' });
  const { articles, allowDuplicates } = parseOrThrow(saveArticlesSchema, args.input);
  const drafts = articles.map((a) => ({
    title: a.title.trim(),
    author: a.author.trim(),
    outlet: a.outlet.trim(),
    sourceUrl: a.sourceUrl.trim(),
    publishedOn: a.publishedOn.trim(),
    topic: a.topic.trim(),
    text: canonicalText(a.text),
  }));
  const problems = drafts.flatMap((d, i) => validateDraft(d).map((p) => `Article ${i + 1}${d.title ? ` (“${d.title}”)` : ''}: ${p}`));
  if (problems.length) throw invalid(problems.join('\n'), problems);
  const hashes = drafts.map((d) => hashText(d.text));
  if (new Set(hashes).size !== hashes.length) throw invalid('Two of the articles have the same text; import it once.');
  if (!allowDuplicates) {
    const dupes = await findDuplicates(db, project.id, drafts.map((d) => d.text));
    const named = dupes.flatMap((d, i) => (d ? [`Article ${i + 1} has the same text as “${d.title}”, already in this project.`] : []));
    if (named.length) throw new DomainError(409, named.join('\n'), named);
  }
  return db.$transaction(async (tx) => {
    const last = await tx.article.aggregate({ where: { projectId: project.id }, _max: { position: true } });
    let position = (last._max.position ?? -1) + 1;
    const created = [];
    for (const [i, d] of drafts.entries()) {
      const article = await tx.article.create({
        data: { ...d, projectId: project.id, textHash: hashes[i], position: position++, createdById: actor.id },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'article.create',
        entityType: 'article',
        entityId: article.id,
        projectId: project.id,
        articleId: article.id,
        after: { title: d.title, textHash: hashes[i] },
      });
      created.push({ id: article.id, title: article.title });
    }
    return created;
  });
}

/** The signed-in user's queue in a project: every article with their own status. */
export async function annotatorQueue(db: Db, actor: Actor, projectId: string) {
  const articles = await db.article.findMany({
    where: { projectId, deletedAt: null },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
    select: { id: true, title: true, author: true, outlet: true, topic: true, publishedOn: true },
  });
  const statuses = await db.annotationStatus.findMany({ where: { userId: actor.id, article: { projectId } } });
  const spanCounts = await db.span.groupBy({
    by: ['articleId'],
    where: { authorId: actor.id, deletedAt: null, article: { projectId } },
    _count: { _all: true },
  });
  return articles.map((a) => ({
    ...a,
    status: (statuses.find((s) => s.articleId === a.id)?.status ?? 'not_started') as AnnotationStatusValue,
    spanCount: spanCounts.find((c) => c.articleId === a.id)?._count._all ?? 0,
  }));
}

export type QueueEntry = Awaited<ReturnType<typeof annotatorQueue>>[number];

/** The next article after `currentId` that the user has not submitted, wrapping around. */
export function nextInQueue(queue: QueueEntry[], currentId: string): QueueEntry | null {
  const i = queue.findIndex((a) => a.id === currentId);
  const ordered = [...queue.slice(i + 1), ...queue.slice(0, Math.max(i, 0))];
  return ordered.find((a) => a.status !== 'submitted') ?? null;
}

const statusActionSchema = z.object({ action: z.enum(['submit', 'reopen']) });

export async function setAnnotationStatus(db: Db, actor: Actor, args: { articleId: string; input: unknown }) {
  const { action } = parseOrThrow(statusActionSchema, args.input);
  const article = await db.article.findFirst({ where: { id: args.articleId, deletedAt: null } });
  if (!article) throw notFound('Article');
  await projectFor(db, actor, { projectId: article.projectId, action: 'article.annotate' }).catch((e: unknown) => {
    throw e instanceof DomainError && e.status === 404 ? notFound('Article') : e;
  });
  const status: AnnotationStatusValue = action === 'submit' ? 'submitted' : 'in_progress';
  return db.$transaction(async (tx) => {
    const before = await tx.annotationStatus.findUnique({ where: { articleId_userId: { articleId: article.id, userId: actor.id } } });
    const after = await tx.annotationStatus.upsert({
      where: { articleId_userId: { articleId: article.id, userId: actor.id } },
      create: { articleId: article.id, userId: actor.id, status, submittedAt: status === 'submitted' ? new Date() : null },
      update: { status, submittedAt: status === 'submitted' ? new Date() : null },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: `annotation.${action}`,
      entityType: 'annotation-status',
      entityId: after.id,
      projectId: article.projectId,
      articleId: article.id,
      before: { status: before?.status ?? 'not_started' },
      after: { status },
    });
    return { status };
  });
}
