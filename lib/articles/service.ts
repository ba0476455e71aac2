import { z } from 'zod';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import type { Prisma } from '../../generated/prisma/client';
import { scopedTransaction } from '../database/write-scope';
import { conflict, DomainError, invalid, notFound, parseOrThrow } from '../errors';
import { canonicalText, hashText } from '../import/canonical';
import { countCodePoints, MAX_ARTICLES_PER_SAVE, MAX_FIELD_LENGTH, MAX_URL_LENGTH } from '../import/limits';
import { draftIssues, validateDraft } from '../import';
import { projectFor } from '../projects/service';
import { REVIEW_CLOSED } from './review-closed';
import { formVersionField } from '../versions';

export const STATUSES = ['not_started', 'in_progress', 'submitted'] as const;
export type AnnotationStatusValue = (typeof STATUSES)[number];

const draftSchema = z.object({
  title: z.string().max(MAX_FIELD_LENGTH),
  author: z.string().max(MAX_FIELD_LENGTH).default(''),
  outlet: z.string().max(MAX_FIELD_LENGTH).default(''),
  sourceUrl: z.string().max(MAX_URL_LENGTH).default(''),
  publishedOn: z.string().max(10).default(''),
  topic: z.string().max(MAX_FIELD_LENGTH).default(''),
  text: z.string(),
}).strict();
export const saveArticlesSchema = z.object({
  // `allowDuplicate` on one article: saved although the project has its text (the preview flagged it and
  // the person kept it), while the others are still checked; `allowDuplicates` allows it for all.
  articles: z.array(draftSchema.extend({ allowDuplicate: z.boolean().default(false) })).min(1, 'choose at least one article to import').max(MAX_ARTICLES_PER_SAVE, `save at most ${MAX_ARTICLES_PER_SAVE} articles at a time`),
  allowDuplicates: z.boolean().default(false),
}).strict();

/** Existing articles in the project with the same canonical text, by text hash. */
export async function findDuplicates(db: Db | Prisma.TransactionClient, projectId: string, texts: string[]) {
  const hashes = texts.map((t) => hashText(canonicalText(t)));
  const existing = await db.article.findMany({
    where: { projectId, textHash: { in: hashes }, deletedAt: null },
    select: { id: true, title: true, textHash: true },
  });
  return hashes.map((h) => existing.find((e) => e.textHash === h) ?? null);
}

