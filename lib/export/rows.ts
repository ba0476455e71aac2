import { Prisma, type Article } from '../../generated/prisma/client';
import type { Db } from '../database/client';
import { DirectSqlite } from '../database/direct-sqlite';
import { groupBy } from '../group-by';

/*
 * The rows an export reads, one batch of articles at a time in queue order (position, then id),
 * with lean SQL: no Prisma row mapping and no relation loading. The statements are portable
 * (quoted identifiers, bound values) and run either through the Prisma client (`$queryRaw`, any
 * engine), or on SQLite straight on a second connection to the file, inside one read transaction
 * so the whole export sees one snapshot of the project. That path reads each article's spans with
 * one prepared statement and takes them as arrays, without an object per row.
 */

/** The article columns an export reads; timestamps as ISO 8601 (`isoTimestamp`). */
export type ArticleRow = Pick<Article, 'id' | 'position' | 'title' | 'author' | 'outlet' | 'sourceUrl' | 'publishedOn' | 'topic' | 'text' | 'textHash' | 'reviewState'> & {
  createdAt: string;
  updatedAt: string;
};

/** A live span, in the column order of `SPAN_COLUMNS`; timestamps as ISO 8601 (`isoTimestamp`). */
export type SpanTuple = [
  id: string,
  authorId: string,
  layer: string,
  label: string,
  start: number,
  end: number,
  quote: string,
  speaker: string,
  note: string,
  verdict: string,
  createdAt: string,
  updatedAt: string,
];

export type SubmittedRow = { articleId: string; userId: string };

/** One batch: articles in queue order, each with its live spans and the annotators who submitted it. */
export type ArticleBatchRow = { article: ArticleRow; spans: SpanTuple[]; submitted: SubmittedRow[] };

export type Scope = { projectId: string; articleId?: string };
export type Cursor = { position: number; id: string };

/** Which way rows are read: `auto` takes the direct SQLite connection when there is one. */
export type ReadPath = 'auto' | 'portable';

const SPAN_COLUMNS = Prisma.raw(
  '"id", "authorId", "layer", "label", "start", "end", "quote", "speaker", "note", "verdict", "createdAt", "updatedAt"',
);

/** Articles after `cursor` in queue order (position, id); `position >=` first, so the index range starts there. */
export function articlesQuery(scope: Scope, cursor: Cursor | null, limit: number): Prisma.Sql {
  const conditions = [Prisma.sql`"projectId" = ${scope.projectId}`, Prisma.sql`"deletedAt" IS NULL`];
  if (scope.articleId !== undefined) conditions.push(Prisma.sql`"id" = ${scope.articleId}`);
  if (cursor) conditions.push(Prisma.sql`"position" >= ${cursor.position} AND ("position" > ${cursor.position} OR "id" > ${cursor.id})`);
  return Prisma.sql`SELECT "id", "position", "title", "author", "outlet", "sourceUrl", "publishedOn", "topic", "text", "textHash", "reviewState", "createdAt", "updatedAt"
    FROM "Article" WHERE ${Prisma.join(conditions, ' AND ')} ORDER BY "position", "id" LIMIT ${limit}`;
}

/** The live spans of several articles (the portable path: one statement per batch). */
export function spansOfArticlesQuery(articleIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT "articleId", ${SPAN_COLUMNS} FROM "Span" WHERE "articleId" IN (${Prisma.join(articleIds)}) AND "deletedAt" IS NULL`;
}

/** The live spans of one article (the direct path: one prepared statement, run per article). */
export function spansOfArticleQuery(articleId: string): Prisma.Sql {
  return Prisma.sql`SELECT ${SPAN_COLUMNS} FROM "Span" WHERE "articleId" = ${articleId} AND "deletedAt" IS NULL`;
}

export function submittedQuery(articleIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT "articleId", "userId" FROM "AnnotationStatus"
    WHERE "articleId" IN (${Prisma.join(articleIds)}) AND "status" = 'submitted' ORDER BY "articleId", "userId"`;
}

