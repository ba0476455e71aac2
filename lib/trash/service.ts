import { z } from 'zod';
import type { Article, Prisma } from '../../generated/prisma/client';
import { recordAudit } from '../audit';
import { restoreVerdictsBehind, sameGold } from '../review/service';
import { ensureAdminActs, ensureAnotherAdmin } from '../users/service';
import { decide, type Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { scopedTransaction } from '../database/write-scope';
import { conflict, DomainError, notFound, parseOrThrow } from '../errors';
import { projectFor } from '../projects/service';
import { markDeleted } from '../spans/write';
import { formVersionField } from '../versions';

type Tx = Prisma.TransactionClient;

// Soft deletion and its undoing. Nothing a user deletes is erased: spans, gold spans, articles
// and user accounts get a `deletedAt`, disappear from every list, and an admin can restore them
// from the "Deleted items" page. Each step writes an audit event in the same transaction.

function requireAdmin(actor: Actor): void {
  const decision = decide(actor, 'record.restore');
  if (!decision.ok) throw new DomainError(decision.status, decision.reason);
}

const versionSchema = z.object({ version: formVersionField });

/** Soft-deletes an article (reviewers who are members, and admins). Its spans stay untouched. */
export async function deleteArticle(db: Db, actor: Actor, args: { articleId: string; input: unknown }) {
  const article = await db.article.findFirst({ where: { id: args.articleId, deletedAt: null } });
  if (!article) throw notFound('Article');
  await projectFor(db, actor, { projectId: article.projectId, action: 'article.delete' }).catch((e: unknown) => {
    throw e instanceof DomainError && e.status === 404 ? notFound('Article') : e;
  });
  const { version } = parseOrThrow(versionSchema, args.input);
  return scopedTransaction(db, { kind: 'article', articleId: article.id }, async (tx) => {
    const { count } = await tx.article.updateMany({
      where: { id: article.id, version, deletedAt: null },
      data: { deletedAt: new Date(), version: version + 1 },
    });
    if (count !== 1) throw conflict('Someone else changed this article meanwhile. The page now shows their version; delete it again if you still want to.');
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'article.delete',
      entityType: 'article',
      entityId: article.id,
      projectId: article.projectId,
      articleId: article.id,
      before: { title: article.title, version },
    });
    return { id: article.id, projectId: article.projectId };
  });
}

/** Deactivates an account (admins). Its sessions and API tokens stop working at once; its work stays. */
export async function deactivateUser(db: Db, actor: Actor, args: { userId: string }) {
  requireAdmin(actor);
  if (args.userId === actor.id) throw conflict('You cannot deactivate your own account; ask another admin.');
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: args.userId, deletedAt: null } });
    if (!user) throw notFound('User');
    await ensureAdminActs(tx, actor.id);
    if (user.role === 'admin') await ensureAnotherAdmin(tx, user.id);
    const now = new Date();
    // Its sessions end for good: restoring the account later does not bring them back.
    await tx.user.update({ where: { id: user.id }, data: { deletedAt: now, sessionEpoch: { increment: 1 } } });
    // Revoked for good: restoring the account later must not bring old tokens back to life.
    await tx.apiToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await recordAudit(tx, { actorId: actor.id, action: 'user.delete', entityType: 'user', entityId: user.id, before: { email: user.email, role: user.role } });
    return { id: user.id, email: user.email };
  });
}

export const TRASH_KINDS = ['span', 'article', 'user'] as const;
export type TrashKind = (typeof TRASH_KINDS)[number];
const restoreSchema = z.object({ kind: z.enum(TRASH_KINDS), id: z.string().min(1).max(200) });

const LIST_LIMIT = 200;

/** What has been deleted, newest first (admins). Spans can be narrowed to one project. */
export async function listDeleted(db: Db, actor: Actor, args: { projectId?: string } = {}) {
  requireAdmin(actor);
  const inProject = args.projectId ? { projectId: args.projectId } : {};
  const [spans, articles, users] = await Promise.all([
    db.span.findMany({
      where: { deletedAt: { not: null }, article: { deletedAt: null, ...inProject } },
      orderBy: { deletedAt: 'desc' },
      take: LIST_LIMIT,
      include: { author: { select: { email: true } }, article: { select: { id: true, title: true, projectId: true, deletedAt: true } } },
    }),
    db.article.findMany({
      where: { deletedAt: { not: null }, ...inProject },
      orderBy: { deletedAt: 'desc' },
      take: LIST_LIMIT,
      select: { id: true, title: true, projectId: true, deletedAt: true, project: { select: { name: true } } },
    }),
    db.user.findMany({ where: { deletedAt: { not: null } }, orderBy: { deletedAt: 'desc' }, take: LIST_LIMIT, select: { id: true, email: true, name: true, role: true, deletedAt: true } }),
  ]);
  return { spans, articles, users, limit: LIST_LIMIT };
}

