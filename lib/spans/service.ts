import type { Prisma, Span } from '../../generated/prisma/client';
import { makeSelector } from '../anchoring/selector';
import { codePointLength } from '../anchoring/code-points';
import { recordAudit } from '../audit';
import { decide, type Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { conflict, DomainError, invalid, notFound, parseOrThrow } from '../errors';
import type { Label } from '../labels';
import { createSpanSchema, updateSpanSchema, versionSchema, type SpanView } from './schema';

// Span writes: each one checks access, validates against the article text, bumps the version
// for optimistic concurrency and writes its audit event in the same transaction.

export function toSpanView(span: Span): SpanView {
  return {
    id: span.id,
    articleId: span.articleId,
    label: span.label as Label,
    start: span.start,
    end: span.end,
    quote: span.quote,
    prefix: span.prefix,
    suffix: span.suffix,
    note: span.note,
    speaker: span.speaker,
    version: span.version,
    createdAt: span.createdAt.toISOString(),
    updatedAt: span.updatedAt.toISOString(),
  };
}

const auditFields = (s: Span) => ({
  label: s.label,
  start: s.start,
  end: s.end,
  quote: s.quote,
  note: s.note,
  speaker: s.speaker,
  version: s.version,
  deleted: s.deletedAt !== null,
});

/** Loads an article the actor may annotate, or throws 401/404. */
export async function articleForAnnotation(db: Db | Prisma.TransactionClient, actor: Actor, articleId: string) {
  const article = await db.article.findFirst({
    where: { id: articleId, deletedAt: null },
    include: { project: { select: { id: true, memberships: { where: { userId: actor.id }, select: { id: true } } } } },
  });
  const decision = decide(actor, 'article.annotate', { isMember: (article?.project.memberships.length ?? 0) > 0 });
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

function checkRange(text: string, start: number, end: number) {
  const length = codePointLength(text);
  if (end > length) throw invalid(`end ${end} is beyond the article's length of ${length} characters`);
  if (start >= end) throw invalid('end must be greater than start');
}

export async function listOwnSpans(db: Db, actor: Actor, articleId: string): Promise<SpanView[]> {
  await articleForAnnotation(db, actor, articleId);
  const spans = await db.span.findMany({
    where: { articleId, authorId: actor.id, deletedAt: null },
    orderBy: [{ start: 'asc' }, { end: 'desc' }, { createdAt: 'asc' }],
  });
  return spans.map(toSpanView);
}

export async function createSpan(db: Db, actor: Actor, args: { articleId: string; input: unknown }): Promise<SpanView> {
  const input = parseOrThrow(createSpanSchema, args.input);
  return db.$transaction(async (tx) => {
    const article = await articleForAnnotation(tx, actor, args.articleId);
    checkRange(article.text, input.start, input.end);
    await ensureEditable(tx, actor, article.id);
    const selector = makeSelector(article.text, { start: input.start, end: input.end });
    const span = await tx.span.create({
      data: {
        articleId: article.id,
        authorId: actor.id,
        label: input.label,
        start: selector.start,
        end: selector.end,
        quote: selector.quote,
        prefix: selector.prefix,
        suffix: selector.suffix,
        textHash: article.textHash,
        note: input.note,
        speaker: input.label === 'sourced_quote' ? input.speaker.trim() : '',
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'span.create',
      entityType: 'span',
      entityId: span.id,
      projectId: article.projectId,
      articleId: article.id,
      after: auditFields(span),
    });
    return toSpanView(span);
  });
}

async function ownSpan(tx: Prisma.TransactionClient, actor: Actor, spanId: string) {
  const span = await tx.span.findFirst({ where: { id: spanId, authorId: actor.id } });
  if (!span) throw notFound('Span');
  const article = await articleForAnnotation(tx, actor, span.articleId).catch(() => {
    throw notFound('Span');
  });
  return { span, article };
}

function staleVersion(current: Span): DomainError {
  return conflict(
    `This span was changed elsewhere (you had an older version; the current one is ${current.version}). The page now shows the current state.`,
    toSpanView(current),
  );
}

export async function updateSpan(db: Db, actor: Actor, args: { spanId: string; input: unknown }): Promise<SpanView> {
  const input = parseOrThrow(updateSpanSchema, args.input);
  return db.$transaction(async (tx) => {
    const { span, article } = await ownSpan(tx, actor, args.spanId);
    if (span.deletedAt) throw notFound('Span');
    if (span.version !== input.version) throw staleVersion(span);
    await ensureEditable(tx, actor, article.id);
    const start = input.start ?? span.start;
    const end = input.end ?? span.end;
    checkRange(article.text, start, end);
    const selector = makeSelector(article.text, { start, end });
    const label = input.label ?? (span.label as Label);
    const data = {
      label,
      start: selector.start,
      end: selector.end,
      quote: selector.quote,
      prefix: selector.prefix,
      suffix: selector.suffix,
      note: input.note ?? span.note,
      speaker: label === 'sourced_quote' ? (input.speaker ?? span.speaker).trim() : '',
      version: span.version + 1,
    };
    // The version in the where clause makes the write itself conditional: a concurrent writer
    // that slipped in after the read above turns this into a 409, never a silent overwrite.
    const { count } = await tx.span.updateMany({ where: { id: span.id, version: span.version }, data });
    if (count !== 1) throw staleVersion((await tx.span.findUniqueOrThrow({ where: { id: span.id } })));
    const updated = await tx.span.findUniqueOrThrow({ where: { id: span.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'span.update',
      entityType: 'span',
      entityId: span.id,
      projectId: article.projectId,
      articleId: article.id,
      before: auditFields(span),
      after: auditFields(updated),
    });
    return toSpanView(updated);
  });
}

async function setDeleted(db: Db, actor: Actor, args: { spanId: string; input: unknown; deleted: boolean }) {
  const { version } = parseOrThrow(versionSchema, args.input);
  return db.$transaction(async (tx) => {
    const { span, article } = await ownSpan(tx, actor, args.spanId);
    if ((span.deletedAt !== null) === args.deleted) {
      throw conflict(args.deleted ? 'This span is already deleted.' : 'This span is not deleted.', toSpanView(span));
    }
    if (span.version !== version) throw staleVersion(span);
    await ensureEditable(tx, actor, article.id);
    const { count } = await tx.span.updateMany({
      where: { id: span.id, version },
      data: { deletedAt: args.deleted ? new Date() : null, version: version + 1 },
    });
    if (count !== 1) throw staleVersion(await tx.span.findUniqueOrThrow({ where: { id: span.id } }));
    const updated = await tx.span.findUniqueOrThrow({ where: { id: span.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: args.deleted ? 'span.delete' : 'span.restore',
      entityType: 'span',
      entityId: span.id,
      projectId: article.projectId,
      articleId: article.id,
      before: auditFields(span),
      after: auditFields(updated),
    });
    return toSpanView(updated);
  });
}

export const deleteSpan = (db: Db, actor: Actor, args: { spanId: string; input: unknown }) =>
  setDeleted(db, actor, { ...args, deleted: true });
export const restoreSpan = (db: Db, actor: Actor, args: { spanId: string; input: unknown }) =>
  setDeleted(db, actor, { ...args, deleted: false });
