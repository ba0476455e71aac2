import type { AnnotationStatus, Prisma } from '../../generated/prisma/client';
import { decide, type Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { scopedTransaction } from '../database/write-scope';
import { REVIEW_CLOSED } from '../articles/review-closed';
import { conflict, DomainError, notFound, parseOrThrow } from '../errors';
import { createSpanSchema, updateSpanSchema, versionSchema, type SpanView } from './schema';
import { packSpans, type PackedSpans, type PageSpan } from './packed';
import { ensureSameText, insertSpan, markDeleted, reviseSpan, toSpanView } from './write';

// An annotator's own spans. Annotation is blind: every query is scoped to the actor's own
// annotator-layer spans, so someone else's span answers exactly like a missing one.

export { toSpanView };

/** Articles the actor may annotate: not deleted, in a project the actor is a member of. */
const annotatable = (actor: Actor) => ({ deletedAt: null, project: { memberships: { some: { userId: actor.id } } } });

/** The actor's own annotation status, loaded with the article (one request instead of two). */
const withOwnStatus = (actor: Actor) => ({ statuses: { where: { userId: actor.id } } });

/**
 * The answer for an article that is not there for this annotator. Deleted, never existing, or in
 * a project they are not (or no longer) a member of all answer the same, so it tells nobody which;
 * someone whose article vanished while they worked on it still learns why that can be.
 */
export const ARTICLE_GONE_MESSAGE = 'Article not found: it may have been deleted, or you may no longer be a member of its project.';

function allowAnnotation<T>(actor: Actor, article: T | null): T {
  const decision = decide(actor, 'article.annotate', { isMember: article !== null });
  if (article && decision.ok) return article;
  throw decision.ok || decision.status === 404 ? new DomainError(404, ARTICLE_GONE_MESSAGE) : new DomainError(decision.status, decision.reason);
}

/**
 * Loads an article the actor may annotate, or throws 401/404. One query: the membership is part
 * of the article's `where`, so a missing article and someone else's answer alike.
 */
export async function articleForAnnotation(db: Db | Prisma.TransactionClient, actor: Actor, articleId: string) {
  return allowAnnotation(actor, await db.article.findFirst({ where: { id: articleId, ...annotatable(actor) } }));
}

/** The same check as articleForAnnotation, reading only the id: for reads that need no article text. */
async function checkAnnotation(db: Db, actor: Actor, articleId: string): Promise<void> {
  allowAnnotation(actor, await db.article.findFirst({ where: { id: articleId, ...annotatable(actor) }, select: { id: true } }));
}

/** Refuses changes to a submitted article or one whose review is closed; the first change starts the actor's annotation of it. */
async function ensureEditable(tx: Prisma.TransactionClient, actor: Actor, args: { article: { id: string; reviewState: string }; status: AnnotationStatus | undefined }) {
  const { status } = args;
  const articleId = args.article.id;
  if (args.article.reviewState === 'adjudicated') throw conflict(REVIEW_CLOSED);
  if (status?.status === 'submitted') {
    throw conflict('You have submitted this article. Reopen it to change your annotations.');
  }
  if (!status) {
    await tx.annotationStatus.create({ data: { articleId, userId: actor.id, status: 'in_progress' } });
  } else if (status.status === 'not_started') {
    await tx.annotationStatus.update({ where: { id: status.id }, data: { status: 'in_progress' } });
  }
}

export async function listOwnSpans(db: Db, actor: Actor, articleId: string): Promise<SpanView[]> {
  await checkAnnotation(db, actor, articleId);
  const spans = await db.span.findMany({ where: ownSpansWhere(actor, articleId), orderBy: TEXT_ORDER });
  return spans.map(toSpanView);
}

const ownSpansWhere = (actor: Actor, articleId: string) => ({ articleId, authorId: actor.id, layer: 'annotator', deletedAt: null });
const TEXT_ORDER = [{ start: 'asc' as const }, { end: 'desc' as const }, { createdAt: 'asc' as const }];

/**
 * The actor's spans for the annotation page, packed (packed.ts): without quote, prefix, suffix
 * and timestamps. The page carries the article text, so it slices the quotes itself; reading and
 * sending thousands of quotes, contexts and dates is most of the cost of a long article's spans.
 */
export async function ownSpansForPage(db: Db, actor: Actor, articleId: string): Promise<PackedSpans> {
  await checkAnnotation(db, actor, articleId);
  const spans = await db.span.findMany({
    where: ownSpansWhere(actor, articleId),
    orderBy: TEXT_ORDER,
    select: { id: true, label: true, start: true, end: true, note: true, speaker: true, version: true },
  });
  return packSpans(articleId, spans as PageSpan[]);
}

export async function createSpan(db: Db, actor: Actor, args: { articleId: string; input: unknown }): Promise<SpanView> {
  const input = parseOrThrow(createSpanSchema, args.input);
  return scopedTransaction(db, { kind: 'annotation', userId: actor.id, articleId: args.articleId }, async (tx) => {
    const found = await tx.article.findFirst({ where: { id: args.articleId, ...annotatable(actor) }, include: withOwnStatus(actor) });
    const { statuses, ...article } = allowAnnotation(actor, found);
    ensureSameText(article, input.textHash);
    await ensureEditable(tx, actor, { article, status: statuses[0] });
    return toSpanView(await insertSpan(tx, actor, { article, fields: input, layer: 'annotator' }));
  });
}

/** The actor's own span on an article they may still annotate (else 404), with that article. */
async function ownSpan(tx: Prisma.TransactionClient, actor: Actor, spanId: string) {
  const found = await tx.span.findFirst({
    where: { id: spanId, authorId: actor.id, layer: 'annotator', article: annotatable(actor) },
    include: { article: { include: withOwnStatus(actor) } },
  });
  if (!found || !decide(actor, 'article.annotate', { isMember: true }).ok) throw notFound('Span');
  const {
    article: { statuses, ...article },
    ...span
  } = found;
  await ensureEditable(tx, actor, { article, status: statuses[0] });
  return { span, article };
}

export async function updateSpan(db: Db, actor: Actor, args: { spanId: string; input: unknown }): Promise<SpanView> {
  const { version, ...changes } = parseOrThrow(updateSpanSchema, args.input);
  return scopedTransaction(db, { kind: 'annotation', userId: actor.id, spanId: args.spanId }, async (tx) => {
    const { span, article } = await ownSpan(tx, actor, args.spanId);
    return toSpanView(await reviseSpan(tx, actor, { span, article, version, changes }));
  });
}

async function setDeleted(db: Db, actor: Actor, args: { spanId: string; input: unknown; deleted: boolean }) {
  const { version } = parseOrThrow(versionSchema, args.input);
  return scopedTransaction(db, { kind: 'annotation', userId: actor.id, spanId: args.spanId }, async (tx) => {
    const { span, article } = await ownSpan(tx, actor, args.spanId);
    return toSpanView(await markDeleted(tx, actor, { span, article, version, deleted: args.deleted }));
  });
}

export const deleteSpan = (db: Db, actor: Actor, args: { spanId: string; input: unknown }) =>
  setDeleted(db, actor, { ...args, deleted: true });
export const restoreSpan = (db: Db, actor: Actor, args: { spanId: string; input: unknown }) =>
  setDeleted(db, actor, { ...args, deleted: false });
