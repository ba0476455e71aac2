import type { Prisma } from '../../generated/prisma/client';
import { decide, type Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { conflict, DomainError, notFound, parseOrThrow } from '../errors';
import { createSpanSchema, updateSpanSchema, versionSchema, type SpanView } from './schema';
import { insertSpan, markDeleted, reviseSpan, toSpanView } from './write';

// An annotator's own spans. Annotation is blind: every query is scoped to the actor's own
// annotator-layer spans, so someone else's span answers exactly like a missing one.

export { toSpanView };

/**
 * Loads an article the actor may annotate, or throws 401/404. One query: the membership is part
 * of the article's `where`, so a missing article and someone else's answer alike.
 */
export async function articleForAnnotation(db: Db | Prisma.TransactionClient, actor: Actor, articleId: string) {
  const article = await db.article.findFirst({ where: { id: articleId, deletedAt: null, project: { memberships: { some: { userId: actor.id } } } } });
  const decision = decide(actor, 'article.annotate', { isMember: article !== null });
  if (!article || !decision.ok) throw decision.ok ? notFound('Article') : new DomainError(decision.status, decision.reason);
  return article;
}

async function ensureEditable(tx: Prisma.TransactionClient, actor: Actor, articleId: string) {
  const status = await tx.annotationStatus.findUnique({ where: { articleId_userId: { articleId, userId: actor.id } } });
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
  await articleForAnnotation(db, actor, articleId);
  const spans = await db.span.findMany({
    where: { articleId, authorId: actor.id, layer: 'annotator', deletedAt: null },
    orderBy: [{ start: 'asc' }, { end: 'desc' }, { createdAt: 'asc' }],
  });
  return spans.map(toSpanView);
}

export async function createSpan(db: Db, actor: Actor, args: { articleId: string; input: unknown }): Promise<SpanView> {
  const input = parseOrThrow(createSpanSchema, args.input);
  return db.$transaction(async (tx) => {
    const article = await articleForAnnotation(tx, actor, args.articleId);
    await ensureEditable(tx, actor, article.id);
    return toSpanView(await insertSpan(tx, actor, { article, fields: input, layer: 'annotator' }));
  });
}

async function ownSpan(tx: Prisma.TransactionClient, actor: Actor, spanId: string) {
  const span = await tx.span.findFirst({ where: { id: spanId, authorId: actor.id, layer: 'annotator' } });
  if (!span) throw notFound('Span');
  const article = await articleForAnnotation(tx, actor, span.articleId).catch(() => {
    throw notFound('Span');
  });
  await ensureEditable(tx, actor, article.id);
  return { span, article };
}

export async function updateSpan(db: Db, actor: Actor, args: { spanId: string; input: unknown }): Promise<SpanView> {
  const { version, ...changes } = parseOrThrow(updateSpanSchema, args.input);
  return db.$transaction(async (tx) => {
    const { span, article } = await ownSpan(tx, actor, args.spanId);
    return toSpanView(await reviseSpan(tx, actor, { span, article, version, changes }));
  });
}

async function setDeleted(db: Db, actor: Actor, args: { spanId: string; input: unknown; deleted: boolean }) {
  const { version } = parseOrThrow(versionSchema, args.input);
  return db.$transaction(async (tx) => {
    const { span, article } = await ownSpan(tx, actor, args.spanId);
    return toSpanView(await markDeleted(tx, actor, { span, article, version, deleted: args.deleted }));
  });
}

export const deleteSpan = (db: Db, actor: Actor, args: { spanId: string; input: unknown }) =>
  setDeleted(db, actor, { ...args, deleted: true });
export const restoreSpan = (db: Db, actor: Actor, args: { spanId: string; input: unknown }) =>
  setDeleted(db, actor, { ...args, deleted: false });
