import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codePointLength } from '../anchoring/code-points';
import type { Actor } from '../auth/permissions';
import { projectAgreement } from '../review/figures';
import { reviewQueue } from '../review/queue';
import { createTestDb } from '../testing/test-db';
import type { Db } from './client';
import { DEMO_ARTICLES, DEMO_SPANS, REVIEW_DEMO_ARTICLES, REVIEW_DEMO_SPANS } from './demo-articles';
import { DEMO_PROJECT_ID, REVIEW_DEMO_PROJECT_ID } from './seed';

const reviewer: Actor = { id: 'demo-user-reviewer', role: 'reviewer' };

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, cleanup } = await createTestDb()));
afterAll(async () => cleanup());

describe('the demo', () => {
  it('anchors every demo span on its quote, in code points', async () => {
    const spans = await db.span.findMany({ include: { article: { select: { text: true } } } });
    const written = new Map([...DEMO_SPANS, ...REVIEW_DEMO_SPANS].map((d) => [d.id, d]));
    expect(spans).toHaveLength(written.size);
    for (const s of spans) {
      // The passage the demo means, found again in the stored text at the stored offsets.
      const meant = written.get(s.id)!;
      expect([...s.article.text].slice(s.start, s.end).join('')).toBe(meant.quote);
      expect(s.end - s.start).toBe(codePointLength(meant.quote));
      expect([s.articleId, s.authorId, s.label]).toEqual([meant.articleId, `demo-user-${meant.author}`, meant.label]);
    }
  });

  it('leaves the annotating project unsubmitted, so the demo annotators can work in it', async () => {
    const statuses = await db.annotationStatus.findMany({ where: { article: { projectId: DEMO_PROJECT_ID } } });
    expect(statuses.map((s) => s.status)).toEqual(['in_progress', 'in_progress']);
    expect(await db.article.count({ where: { projectId: DEMO_PROJECT_ID } })).toBe(DEMO_ARTICLES.length);
  });

  it('gives the reviewer a review-practice project whose articles are ready, with real disagreements', async () => {
    const { rows } = await reviewQueue(db, reviewer, REVIEW_DEMO_PROJECT_ID);
    expect(rows).toHaveLength(REVIEW_DEMO_ARTICLES.length);
    for (const row of rows) {
      expect(row.state).toBe('ready');
      expect(row.submissions).toBe(2);
      expect(row.clusters).toBeGreaterThanOrEqual(4);
      expect(row.disagreement).toBeGreaterThan(0);
    }
    const { report } = await projectAgreement(db, reviewer, REVIEW_DEMO_PROJECT_ID);
    expect(report.overall.comparedArticleCount).toBe(REVIEW_DEMO_ARTICLES.length);
    // Partial agreement: a defined alpha strictly between chance and perfect.
    expect(report.overall.alpha).toBeGreaterThan(0);
    expect(report.overall.alpha).toBeLessThan(1);
  });
});