/** Each draft whose text an earlier draft of the same batch has, as [earlier index, this index]. */
function repeatedTexts(hashes: readonly string[]): [number, number][] {
  const firstOf = new Map<string, number>();
  const repeats: [number, number][] = [];
  hashes.forEach((h, i) => {
    const first = firstOf.get(h);
    if (first === undefined) firstOf.set(h, i);
    else repeats.push([first, i]);
  });
  return repeats;
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
  const repeats = repeatedTexts(hashes).map(([first, again]) => `Article ${again + 1}${drafts[again]!.title ? ` (“${drafts[again]!.title}”)` : ''} has the same text as article ${first + 1}; import it once.`);
  if (repeats.length) throw invalid(repeats.join('\n'), repeats);
  return db.$transaction(async (tx) => {
    // Inside the transaction, so two identical imports sent at once cannot both pass the check.
    if (!allowDuplicates) {
      const dupes = await findDuplicates(tx, project.id, drafts.map((d) => d.text));
      const named = dupes.flatMap((d, i) => (d && !articles[i]!.allowDuplicate ? [`Article ${i + 1} has the same text as “${d.title}”, already in this project.`] : []));
      if (named.length) throw new DomainError(409, named.join('\n'), named);
    }
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

/** The project's articles in queue order, each with the actor's annotation status. */
export async function annotatorQueue(db: Db, actor: Actor, projectId: string) {
  const [articles, statuses] = await Promise.all([
    db.article.findMany({
      where: { projectId, deletedAt: null },
      orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
      select: { id: true, title: true, author: true, outlet: true, topic: true, publishedOn: true, reviewState: true },
    }),
    db.annotationStatus.findMany({ where: { userId: actor.id, article: { projectId } }, select: { articleId: true, status: true } }),
  ]);
  const statusOf = new Map(statuses.map((s) => [s.articleId, s.status as AnnotationStatusValue]));
  // `closed`: the article's review is closed (REVIEW_CLOSED), so it takes no more annotation.
  return articles.map(({ reviewState, ...a }) => ({ ...a, closed: reviewState === 'adjudicated', status: statusOf.get(a.id) ?? ('not_started' as AnnotationStatusValue) }));
}

/**
 * The queue with the number of the actor's own spans in each article, for the project page. The
 * annotate page shows no counts, so it uses annotatorQueue and skips this count, which reads every
 * span the actor made in the project. Grouped by layer too, so SQLite finds the rows through the
 * (articleId, authorId) index instead of reading every annotator's spans.
 */
export async function annotatorQueueWithCounts(db: Db, actor: Actor, projectId: string) {
  const [queue, counts] = await Promise.all([
    annotatorQueue(db, actor, projectId),
    db.span.groupBy({ by: ['articleId', 'layer'], where: { authorId: actor.id, deletedAt: null, article: { projectId } }, _count: { _all: true } }),
  ]);
  const countOf = new Map(counts.filter((c) => c.layer === 'annotator').map((c) => [c.articleId, c._count._all]));
  return queue.map((a) => ({ ...a, spanCount: countOf.get(a.id) ?? 0 }));
}

export type QueueEntry = Awaited<ReturnType<typeof annotatorQueue>>[number];

/** Whether the annotator still has work to do on a queue entry: not submitted, and its review still open. */
export const isOpenWork = (a: { status: AnnotationStatusValue; closed: boolean }) => a.status !== 'submitted' && !a.closed;

/**
 * Where "Start" or "Continue annotating" goes: the first article with work begun and not
 * submitted (one opened from further down the queue, say), else the first not yet begun.
 */
export function nextToAnnotate<A extends { status: AnnotationStatusValue; closed: boolean }>(queue: readonly A[]): A | null {
  return queue.find((a) => isOpenWork(a) && a.status === 'in_progress') ?? queue.find(isOpenWork) ?? null;
}

/** The next article after `currentId` that the user has not submitted (and may still annotate), wrapping around. */
export function nextInQueue(queue: QueueEntry[], currentId: string): QueueEntry | null {
  const i = queue.findIndex((a) => a.id === currentId);
  const ordered = [...queue.slice(i + 1), ...queue.slice(0, Math.max(i, 0))];
  return ordered.find(isOpenWork) ?? null;
}

const statusActionSchema = z.object({ action: z.enum(['submit', 'reopen']) }).strict();


export async function setAnnotationStatus(db: Db, actor: Actor, args: { articleId: string; input: unknown }) {
  const { action } = parseOrThrow(statusActionSchema, args.input);
  const article = await db.article.findFirst({ where: { id: args.articleId, deletedAt: null } });
  if (!article) throw notFound('Article');
  await projectFor(db, actor, { projectId: article.projectId, action: 'article.annotate' }).catch((e: unknown) => {
    throw e instanceof DomainError && e.status === 404 ? notFound('Article') : e;
  });
  const status: AnnotationStatusValue = action === 'submit' ? 'submitted' : 'in_progress';
  return scopedTransaction(db, { kind: 'annotation', userId: actor.id, articleId: article.id }, async (tx) => {
    // Read again inside the transaction: the article may have been deleted, or its review closed,
    // since it was read above.
    const current = await tx.article.findFirst({ where: { id: article.id, deletedAt: null }, select: { reviewState: true } });
    if (!current) throw notFound('Article');
    const before = await tx.annotationStatus.findUnique({ where: { articleId_userId: { articleId: article.id, userId: actor.id } } });
    // Already so (a second click, a retried request): nothing changes, and the submission keeps its time.
    if (before?.status === status) return { status };
    if (current.reviewState === 'adjudicated') throw conflict(REVIEW_CLOSED);
    if (action === 'reopen') {
      if (!before || before.status === 'not_started') throw conflict('You have not submitted this article, so there is nothing to reopen.');
      const refusal = await reopenRefusal(tx, actor, article);
      if (refusal) throw conflict(refusal);
    }
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

type Tx = Prisma.TransactionClient;

/**
 * Why the actor may not reopen their submitted work on this article, or null when they may: the
 * status route refuses with it, and the annotate page shows it instead of a Reopen button.
 * (A closed review is refused before this, with REVIEW_CLOSED.)
 */
export async function reopenRefusal(db: Db | Tx, actor: Actor, article: { id: string; projectId: string }): Promise<string | null> {
  // A verdict judges the span as it was submitted; changing it afterwards would leave the
  // verdict (and the gold taken from it) describing a span that no longer exists.
  const judged = await db.span.findFirst({
    where: { articleId: article.id, authorId: actor.id, layer: 'annotator', deletedAt: null, verdict: { not: '' } },
    select: { id: true },
  });
  if (judged) return 'A reviewer has already judged your annotations on this article, so they can no longer change. Reply on the Feedback page if you disagree with a verdict.';
  if (actor.role === 'annotator' && (await seenOthersWork(db, { articleId: article.id, projectId: article.projectId, userId: actor.id }))) return PEER_SAW_OTHERS;
  return null;
}

export const PEER_SAW_OTHERS =
  'At some point after another annotator submitted this article, annotators could review each other in this project, so its review board may have shown you their work: your annotations on it can no longer change, or they would not be independent. Reply on the Feedback page if you disagree with a verdict.';

/**
 * Whether the board of this article may have shown this annotator someone else's layer: a peer
 * opens it once they have submitted, and it shows every submitted layer. So: has another
 * annotator submitted it, now or at any time (the audit trail keeps submissions since reopened),
 * and could annotators review each other at any moment since? Peer review switched off later
 * does not undo what the board showed; every change of the setting is in the audit trail with the
 * value it had before. Changing one's own layer after that would copy, not annotate.
 */
async function seenOthersWork(tx: Db | Tx, args: { articleId: string; projectId: string; userId: string }): Promise<boolean> {
  const [project, submitted, firstSubmit] = await Promise.all([
    tx.project.findUniqueOrThrow({ where: { id: args.projectId }, select: { annotatorsMayReview: true } }),
    tx.annotationStatus.findMany({ where: { articleId: args.articleId, userId: { not: args.userId }, status: 'submitted' }, select: { submittedAt: true } }),
    tx.auditEvent.findFirst({ where: { articleId: args.articleId, action: 'annotation.submit', actorId: { not: args.userId } }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
  ]);
  if (submitted.length === 0 && !firstSubmit) return false;
  if (project.annotatorsMayReview) return true;
  // A submission without its time (an old record) could be from any time: from the beginning, then.
  const times = [...submitted.map((s) => s.submittedAt?.getTime() ?? 0), ...(firstSubmit ? [firstSubmit.createdAt.getTime()] : [])];
  const since = new Date(Math.min(...times));
  const onSince = await tx.auditEvent.findFirst({
    where: { entityType: 'project', entityId: args.projectId, action: 'project.update', createdAt: { gte: since }, before: { contains: '"annotatorsMayReview":true' } },
    select: { id: true },
  });
  return onSince !== null;
}

const articleUpdateSchema = draftSchema.extend({ version: formVersionField, text: z.string().optional() });

export const TEXT_LOCKED = 'The text can no longer change: the article has been annotated or submitted, and that work points into its text. You can still correct the other fields.';

/** The article for its edit page: any member (or an admin) may correct the metadata. */
export async function articleForEditing(db: Db, actor: Actor, articleId: string) {
  const article = await db.article.findFirst({ where: { id: articleId, deletedAt: null } });
  if (!article) throw notFound('Article');
  await projectFor(db, actor, { projectId: article.projectId, action: 'article.import' }).catch((e: unknown) => {
    throw e instanceof DomainError && e.status === 404 ? notFound('Article') : e;
  });
  return { article, textLocked: await isTextLocked(db, article) };
}

/**
 * Whether work was done on this exact text: any span, even a deleted one (its offsets must keep
 * their meaning), any submitted layer (an annotator who found nothing to mark read this text), or a
 * review that has begun. Whether there is any, not how much: a count would tell an annotator about
 * others' work.
 */
async function isTextLocked(db: Db | Tx, article: { id: string; reviewState: string }): Promise<boolean> {
  if (article.reviewState !== 'open') return true;
  const [span, submitted] = await Promise.all([
    db.span.findFirst({ where: { articleId: article.id }, select: { id: true } }),
    db.annotationStatus.findFirst({ where: { articleId: article.id, status: 'submitted' }, select: { id: true } }),
  ]);
  return span !== null || submitted !== null;
}

/**
 * Corrects an article's metadata, and its text while nobody has annotated it. The text is
 * immutable from the first annotation on; a stale version answers 409.
 */
export async function updateArticle(db: Db, actor: Actor, args: { articleId: string; input: unknown }) {
  const { article } = await articleForEditing(db, actor, args.articleId);
  const input = parseOrThrow(articleUpdateSchema, args.input);
  const next = {
    title: input.title.trim(),
    author: input.author.trim(),
    outlet: input.outlet.trim(),
    sourceUrl: input.sourceUrl.trim(),
    publishedOn: input.publishedOn.trim(),
    topic: input.topic.trim(),
    text: input.text === undefined ? article.text : canonicalText(input.text),
  };
  const problems = draftIssues(next);
  if (problems.length) throw invalid(problems.map((p) => p.message).join('\n'), problems);
  const textChanged = next.text !== article.text;
  const write = async (tx: Tx) => {
    if (textChanged) {
      const current = await tx.article.findUniqueOrThrow({ where: { id: article.id }, select: { id: true, reviewState: true } });
      if (await isTextLocked(tx, current)) throw conflict(TEXT_LOCKED);
      // Inside the transaction, as on import: two articles of a project never quietly share a text.
      const [same] = await findDuplicates(tx, article.projectId, [next.text]);
      if (same && same.id !== article.id) throw conflict(`“${same.title}” already has this text in this project; an article's text is imported once.`);
    }
    const { count } = await tx.article.updateMany({
      where: { id: article.id, version: input.version },
      data: { ...next, textHash: textChanged ? hashText(next.text) : article.textHash, version: input.version + 1 },
    });
    if (count !== 1) throw conflict('Someone else changed this article meanwhile. The page now shows their version; apply your change again.');
    const { text: beforeText, ...beforeMeta } = { title: article.title, author: article.author, outlet: article.outlet, sourceUrl: article.sourceUrl, publishedOn: article.publishedOn, topic: article.topic, text: article.text };
    const { text: afterText, ...afterMeta } = next;
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'article.update',
      entityType: 'article',
      entityId: article.id,
      projectId: article.projectId,
      articleId: article.id,
      before: { ...beforeMeta, textHash: article.textHash, textLength: countCodePoints(beforeText) },
      after: { ...afterMeta, textHash: hashText(afterText), textLength: countCodePoints(afterText) },
    });
  };
  // A new text is checked against every text of the project, a read beyond this article: that
  // runs unscoped, exclusive of every other write (decision 009), or two edits of two articles to
  // one text would pass each other's check on PostgreSQL. Details alone stay in the article's scope.
  return textChanged ? db.$transaction(write) : scopedTransaction(db, { kind: 'article', articleId: article.id }, write);
}
