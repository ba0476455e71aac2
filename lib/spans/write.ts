import type { Article, Prisma, Span } from '../../generated/prisma/client';
import { makeSelector } from '../anchoring/selector';
import { codePointLength } from '../anchoring/code-points';
import { isBlank } from '../anchoring/snap';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/permissions';
import { conflict, DomainError, invalid } from '../errors';
import { storedSpeaker, type Label } from '../labels';
import type { SpanView } from './schema';

// The writes every span layer shares (an annotator's spans, the gold layer): validation against
// the article text, the stored selector, conditional version bumps and the audit event, all
// inside the caller's transaction.

export type SpanLayer = 'annotator' | 'gold';
type Tx = Prisma.TransactionClient;
type Fields = { label: Label; start: number; end: number; note: string; speaker: string };

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

export const auditFields = (s: Span) => ({
  label: s.label,
  start: s.start,
  end: s.end,
  quote: s.quote,
  note: s.note,
  speaker: s.speaker,
  verdict: s.verdict,
  version: s.version,
  deleted: s.deletedAt !== null,
});

function checkRange(text: string, start: number, end: number) {
  const length = codePointLength(text);
  if (end > length) throw invalid(`end ${end} is beyond the article's length of ${length} characters`);
  if (start >= end) throw invalid('end must be greater than start');
}

/**
 * The stored fields of a span over `fields`' range. A new range must mark some text; a span
 * saved over blank text before that rule keeps its range through changes of label or note.
 */
function located(text: string, fields: Fields, previous?: { start: number; end: number }) {
  checkRange(text, fields.start, fields.end);
  const selector = makeSelector(text, { start: fields.start, end: fields.end });
  const sameRange = previous !== undefined && previous.start === fields.start && previous.end === fields.end;
  if (!sameRange && isBlank(selector.quote)) {
    throw invalid(`start ${fields.start} and end ${fields.end} cover only spaces or line breaks; a span must mark some text`);
  }
  return {
    label: fields.label,
    ...selector,
    note: fields.note,
    speaker: storedSpeaker(fields.label, fields.speaker),
  };
}

/**
 * A new span's offsets count into the text the client showed. When that text (named by its hash)
 * is no longer the article's, the same offsets mark other words: refused, before anything is written.
 */
export function ensureSameText(article: { textHash: string }, seenTextHash: string | undefined): void {
  if (seenTextHash === undefined || seenTextHash === article.textHash) return;
  throw conflict(
    "The article's text was edited after this page was loaded, so this selection no longer marks the words you chose. Reload the page to annotate the current text.",
  );
}

export function staleVersion(current: Span): DomainError {
  return conflict(
    `This span was changed elsewhere meanwhile, in another tab or by someone else (you had an older version; the current one is ${current.version}). The page now shows the current state.`,
    toSpanView(current),
  );
}

/** Writes `data` only if the span still has `version`; otherwise 409 with the current span. */
export async function updateIfVersion(tx: Tx, span: Span, data: Prisma.SpanUpdateManyMutationInput): Promise<Span> {
  // One conditional UPDATE ... RETURNING; no row means someone else's write came first.
  const updated = await tx.span.updateManyAndReturn({ where: { id: span.id, version: span.version }, data: { ...data, version: span.version + 1 } });
  if (updated.length === 1) return updated[0];
  throw staleVersion(await tx.span.findUniqueOrThrow({ where: { id: span.id } }));
}

const auditPrefix = (layer: string) => (layer === 'gold' ? 'gold' : 'span');

export async function insertSpan(
  tx: Tx,
  actor: Actor,
  args: { article: Article; fields: Fields; layer: SpanLayer; sourceSpanId?: string; authorId?: string },
): Promise<Span> {
  const span = await tx.span.create({
    data: {
      ...located(args.article.text, args.fields),
      articleId: args.article.id,
      // An import may file spans under another annotator; the audit still names who did it.
      authorId: args.authorId ?? actor.id,
      layer: args.layer,
      sourceSpanId: args.sourceSpanId ?? null,
      textHash: args.article.textHash,
    },
  });
  await recordAudit(tx, {
    actorId: actor.id,
    action: `${auditPrefix(args.layer)}.create`,
    entityType: 'span',
    entityId: span.id,
    projectId: args.article.projectId,
    articleId: args.article.id,
    after: auditFields(span),
  });
  return span;
}

export async function reviseSpan(
  tx: Tx,
  actor: Actor,
  args: { span: Span; article: Article; version: number; changes: Partial<Fields> },
): Promise<Span> {
  const { span, article } = args;
  if (span.deletedAt) throw new DomainError(404, 'Span not found.');
  if (span.version !== args.version) throw staleVersion(span);
  const data = located(article.text, {
    label: args.changes.label ?? (span.label as Label),
    start: args.changes.start ?? span.start,
    end: args.changes.end ?? span.end,
    note: args.changes.note ?? span.note,
    speaker: args.changes.speaker ?? span.speaker,
  }, span);
  const updated = await updateIfVersion(tx, span, data);
  await recordAudit(tx, {
    actorId: actor.id,
    action: `${auditPrefix(span.layer)}.update`,
    entityType: 'span',
    entityId: span.id,
    projectId: article.projectId,
    articleId: article.id,
    before: auditFields(span),
    after: auditFields(updated),
  });
  return updated;
}

export async function markDeleted(
  tx: Tx,
  actor: Actor,
  args: { span: Span; article: Article; version: number; deleted: boolean },
): Promise<Span> {
  const { span, article } = args;
  if ((span.deletedAt !== null) === args.deleted) {
    throw conflict(args.deleted ? 'This span is already deleted.' : 'This span is not deleted.', toSpanView(span));
  }
  if (span.version !== args.version) throw staleVersion(span);
  const updated = await updateIfVersion(tx, span, { deletedAt: args.deleted ? new Date() : null });
  await recordAudit(tx, {
    actorId: actor.id,
    action: `${auditPrefix(span.layer)}.${args.deleted ? 'delete' : 'restore'}`,
    entityType: 'span',
    entityId: span.id,
    projectId: article.projectId,
    articleId: article.id,
    before: auditFields(span),
    after: auditFields(updated),
  });
  return updated;
}
