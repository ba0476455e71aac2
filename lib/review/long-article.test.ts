import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSelector, resolveIndex } from '../anchoring/selector';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { canonicalText, hashText } from '../import/canonical';
import { createTestDb } from '../testing/test-db';
import { feedbackFor } from './feedback';
import { addComment, createGoldSpan, loadReview, reviewHighlights } from './service';

// A long article under review: more spans than SQLite lets one statement bind (999 parameters),
// which once made the review page fail as it loaded every span's comments with an IN list.

const ann1: Actor = { id: 'demo-user-ann1', role: 'annotator' };
const ann2: Actor = { id: 'demo-user-ann2', role: 'annotator' };
const reviewer: Actor = { id: 'demo-user-reviewer', role: 'reviewer' };
const ARTICLE = 'long-review-article';
const SPANS_EACH = 1_200;

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  const words = 'the council said a new budget would cut costs while critics argued that the plan was rushed'.split(' ');
  const text = canonicalText(Array.from({ length: 6_000 }, (_, i) => words[(i * 7) % words.length] + (i % 20 === 19 ? '.\n\n' : '')).join(' '));
  const textHash = hashText(text);
  await db.article.create({ data: { id: ARTICLE, projectId: 'demo-project', createdById: 'demo-user-admin', title: 'A long article', text, textHash, position: 100 } });
  const index = resolveIndex(text);
  for (const [n, actor] of [ann1, ann2].entries()) {
    const data = Array.from({ length: SPANS_EACH }, (_, i) => {
      const start = (i * 23 + n * 5) % (index.length - 60);
      return { articleId: ARTICLE, authorId: actor.id, layer: 'annotator', label: 'claim', textHash, ...makeSelector(text, { start, end: start + 10 + (i % 40) }, index) };
    });
    await db.span.createMany({ data });
    await db.annotationStatus.create({ data: { articleId: ARTICLE, userId: actor.id, status: 'submitted', submittedAt: new Date() } });
  }
}, 60_000);
afterAll(async () => cleanup());

describe('the review of an article with thousands of spans', () => {
  it('loads every span with its own comment thread, and the annotator reads theirs on the Feedback page', async () => {
    const [first, last] = await Promise.all([
      db.span.findFirstOrThrow({ where: { articleId: ARTICLE, authorId: ann1.id }, orderBy: { start: 'asc' } }),
      db.span.findFirstOrThrow({ where: { articleId: ARTICLE, authorId: ann2.id }, orderBy: { start: 'desc' } }),
    ]);
    await addComment(db, reviewer, { spanId: first.id, input: { body: 'First?' } });
    await addComment(db, ann1, { spanId: first.id, input: { body: 'Yes.' } });
    await addComment(db, reviewer, { spanId: last.id, input: { body: 'Last.' } });

    const review = await loadReview(db, reviewer, ARTICLE);
    expect(review.spans).toHaveLength(2 * SPANS_EACH);
    const threads = new Map(review.spans.map((s) => [s.id, s.comments.map((c) => `${c.author}: ${c.body}`)]));
    expect(threads.get(first.id)).toEqual(['Rui Reviewer: First?', 'Ana Annotator: Yes.']);
    expect(threads.get(last.id)).toEqual(['Rui Reviewer: Last.']);
    expect(review.spans.filter((s) => s.comments.length > 0)).toHaveLength(2);
    expect(review.spans.find((s) => s.id === first.id)?.quote).toBe(first.quote);
    expect(review.clusters.reduce((n, c) => n + c.spans.length, 0)).toBe(2 * SPANS_EACH);

    const feedback = (await feedbackFor(db, ann1, 'demo-project')).articles.find((a) => a.id === ARTICLE)!;
    expect(feedback.spans).toHaveLength(SPANS_EACH);
    expect(feedback.spans.find((s) => s.id === first.id)?.comments.map((c) => c.body)).toEqual(['First?', 'Yes.']);
    // Blind: the other annotator's thread is not theirs to read.
    expect(feedback.spans.some((s) => s.id === last.id)).toBe(false);
  });

  it('gives the early painter the labels and offsets of exactly the spans and gold spans the review shows', async () => {
    await createGoldSpan(db, reviewer, { articleId: ARTICLE, input: { label: 'opinion', start: 10, end: 30 } });
    const review = await loadReview(db, reviewer, ARTICLE, { quotes: false });
    const key = (s: { label: string; start: number; end: number }) => `${s.label}:${s.start}:${s.end}`;
    const shown = [...review.spans, ...review.gold].map(key).sort();
    expect(shown).toHaveLength(2 * SPANS_EACH + 1);
    expect((await reviewHighlights(db, reviewer, ARTICLE)).map(key).sort()).toEqual(shown);
    expect(review.spans.every((s) => s.quote === '')).toBe(true);
  });

  it('refuses the highlights to whoever may not review the article', async () => {
    await expect(reviewHighlights(db, ann1, ARTICLE)).rejects.toMatchObject({ status: 403 });
    await expect(reviewHighlights(db, reviewer, 'no-such-article')).rejects.toMatchObject({ status: 404 });
  });
});