/** Brings a soft-deleted span, gold span, article or user back (admins). */
export async function restoreDeleted(db: Db, actor: Actor, input: unknown) {
  requireAdmin(actor);
  const { kind, id } = parseOrThrow(restoreSchema, input);
  return db.$transaction(async (tx) => {
    // Checked again here: an admin demoted or deactivated meanwhile restores nothing.
    await ensureAdminActs(tx, actor.id);
    if (kind === 'span') {
      const span = await tx.span.findUnique({ where: { id } });
      if (!span) throw notFound('Span');
      const article = await tx.article.findUnique({ where: { id: span.articleId } });
      if (!article) throw notFound('Article');
      if (article.deletedAt) throw conflict('The span belongs to a deleted article; restore the article first.');
      if (span.layer === 'gold') {
        // Gold is settled once the review closes, and never holds the same span twice.
        if (article.reviewState === 'adjudicated') throw conflict('The article is adjudicated: reopen its review before you restore a gold span.');
        if (await sameGold(tx, article.id, span, span.id)) throw conflict('The gold layer already has this span again.');
      } else if (span.deletedAt) {
        // An annotator's layer is theirs as they handed it in: a span they deleted before submitting
        // comes back only through them (reopen, then undo), or the review would judge work they never submitted.
        const status = await tx.annotationStatus.findUnique({ where: { articleId_userId: { articleId: article.id, userId: span.authorId } }, include: { user: { select: { name: true, email: true } } } });
        if (article.reviewState === 'adjudicated') throw conflict("The article is adjudicated: its annotators' layers are closed. Reopen its review first.");
        if (status?.status === 'submitted') {
          throw conflict(`${status.user.name || status.user.email} has submitted this article, so their annotations stay as they handed them in. Once they reopen it, it can be restored here.`);
        }
      }
      await markDeleted(tx, actor, { span, article, version: span.version, deleted: false });
      if (span.layer === 'gold') await restoreVerdictsBehind(tx, actor, { goldSpanId: span.id, article });
      return { kind, id };
    }
    if (kind === 'article') {
      const article = await tx.article.findUnique({ where: { id } });
      if (!article) throw notFound('Article');
      if (!article.deletedAt) throw conflict('This article is not deleted.');
      // Inside the transaction, as on import and editing: two live articles of a project never
      // quietly share a text, and the same text may have been saved again while this one was deleted.
      // A twin that already held it, beside it, before (saved on purpose as a duplicate) stays as it
      // was, whatever else was done to it since (a title fixed, a review begun).
      const twin = await textSavedAgainWhileDeleted(tx, article);
      if (twin) throw conflict(`“${twin.title}” already has this text in this project, so “${article.title}” cannot come back beside it; delete “${twin.title}” first if you want this one back.`);
      await tx.article.update({ where: { id }, data: { deletedAt: null, version: article.version + 1 } });
      await recordAudit(tx, { actorId: actor.id, action: 'article.restore', entityType: 'article', entityId: id, projectId: article.projectId, articleId: id, after: { title: article.title } });
      return { kind, id };
    }
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw notFound('User');
    if (!user.deletedAt) throw conflict('This account is not deactivated.');
    await tx.user.update({ where: { id }, data: { deletedAt: null } });
    await recordAudit(tx, { actorId: actor.id, action: 'user.restore', entityType: 'user', entityId: id, after: { email: user.email, role: user.role } });
    return { kind, id };
  });
}

/**
 * A live article of the same project that came to hold this deleted article's text after it was
 * deleted: created since, or given this text (edited, or itself restored) since, as its audit
 * events say. A twin that held the text before and only changed otherwise does not count.
 */
async function textSavedAgainWhileDeleted(tx: Tx, article: Pick<Article, 'id' | 'projectId' | 'textHash' | 'deletedAt'>): Promise<{ title: string } | null> {
  const deletedAt = article.deletedAt!;
  const twins = await tx.article.findMany({
    where: { projectId: article.projectId, textHash: article.textHash, deletedAt: null, id: { not: article.id } },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
    select: { id: true, title: true, createdAt: true },
  });
  // Within the millisecond of the deletion counts as after it: refusing is the safe side.
  const older = twins.filter((t) => t.createdAt < deletedAt);
  const events = older.length
    ? await tx.auditEvent.findMany({
        where: { entityType: 'article', entityId: { in: older.map((t) => t.id) }, action: { in: ['article.update', 'article.restore'] }, createdAt: { gte: deletedAt } },
        select: { entityId: true, action: true, before: true, after: true },
      })
    : [];
  const textGiven = new Set(events.filter((e) => e.action === 'article.restore' || textHashOf(e.before) !== textHashOf(e.after)).map((e) => e.entityId));
  return twins.find((t) => t.createdAt >= deletedAt || textGiven.has(t.id)) ?? null;
}

/** The `textHash` an article event's JSON records, or null. */
function textHashOf(json: string | null): string | null {
  if (!json) return null;
  try {
    const value = (JSON.parse(json) as { textHash?: unknown }).textHash;
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
