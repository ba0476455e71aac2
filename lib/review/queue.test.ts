import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAnnotationStatus } from '../articles/service';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { createTestDb } from '../testing/test-db';
import { reviewQueue } from './queue';

const ann1: Actor = { id: 'demo-user-ann1', role: 'annotator' };
const reviewer: Actor = { id: 'demo-user-reviewer', role: 'reviewer' };
const PROJECT = 'demo-project';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, cleanup } = await createTestDb()));
afterAll(async () => cleanup());

describe('review queue progress', () => {
  it('counts an article as annotated by its submissions, not by a review started before they were all in; a closed one is done', async () => {
    const project = await db.project.findUniqueOrThrow({ where: { id: PROJECT } });
    expect(project.requiredSubmissions).toBe(2);
    const before = await reviewQueue(db, reviewer, PROJECT);
    const wind = 'demo-article-wind';
    expect(before.rows.find((r) => r.id === wind)).toMatchObject({ submissions: 0, state: 'waiting' });

    // One of the two submissions is in; a reviewer has started on the article, or closed it.
    await setAnnotationStatus(db, ann1, { articleId: wind, input: { action: 'submit' } });
    for (const reviewState of ['in_review', 'adjudicated']) {
      await db.article.update({ where: { id: wind }, data: { reviewState } });
      const { rows, progress } = await reviewQueue(db, reviewer, PROJECT);
      expect(rows.find((r) => r.id === wind)).toMatchObject({ submissions: 1 });
      // In review, the Annotated bar agrees with the Submissions column: the article has 1 of 2.
      // Closed, its layers are too, and no second submission can come: it counts as done.
      const enough = rows.filter((r) => r.submissions >= project.requiredSubmissions || r.state === 'adjudicated').length;
      expect(progress.annotated).toBe(enough);
      expect(progress.annotated).toBe(before.progress.annotated + (reviewState === 'adjudicated' ? 1 : 0));
      expect(progress.reviewed).toBe(before.progress.reviewed + 1);
    }
  });
});