export function emailsQuery(userIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT "id", "email" FROM "User" WHERE "id" IN (${Prisma.join(userIds)})`;
}

/**
 * A stored timestamp as `Date.toISOString()` writes it. Through Prisma it arrives as a Date; read
 * directly from SQLite it is the text Prisma stored, `2026-01-05T10:00:00.000+00:00`.
 */
export function isoTimestamp(value: unknown): string {
  if (typeof value === 'string' && value.length === 29 && value.endsWith('+00:00')) return `${value.slice(0, 23)}Z`;
  return (value instanceof Date ? value : new Date(value as string | number)).toISOString();
}

type Reader = {
  objects<T>(query: Prisma.Sql): Promise<T[]>;
  /** Live spans per article id, timestamps not yet converted. */
  spans(articleIds: readonly string[]): Promise<Map<string, SpanTuple[]>>;
  close(): void;
};

type SpanObject = { articleId: string; id: string; authorId: string; layer: string; label: string; start: number; end: number; quote: string; speaker: string; note: string; verdict: string; createdAt: unknown; updatedAt: unknown };

function prismaReader(db: Db): Reader {
  return {
    objects: <T>(query: Prisma.Sql) => db.$queryRaw<T[]>(query),
    async spans(articleIds) {
      const rows = await db.$queryRaw<SpanObject[]>(spansOfArticlesQuery(articleIds));
      const tuples = new Map<string, SpanTuple[]>();
      for (const [articleId, spans] of groupBy(rows, (s) => s.articleId)) {
        tuples.set(
          articleId,
          spans.map((s) => [s.id, s.authorId, s.layer, s.label, s.start, s.end, s.quote, s.speaker, s.note, s.verdict, s.createdAt as string, s.updatedAt as string]),
        );
      }
      return tuples;
    },
    close: () => {},
  };
}

function directReader(direct: DirectSqlite): Reader {
  direct.beginSnapshot();
  return {
    objects: async <T>(query: Prisma.Sql) => direct.all<T>(query),
    async spans(articleIds) {
      return new Map(articleIds.map((id) => [id, direct.tuples<SpanTuple>(spansOfArticleQuery(id))]));
    },
    close: () => direct.close(),
  };
}

/**
 * Every article of `scope` in queue order, `size` at a time, with spans, submissions and a way
 * to its annotators' e-mails. Reading starts at the first `next()`, and the connection is let go
 * when the loop ends or is left early.
 */
export async function* exportRowBatches(db: Db, args: { scope: Scope; size: number; path: ReadPath }): AsyncGenerator<{ rows: ArticleBatchRow[]; emails: ReadonlyMap<string, string> }> {
  const direct = args.path === 'auto' ? DirectSqlite.forClient(db, { readOnly: true }) : undefined;
  const reader = direct ? directReader(direct) : prismaReader(db);
  // Authors are few: their e-mails are read once each, as they first appear.
  const emails = new Map<string, string>();
  try {
    let cursor: Cursor | null = null;
    for (;;) {
      const articles: ArticleRow[] = await reader.objects<ArticleRow>(articlesQuery(args.scope, cursor, args.size));
      if (!articles.length) return;
      const ids = articles.map((a) => a.id);
      const spans = await reader.spans(ids);
      const submitted = groupBy(await reader.objects<SubmittedRow>(submittedQuery(ids)), (s) => s.articleId);
      const unknown = new Set<string>();
      for (const list of spans.values()) {
        for (const s of list) {
          // A span never edited has updatedAt = createdAt: convert once.
          const created = isoTimestamp(s[10]);
          s[11] = s[11] === s[10] ? created : isoTimestamp(s[11]);
          s[10] = created;
          if (!emails.has(s[1])) unknown.add(s[1]);
        }
      }
      if (unknown.size) {
        for (const u of await reader.objects<{ id: string; email: string }>(emailsQuery([...unknown]))) emails.set(u.id, u.email);
      }
      const rows = articles.map((article) => {
        article.createdAt = isoTimestamp(article.createdAt);
        article.updatedAt = isoTimestamp(article.updatedAt);
        return { article, spans: spans.get(article.id) ?? [], submitted: submitted.get(article.id) ?? [] };
      });
      yield { rows, emails };
      const last: ArticleRow = articles[articles.length - 1]!;
      cursor = { position: last.position, id: last.id };
      if (articles.length < args.size) return;
    }
  } finally {
    reader.close();
  }
}
