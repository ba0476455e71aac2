import { Prisma } from '../../generated/prisma/client';
import { decide, type Actor } from '../auth/permissions';
import { engineOfDb, type Db } from '../database/client';
import { DomainError } from '../errors';
import { COMMAND_LINE, dateRange, decodeCursor, encodeCursor, type AuditFilters } from './filters';

export const AUDIT_PAGE_SIZE = 50;
const ARTICLE_MATCHES = 50;

/**
 * Articles the article filter means: an exact id, or titles containing the words, in the chosen
 * project when there is one. Titles match at most ARTICLE_MATCHES articles, the newest first, and
 * `cut` says when more matched, so the page can say its search was not the whole trail.
 */
async function articleIds(db: Db, args: { query: string; projectId?: string }): Promise<{ ids: string[]; cut: boolean }> {
  const exact = await db.article.findUnique({ where: { id: args.query }, select: { id: true } });
  if (exact) return { ids: [exact.id], cut: false };
  // The words as they are: Prisma's `contains` would hand `%` and `_` to LIKE as wildcards, so
  // "50%" would match every title with a 50 in it. SQLite's LIKE ignores ASCII case; PostgreSQL
  // needs to be asked to (ILIKE).
  const like = engineOfDb(db) === 'postgresql' ? Prisma.sql`ILIKE` : Prisma.sql`LIKE`;
  const inProject = args.projectId ? Prisma.sql`AND "projectId" = ${args.projectId}` : Prisma.empty;
  const byTitle = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT "id" FROM "Article"
    WHERE "title" ${like} ${likePattern(args.query)} ESCAPE '\\' ${inProject}
    ORDER BY "createdAt" DESC, "id" ASC
    LIMIT ${ARTICLE_MATCHES + 1}`);
  return { ids: byTitle.slice(0, ARTICLE_MATCHES).map((a) => a.id), cut: byTitle.length > ARTICLE_MATCHES };
}

/** A LIKE pattern (escaped with a backslash) for titles that contain `words` as written. */
export function likePattern(words: string): string {
  return `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** What the page says when the article filter's words matched more titles than were searched. */
export function articleMatchesCutNotice(args: { inProject: boolean }): string {
  const where = args.inProject ? ' of this project' : '';
  const narrow = args.inProject ? "Add words or give the article's id" : "Choose a project, add words or give the article's id";
  return `More than ${ARTICLE_MATCHES} articles${where} have these words in their title; only the ${ARTICLE_MATCHES} newest were searched. ${narrow} to find the events of the others.`;
}

/** One page of the audit trail, newest first (admins). */
export async function auditTrail(db: Db, actor: Actor, filters: AuditFilters) {
  const decision = decide(actor, 'audit.view');
  if (!decision.ok) throw new DomainError(decision.status, decision.reason);
  const where: Prisma.AuditEventWhereInput = {};
  if (filters.user) where.actorId = filters.user === COMMAND_LINE ? null : filters.user;
  if (filters.project) where.projectId = filters.project;
  if (filters.kind) where.entityType = filters.kind;
  let articleNotice: string | null = null;
  if (filters.article) {
    const matched = await articleIds(db, { query: filters.article, projectId: filters.project });
    where.articleId = { in: matched.ids };
    if (matched.cut) articleNotice = articleMatchesCutNotice({ inProject: !!filters.project });
  }
  const range = dateRange(filters);
  const and: Prisma.AuditEventWhereInput[] = [];
  if (range.gte || range.lt) and.push({ createdAt: range });
  if (filters.before) {
    const cursor = decodeCursor(filters.before);
    and.push({ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] });
  }
  if (and.length) where.AND = and;
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: AUDIT_PAGE_SIZE + 1,
    include: { actor: { select: { email: true, name: true } } },
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const titles = await db.article.findMany({
    where: { id: { in: [...new Set(page.flatMap((e) => (e.articleId ? [e.articleId] : [])))] } },
    select: { id: true, title: true, projectId: true, deletedAt: true },
  });
  const articles = new Map(titles.map((a) => [a.id, a]));
  return {
    events: page.map((e) => ({ ...e, article: e.articleId ? (articles.get(e.articleId) ?? null) : null })),
    older: rows.length > AUDIT_PAGE_SIZE ? encodeCursor(page[page.length - 1]) : null,
    articleNotice,
  };
}

/** What the filter selects offer: every account (deactivated ones too) and every project. */
export async function auditFilterChoices(db: Db, actor: Actor) {
  const decision = decide(actor, 'audit.view');
  if (!decision.ok) throw new DomainError(decision.status, decision.reason);
  const [users, projects] = await Promise.all([
    db.user.findMany({ orderBy: { email: 'asc' }, select: { id: true, email: true, deletedAt: true } }),
    db.project.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ]);
  return { users, projects };
}
