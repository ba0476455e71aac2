// The benchmark's synthetic project, written straight into a migrated SQLite file with
// better-sqlite3 in one transaction: building it is not what is measured, so it skips the app.
import Database from 'better-sqlite3';
import path from 'node:path';
import { makeSelector, resolveIndex } from '../lib/anchoring/selector';
import { hashPassword } from '../lib/auth/password';
import { sqliteFile } from '../lib/database/location';
import { canonicalText, hashText } from '../lib/import/canonical';
import { LABELS } from '../lib/labels';
import { prepareDatabase, ROOT } from '../scripts/lib/setup';
import { articleMetadata, articleText, seededRandom } from './random';

export const BENCH_PROJECT_ID = 'bench-project';
export const BENCH_ADMIN_ID = 'bench-admin';
export const BENCH_PASSWORD = 'bench-password';
export const annotatorId = (i: number) => `bench-ann-${i}`;
export const annotatorEmail = (i: number) => `ann${i}@bench.test`;

export type CorpusSize = {
  articles: number;
  /** Annotators who submitted every article, each with `spansPerAnnotator` spans on it. */
  annotators: number;
  spansPerAnnotator: number;
  /** Gold spans per article (the articles are adjudicated when there are any). */
  goldSpans: number;
  /** Extra member annotators with nothing annotated yet (the saves scenario's clients). */
  members?: number;
  words: [min: number, max: number];
  seed: number;
};

/** SQLite's and Prisma's text form of a DateTime. */
export const sqliteDate = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

export const databaseFile = (databaseUrl: string) => sqliteFile(databaseUrl, ROOT);

/** Spans of a text: from a word to a few sentences long, starting anywhere, so they overlap and nest. */
export function randomSpans(rand: () => number, length: number, count: number) {
  return Array.from({ length: count }, () => {
    const start = Math.floor(rand() * Math.max(1, length - 120));
    const end = Math.min(length, start + 3 + Math.floor(rand() * (rand() < 0.1 ? 300 : 100)));
    return { start, end, label: LABELS[Math.floor(rand() * LABELS.length)] };
  });
}

/** A migrated database (WAL) holding one project with `size` articles; returns the total span count. */
export async function buildCorpus(databaseUrl: string, size: CorpusSize): Promise<{ articles: number; spans: number }> {
  await prepareDatabase({ databaseUrl, seed: false, demoPassword: '' });
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const sqlite = new Database(databaseFile(databaseUrl));
  const t0 = Date.UTC(2026, 0, 5);
  let spans = 0;
  try {
    const insertUser = sqlite.prepare('INSERT INTO "User" (id, email, name, role, passwordHash, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertMember = sqlite.prepare('INSERT INTO "Membership" (id, projectId, userId, createdAt) VALUES (?, ?, ?, ?)');
    const insertArticle = sqlite.prepare(
      `INSERT INTO "Article" (id, projectId, title, author, outlet, sourceUrl, publishedOn, topic, text, textHash, position, reviewState,
         adjudicatedAt, adjudicatedById, createdById, createdAt, updatedAt)
       VALUES (@id, @projectId, @title, @author, @outlet, @sourceUrl, @publishedOn, @topic, @text, @textHash, @position, @reviewState,
         @adjudicatedAt, @adjudicatedById, @createdById, @createdAt, @updatedAt)`,
    );
    const insertSpan = sqlite.prepare(
      `INSERT INTO "Span" (id, articleId, authorId, layer, label, start, "end", quote, prefix, suffix, textHash, note, speaker, createdAt, updatedAt)
       VALUES (@id, @articleId, @authorId, @layer, @label, @start, @end, @quote, @prefix, @suffix, @textHash, @note, @speaker, @createdAt, @updatedAt)`,
    );
    const insertStatus = sqlite.prepare(
      'INSERT INTO "AnnotationStatus" (id, articleId, userId, status, submittedAt, updatedAt) VALUES (?, ?, ?, \'submitted\', ?, ?)',
    );
    const members = size.annotators + (size.members ?? 0);
    sqlite.transaction(() => {
      const created = sqliteDate(t0);
      insertUser.run(BENCH_ADMIN_ID, 'admin@bench.test', 'Bench Admin', 'admin', passwordHash, created, created);
      sqlite.prepare('INSERT INTO "Project" (id, name, guidelines, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)').run(BENCH_PROJECT_ID, 'Benchmark project', '# Guidelines\n', created, created);
      insertMember.run('bench-m-admin', BENCH_PROJECT_ID, BENCH_ADMIN_ID, created);
      for (let i = 0; i < members; i++) {
        insertUser.run(annotatorId(i), annotatorEmail(i), `Bench Annotator ${i}`, 'annotator', passwordHash, created, created);
        insertMember.run(`bench-m-${i}`, BENCH_PROJECT_ID, annotatorId(i), created);
      }
      const rand = seededRandom(size.seed);
      for (let a = 0; a < size.articles; a++) {
        const id = `bench-a-${String(a).padStart(6, '0')}`;
        const text = canonicalText(articleText(rand, size.words[0] + Math.floor(rand() * (size.words[1] - size.words[0] + 1))));
        const textHash = hashText(text);
        const at = sqliteDate(t0 + a * 60_000);
        const adjudicated = size.goldSpans > 0;
        insertArticle.run({
          id,
          projectId: BENCH_PROJECT_ID,
          ...articleMetadata(rand, a),
          text,
          textHash,
          position: a,
          reviewState: adjudicated ? 'adjudicated' : 'open',
          adjudicatedAt: adjudicated ? at : null,
          adjudicatedById: adjudicated ? BENCH_ADMIN_ID : null,
          createdById: BENCH_ADMIN_ID,
          createdAt: at,
          updatedAt: at,
        });
        const index = resolveIndex(text);
        const layers: { authorId: string; layer: string; count: number }[] = [
          ...Array.from({ length: size.annotators }, (_, i) => ({ authorId: annotatorId(i), layer: 'annotator', count: size.spansPerAnnotator })),
          { authorId: BENCH_ADMIN_ID, layer: 'gold', count: size.goldSpans },
        ];
        let n = 0;
        for (const layer of layers) {
          for (const s of randomSpans(rand, index.length, layer.count)) {
            insertSpan.run({
              id: `${id}-s${n++}`,
              articleId: id,
              authorId: layer.authorId,
              layer: layer.layer,
              label: s.label,
              ...makeSelector(text, s, index),
              textHash,
              note: rand() < 0.1 ? 'Loaded wording; check the source.' : '',
              speaker: s.label === 'sourced_quote' ? 'Maria Keller' : '',
              createdAt: at,
              updatedAt: at,
            });
          }
        }
        spans += n;
        for (let i = 0; i < size.annotators; i++) insertStatus.run(`${id}-st${i}`, id, annotatorId(i), at, at);
      }
    })();
  } finally {
    sqlite.close();
  }
  return { articles: size.articles, spans };
}
