import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { createSpan } from '../spans/service';
import { statusOf } from '../testing/status-of';
import { createTestDb } from '../testing/test-db';
import { COMMAND_LINE } from './filters';
import { createArticles } from '../articles/service';
import { hashText } from '../import/canonical';
import { articleMatchesCutNotice, AUDIT_PAGE_SIZE, auditTrail, likePattern } from './service';

const admin: Actor = { id: 'demo-user-admin', role: 'admin' };
const ann1: Actor = { id: 'demo-user-ann1', role: 'annotator' };
const ann2: Actor = { id: 'demo-user-ann2', role: 'annotator' };

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) {
    await createSpan(db, ann1, { articleId: 'demo-article-wind', input: { label: 'claim', start: i, end: i + 3 } });
  }
  await createSpan(db, ann2, { articleId: 'demo-article-bridge', input: { label: 'opinion', start: 0, end: 5 } });
  await db.auditEvent.create({ data: { actorId: null, action: 'user.create', entityType: 'user', entityId: 'x', createdAt: new Date('2020-01-15T12:00:00Z') } });
});
afterAll(async () => cleanup());

describe('audit trail', () => {
  it('is for admins only', async () => {
    expect(await statusOf(auditTrail(db, ann1, {}))).toBe(403);
  });

  it('filters by user and by article (id or title words)', async () => {
    const byAnn2 = await auditTrail(db, admin, { user: ann2.id });
    expect(byAnn2.events.every((e) => e.actorId === ann2.id)).toBe(true);
    expect(byAnn2.events.map((e) => e.action)).toContain('span.create');
    const bridge = await db.article.findUniqueOrThrow({ where: { id: 'demo-article-bridge' } });
    const byTitle = await auditTrail(db, admin, { article: bridge.title.split(' ').slice(0, 2).join(' ') });
    expect(byTitle.events.length).toBeGreaterThan(0);
    expect(byTitle.events.every((e) => e.articleId === bridge.id)).toBe(true);
    expect(byTitle.events[0].article?.title).toBe(bridge.title);
    expect((await auditTrail(db, admin, { article: 'no article has this title' })).events).toEqual([]);
    // Title words match whatever their case, on both engines.
    const shouted = await auditTrail(db, admin, { article: bridge.title.split(' ').slice(0, 2).join(' ').toUpperCase() });
    expect(shouted.events.map((e) => e.id)).toEqual(byTitle.events.map((e) => e.id));
  });

  it("finds a project's article by title words however many other projects' titles have them, and says when it searched only some", async () => {
    // 60 older articles called "Budget …" in another project, then one in the demo project.
    const other = await db.project.create({ data: { name: 'Budget desk' } });
    const texts = Array.from({ length: 60 }, (_, i) => `Budget item ${i} was approved.`);
    await db.article.createMany({
      data: texts.map((text, i) => ({ id: `budget-${i}`, projectId: other.id, title: `Budget ${i}`, text, textHash: hashText(text), createdById: admin.id, createdAt: new Date(Date.UTC(2020, 0, 1, 0, i)) })),
    });
    const [mine] = await createArticles(db, admin, { projectId: 'demo-project', input: { articles: [{ title: 'Budget of the harbour', text: 'The harbour budget grows.' }] } });

    const inProject = await auditTrail(db, admin, { project: 'demo-project', article: 'budget' });
    expect(inProject.events.map((e) => [e.action, e.articleId])).toEqual([['article.create', mine!.id]]);
    expect(inProject.articleNotice).toBeNull();

    // Without a project, 61 titles match: the 50 newest are searched, and the page says so.
    const anywhere = await auditTrail(db, admin, { article: 'budget' });
    expect(anywhere.events.map((e) => e.articleId)).toEqual([mine!.id]);
    expect(anywhere.articleNotice).toBe(articleMatchesCutNotice({ inProject: false }));
    expect(anywhere.articleNotice).toMatch(/^More than 50 articles have these words in their title; only the 50 newest were searched\. Choose a project/);
    expect((await auditTrail(db, admin, { article: 'Budget 59' })).articleNotice).toBeNull();
  });

  it('takes % and _ in title words as themselves, not as wildcards', async () => {
    expect(likePattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
    const [percent] = await createArticles(db, admin, { projectId: 'demo-project', input: { articles: [{ title: 'Fares rise 50% in May', text: 'Fares rise by half in May.' }] } });
    await createArticles(db, admin, { projectId: 'demo-project', input: { articles: [{ title: 'Fares rise 50 cents', text: 'Fares rise by fifty cents.' }] } });
    const [underscore] = await createArticles(db, admin, { projectId: 'demo-project', input: { articles: [{ title: 'The file budget_2027', text: 'A file name in a title.' }] } });
    expect((await auditTrail(db, admin, { article: '50%' })).events.map((e) => e.articleId)).toEqual([percent!.id]);
    expect((await auditTrail(db, admin, { article: 't_2' })).events.map((e) => e.articleId)).toEqual([underscore!.id]);
    expect((await auditTrail(db, admin, { article: '%' })).events.map((e) => e.articleId)).toEqual([percent!.id]);
    expect((await auditTrail(db, admin, { article: 'budget_2027', project: 'demo-project' })).events.map((e) => e.articleId)).toEqual([underscore!.id]);
  });

  it('filters by date, inclusive, and finds command-line events', async () => {
    const day = await auditTrail(db, admin, { from: '2020-01-15', to: '2020-01-15' });
    expect(day.events.map((e) => e.entityId)).toEqual(['x']);
    expect((await auditTrail(db, admin, { user: COMMAND_LINE, to: '2020-12-31' })).events.map((e) => e.entityId)).toEqual(['x']);
    expect((await auditTrail(db, admin, { from: '2020-01-16', to: '2020-01-31' })).events).toEqual([]);
  });

  it('pages back through older events without repeats or gaps', async () => {
    const filters = { user: ann1.id, kind: 'span' as const };
    const first = await auditTrail(db, admin, filters);
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.older).not.toBeNull();
    const second = await auditTrail(db, admin, { ...filters, before: first.older! });
    const all = [...first.events, ...second.events].map((e) => e.id);
    const expected = await db.auditEvent.count({ where: { actorId: ann1.id, entityType: 'span' } });
    expect(new Set(all).size).toBe(expected);
    expect(second.older).toBeNull();
  });
});
