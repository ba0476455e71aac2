import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { createArticles, setAnnotationStatus, updateArticle } from '../articles/service';
import { createSpan, deleteSpan, listOwnSpans } from '../spans/service';
import { statusOf } from '../testing/status-of';
import { createTestDb } from '../testing/test-db';
import { DomainError } from '../errors';
import { createApiToken, userForToken } from '../auth/tokens';
import { setUserRole } from '../users/service';
import { deactivateUser, deleteArticle, listDeleted, restoreDeleted } from './service';

const admin: Actor = { id: 'demo-user-admin', role: 'admin' };
const reviewer: Actor = { id: 'demo-user-reviewer', role: 'reviewer' };
const ann1: Actor = { id: 'demo-user-ann1', role: 'annotator' };

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, cleanup } = await createTestDb()));
afterAll(async () => cleanup());

const actionsOn = async (entityId: string) => (await db.auditEvent.findMany({ where: { entityId }, orderBy: { createdAt: 'asc' } })).map((e) => e.action);

describe('deleted items', () => {
  it("lets an admin restore an annotator's deleted span, and audits both steps", async () => {
    const span = await createSpan(db, ann1, { articleId: 'demo-article-bridge', input: { label: 'claim', start: 0, end: 10 } });
    await deleteSpan(db, ann1, { spanId: span.id, input: { version: 1 } });
    expect((await listDeleted(db, admin)).spans.map((s) => s.id)).toContain(span.id);
    await restoreDeleted(db, admin, { kind: 'span', id: span.id });
    expect((await listOwnSpans(db, ann1, 'demo-article-bridge')).map((s) => s.id)).toContain(span.id);
    expect(await actionsOn(span.id)).toEqual(['span.create', 'span.delete', 'span.restore']);
    const restoredBy = await db.auditEvent.findFirstOrThrow({ where: { entityId: span.id, action: 'span.restore' } });
    expect(restoredBy.actorId).toBe(admin.id);
  });

  it("leaves a submitted or adjudicated annotator layer as it was handed in", async () => {
    const span = await createSpan(db, ann1, { articleId: 'demo-article-wind', input: { label: 'claim', start: 0, end: 10 } });
    await deleteSpan(db, ann1, { spanId: span.id, input: { version: 1 } });
    await setAnnotationStatus(db, ann1, { articleId: 'demo-article-wind', input: { action: 'submit' } });
    const refused = await restoreDeleted(db, admin, { kind: 'span', id: span.id }).then(() => new Error('restored'), (e: unknown) => e as Error);
    expect(refused.message).toBe('Ana Annotator has submitted this article, so their annotations stay as they handed them in. Once they reopen it, it can be restored here.');
    expect((await db.span.findUniqueOrThrow({ where: { id: span.id } })).deletedAt).not.toBeNull();
    await db.article.update({ where: { id: 'demo-article-wind' }, data: { reviewState: 'adjudicated' } });
    expect((await restoreDeleted(db, admin, { kind: 'span', id: span.id }).then(() => new Error('restored'), (e: unknown) => e as Error)).message).toMatch(/^The article is adjudicated/);
    await db.article.update({ where: { id: 'demo-article-wind' }, data: { reviewState: 'open' } });
    await setAnnotationStatus(db, ann1, { articleId: 'demo-article-wind', input: { action: 'reopen' } });
    await restoreDeleted(db, admin, { kind: 'span', id: span.id });
    expect((await db.span.findUniqueOrThrow({ where: { id: span.id } })).deletedAt).toBeNull();
  });

  it('refuses restoring to anyone but admins, and restoring what is not deleted', async () => {
    const span = await createSpan(db, ann1, { articleId: 'demo-article-bridge', input: { label: 'claim', start: 20, end: 30 } });
    await deleteSpan(db, ann1, { spanId: span.id, input: { version: 1 } });
    expect(await statusOf(restoreDeleted(db, ann1, { kind: 'span', id: span.id }))).toBe(403);
    expect(await statusOf(restoreDeleted(db, reviewer, { kind: 'span', id: span.id }))).toBe(403);
    expect(await statusOf(listDeleted(db, reviewer))).toBe(403);
    await restoreDeleted(db, admin, { kind: 'span', id: span.id });
    expect(await statusOf(restoreDeleted(db, admin, { kind: 'span', id: span.id }))).toBe(409);
    expect(await statusOf(restoreDeleted(db, admin, { kind: 'span', id: 'no-such-span' }))).toBe(404);
    expect(await statusOf(restoreDeleted(db, admin, { kind: 'planet', id: 'x' }))).toBe(422);
  });

  it('soft-deletes an article for reviewers, not annotators, and an admin restores it', async () => {
    const article = await db.article.findUniqueOrThrow({ where: { id: 'demo-article-schools' } });
    expect(await statusOf(deleteArticle(db, ann1, { articleId: article.id, input: { version: article.version } }))).toBe(403);
    expect(await statusOf(deleteArticle(db, reviewer, { articleId: article.id, input: { version: article.version + 7 } }))).toBe(409);
    const spansBefore = await db.span.count({ where: { articleId: article.id, deletedAt: null } });
    await deleteArticle(db, reviewer, { articleId: article.id, input: { version: article.version } });
    expect((await db.article.findUniqueOrThrow({ where: { id: article.id } })).deletedAt).not.toBeNull();
    // The article's annotations are kept as they were, to come back with it.
    expect(await db.span.count({ where: { articleId: article.id, deletedAt: null } })).toBe(spansBefore);
    expect((await listDeleted(db, admin, { projectId: article.projectId })).articles.map((a) => a.id)).toContain(article.id);
    await restoreDeleted(db, admin, { kind: 'article', id: article.id });
    const restored = await db.article.findUniqueOrThrow({ where: { id: article.id } });
    expect(restored.deletedAt).toBeNull();
    expect(restored.version).toBe(article.version + 2);
    expect(await actionsOn(article.id)).toEqual(expect.arrayContaining(['article.delete', 'article.restore']));
  });

  it('refuses to restore an article whose text was saved again meanwhile, naming the live one', async () => {
    const text = 'The harbour fee rises by a tenth next spring, the port authority said.';
    const save = async (title: string) => (await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title, text }] } }))[0]!.id;
    const first = await save('Harbour fee (first copy)');
    await deleteArticle(db, reviewer, { articleId: first, input: { version: 1 } });
    const second = await save('Harbour fee (second copy)');
    const refused = await restoreDeleted(db, admin, { kind: 'article', id: first }).then(() => null, (e: unknown) => e as DomainError);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused!.status).toBe(409);
    expect(refused!.message).toContain('“Harbour fee (second copy)” already has this text in this project');
    // Nothing written: the article stays deleted, at its version, with no restore in the audit trail.
    const kept = await db.article.findUniqueOrThrow({ where: { id: first } });
    expect(kept.deletedAt).not.toBeNull();
    expect(kept.version).toBe(2);
    expect(await actionsOn(first)).toEqual(['article.create', 'article.delete']);
    // Once the live copy is deleted, the first comes back.
    await deleteArticle(db, reviewer, { articleId: second, input: { version: 1 } });
    await restoreDeleted(db, admin, { kind: 'article', id: first });
    expect((await db.article.findUniqueOrThrow({ where: { id: first } })).deletedAt).toBeNull();
  });

  it('restores an article beside a twin that already lived beside it (saved on purpose as a duplicate)', async () => {
    const text = 'The night bus returns in March, the transport board confirmed.';
    const [kept] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title: 'Night bus', text }] } });
    const [twin] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { allowDuplicates: true, articles: [{ title: 'Night bus (agency copy)', text }] } });
    await deleteArticle(db, reviewer, { articleId: twin!.id, input: { version: 1 } });
    expect(await statusOf(restoreDeleted(db, admin, { kind: 'article', id: twin!.id }))).toBe(200);
    expect(await db.article.count({ where: { id: { in: [kept!.id, twin!.id] }, deletedAt: null } })).toBe(2);
  });

  it('a twin that only had its title corrected since does not stop the restore', async () => {
    const text = 'The harbour ferry keeps its winter timetable, the operator said.';
    const [twin] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title: 'Ferry', text }] } });
    const [gone] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { allowDuplicates: true, articles: [{ title: 'Ferry (copy)', text }] } });
    await deleteArticle(db, reviewer, { articleId: gone!.id, input: { version: 1 } });
    await updateArticle(db, reviewer, { articleId: twin!.id, input: { title: 'Ferry (title fixed)', version: 1 } });
    expect(await statusOf(restoreDeleted(db, admin, { kind: 'article', id: gone!.id }))).toBe(200);
    expect(await db.article.count({ where: { id: { in: [twin!.id, gone!.id] }, deletedAt: null } })).toBe(2);
  });

  it('a twin given the text while the article was deleted, by an edit, stops the restore', async () => {
    const text = 'The library opens on Sundays from April, the council decided.';
    const [gone] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title: 'Library', text }] } });
    const [other] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title: 'Library (draft)', text: 'The library may open on Sundays.' }] } });
    await deleteArticle(db, reviewer, { articleId: gone!.id, input: { version: 1 } });
    await updateArticle(db, reviewer, { articleId: other!.id, input: { title: 'Library (draft)', text, version: 1 } });
    const refused = (await restoreDeleted(db, admin, { kind: 'article', id: gone!.id }).catch((e: unknown) => e)) as DomainError;
    expect([refused.status, refused.message]).toEqual([409, '“Library (draft)” already has this text in this project, so “Library” cannot come back beside it; delete “Library (draft)” first if you want this one back.']);
    expect((await db.article.findUniqueOrThrow({ where: { id: gone!.id } })).deletedAt).not.toBeNull();
  });

  it('a twin restored while the article was deleted stops its restore too', async () => {
    const text = 'The pool reopens after the summer, the sports board said.';
    const [first] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title: 'Pool', text }] } });
    const [copy] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { allowDuplicates: true, articles: [{ title: 'Pool (copy)', text }] } });
    await deleteArticle(db, reviewer, { articleId: copy!.id, input: { version: 1 } });
    await deleteArticle(db, reviewer, { articleId: first!.id, input: { version: 1 } });
    await restoreDeleted(db, admin, { kind: 'article', id: copy!.id });
    const refused = (await restoreDeleted(db, admin, { kind: 'article', id: first!.id }).catch((e: unknown) => e)) as DomainError;
    expect([refused.status, refused.message]).toEqual([409, '“Pool (copy)” already has this text in this project, so “Pool” cannot come back beside it; delete “Pool (copy)” first if you want this one back.']);
  });

  it('deactivates an account and restores it; admins cannot deactivate themselves', async () => {
    expect(await statusOf(deactivateUser(db, admin, { userId: admin.id }))).toBe(409);
    expect(await statusOf(deactivateUser(db, reviewer, { userId: 'demo-user-ann2' }))).toBe(403);
    await deactivateUser(db, admin, { userId: 'demo-user-ann2' });
    expect((await db.user.findUniqueOrThrow({ where: { id: 'demo-user-ann2' } })).deletedAt).not.toBeNull();
    expect((await listDeleted(db, admin)).users.map((u) => u.id)).toEqual(['demo-user-ann2']);
    await restoreDeleted(db, admin, { kind: 'user', id: 'demo-user-ann2' });
    expect((await db.user.findUniqueOrThrow({ where: { id: 'demo-user-ann2' } })).deletedAt).toBeNull();
    expect(await actionsOn('demo-user-ann2')).toEqual(['user.delete', 'user.restore']);
  });

  it('restores a gold span only while its article is open, and never as a second copy', async () => {
    const source = await db.span.findFirstOrThrow({ where: { articleId: 'demo-article-bridge' } });
    const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = source;
    const gold = (deletedAt: Date | null) => db.span.create({ data: { ...fields, layer: 'gold', authorId: reviewer.id, verdict: '', sourceSpanId: null, goldSpanId: null, deletedAt } });
    const removed = await gold(new Date());
    await db.article.update({ where: { id: 'demo-article-bridge' }, data: { reviewState: 'adjudicated' } });
    expect(await statusOf(restoreDeleted(db, admin, { kind: 'span', id: removed.id }))).toBe(409);
    await db.article.update({ where: { id: 'demo-article-bridge' }, data: { reviewState: 'in_review' } });
    const twin = await gold(null);
    expect(await statusOf(restoreDeleted(db, admin, { kind: 'span', id: removed.id }))).toBe(409);
    await db.span.update({ where: { id: twin.id }, data: { deletedAt: new Date() } });
    expect(await statusOf(restoreDeleted(db, admin, { kind: 'span', id: removed.id }))).toBe(200);
  });

  it("revokes the account's API tokens for good: restoring the account does not bring them back", async () => {
    const { token } = await createApiToken(db, { userId: 'demo-user-ann1', input: { name: 'script' } });
    expect(await userForToken(db, token)).not.toBeNull();
    await deactivateUser(db, admin, { userId: 'demo-user-ann1' });
    await restoreDeleted(db, admin, { kind: 'user', id: 'demo-user-ann1' });
    expect(await userForToken(db, token)).toBeNull();
  });

  it('never leaves the project without an active admin, and acts only for someone still an admin', async () => {
    const second = await db.user.create({ data: { email: 'admin2@demo.test', name: 'Second', role: 'admin' } });
    await deactivateUser(db, { id: second.id, role: 'admin' }, { userId: admin.id });
    // The only admin left cannot be taken away, by the command line or anyone else.
    expect(await statusOf(setUserRole(db, { actorId: null, input: { userId: second.id, role: 'reviewer' } }))).toBe(409);
    // Someone whose admin role was taken away meanwhile (their page still shows the button) changes nothing.
    expect(await statusOf(deactivateUser(db, admin, { userId: 'demo-user-ann2' }))).toBe(409);
    expect((await db.user.findUniqueOrThrow({ where: { id: 'demo-user-ann2' } })).deletedAt).toBeNull();
    await restoreDeleted(db, { id: second.id, role: 'admin' }, { kind: 'user', id: admin.id });
  });
});
