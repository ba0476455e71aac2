import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { DomainError } from '../errors';
import { statusOf } from '../testing/status-of';
import { createTestDb } from '../testing/test-db';
import { unpackSpans } from './packed';
import { ARTICLE_GONE_MESSAGE, createSpan, deleteSpan, listOwnSpans, ownSpansForPage, restoreSpan, updateSpan } from './service';

const ann1: Actor = { id: 'demo-user-ann1', role: 'annotator' };
const ann2: Actor = { id: 'demo-user-ann2', role: 'annotator' };
const ARTICLE = 'demo-article-wind';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, cleanup } = await createTestDb()));
afterAll(async () => cleanup());


describe('span service', () => {
  it('stores the quote, 32 characters of context and the text hash, and audits the creation', async () => {
    const article = await db.article.findUniqueOrThrow({ where: { id: ARTICLE } });
    const span = await createSpan(db, ann1, { articleId: ARTICLE, input: { label: 'claim', start: 4, end: 30 } });
    expect(span.quote).toBe(Array.from(article.text).slice(4, 30).join(''));
    expect(span.prefix).toBe('The ');
    expect(Array.from(span.suffix)).toHaveLength(32);
    expect(span.version).toBe(1);
    const stored = await db.span.findUniqueOrThrow({ where: { id: span.id } });
    expect(stored.textHash).toBe(article.textHash);
    const audit = await db.auditEvent.findMany({ where: { entityId: span.id } });
    expect(audit.map((a) => a.action)).toEqual(['span.create']);
    expect(audit[0].actorId).toBe(ann1.id);
    expect(JSON.parse(audit[0].after!)).toMatchObject({ label: 'claim', start: 4, end: 30 });
    const status = await db.annotationStatus.findUnique({ where: { articleId_userId: { articleId: ARTICLE, userId: ann1.id } } });
    expect(status?.status).toBe('in_progress');
  });

  it('refuses a stale version with 409 and keeps the newer write', async () => {
    const span = await createSpan(db, ann1, { articleId: ARTICLE, input: { label: 'opinion', start: 40, end: 60 } });
    const first = await updateSpan(db, ann1, { spanId: span.id, input: { version: 1, note: 'first' } });
    expect(first.version).toBe(2);
    expect(await statusOf(updateSpan(db, ann1, { spanId: span.id, input: { version: 1, note: 'stale' } }))).toBe(409);
    expect((await db.span.findUniqueOrThrow({ where: { id: span.id } })).note).toBe('first');
  });

  it('lets exactly one of two concurrent edits of the same version win', async () => {
    const span = await createSpan(db, ann1, { articleId: ARTICLE, input: { label: 'claim', start: 70, end: 90 } });
    const results = await Promise.all([
      statusOf(updateSpan(db, ann1, { spanId: span.id, input: { version: 1, note: 'a' } })),
      statusOf(updateSpan(db, ann1, { spanId: span.id, input: { version: 1, note: 'b' } })),
    ]);
    expect(results.sort()).toEqual([200, 409]);
  });

  it('soft-deletes and restores, with before and after in the audit trail', async () => {
    const span = await createSpan(db, ann1, { articleId: ARTICLE, input: { label: 'claim', start: 100, end: 120 } });
    const deleted = await deleteSpan(db, ann1, { spanId: span.id, input: { version: 1 } });
    expect(deleted.version).toBe(2);
    expect((await listOwnSpans(db, ann1, ARTICLE)).some((s) => s.id === span.id)).toBe(false);
    expect((await db.span.findUniqueOrThrow({ where: { id: span.id } })).deletedAt).not.toBeNull();
    const restored = await restoreSpan(db, ann1, { spanId: span.id, input: { version: 2 } });
    expect(restored.version).toBe(3);
    const audit = await db.auditEvent.findMany({ where: { entityId: span.id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['span.create', 'span.delete', 'span.restore']);
    expect(JSON.parse(audit[1].before!).deleted).toBe(false);
    expect(JSON.parse(audit[1].after!).deleted).toBe(true);
  });

  it("hides another annotator's spans: listing, editing and deleting them answer as if they did not exist", async () => {
    const span = await createSpan(db, ann1, { articleId: ARTICLE, input: { label: 'claim', start: 130, end: 150 } });
    expect((await listOwnSpans(db, ann2, ARTICLE)).map((s) => s.id)).not.toContain(span.id);
    expect(unpackSpans(await ownSpansForPage(db, ann2, ARTICLE)).map((s) => s.id)).not.toContain(span.id);
    expect(await statusOf(updateSpan(db, ann2, { spanId: span.id, input: { version: 1, label: 'opinion' } }))).toBe(404);
    expect(await statusOf(deleteSpan(db, ann2, { spanId: span.id, input: { version: 1 } }))).toBe(404);
  });

  it('answers 404 to someone outside the project', async () => {
    const outsider = await db.user.create({ data: { email: 'outsider@demo.test', name: 'Out', role: 'annotator' } });
    const actor: Actor = { id: outsider.id, role: 'annotator' };
    expect(await statusOf(createSpan(db, actor, { articleId: ARTICLE, input: { label: 'claim', start: 0, end: 5 } }))).toBe(404);
    expect(await statusOf(listOwnSpans(db, actor, ARTICLE))).toBe(404);
    expect(await statusOf(ownSpansForPage(db, actor, ARTICLE))).toBe(404);
    await expect(createSpan(db, actor, { articleId: ARTICLE, input: { label: 'claim', start: 0, end: 5 } })).rejects.toThrow(ARTICLE_GONE_MESSAGE);
  });

  it('answers a member whose article was deleted meanwhile as it answers an outsider, with a reason that fits both', async () => {
    const article = await db.article.create({ data: { projectId: 'demo-project', title: 'Soon gone', text: 'Soon gone. The mayor spoke.', textHash: `soon-gone-${Date.now()}`, position: 9_000, createdById: ann1.id } });
    await createSpan(db, ann1, { articleId: article.id, input: { label: 'claim', start: 0, end: 9 } });
    await db.article.update({ where: { id: article.id }, data: { deletedAt: new Date() } });
    await expect(createSpan(db, ann1, { articleId: article.id, input: { label: 'claim', start: 11, end: 20 } })).rejects.toMatchObject({ status: 404, message: ARTICLE_GONE_MESSAGE });
    expect(await statusOf(listOwnSpans(db, ann1, article.id))).toBe(404);
  });

  it('gives the annotation page the spans the API lists, in the same order, without their text and timestamps', async () => {
    await createSpan(db, ann1, { articleId: ARTICLE, input: { label: 'sourced_quote', start: 200, end: 240 } });
    const full = await listOwnSpans(db, ann1, ARTICLE);
    expect(full.length).toBeGreaterThan(1);
    expect(full.every((s) => s.quote !== '')).toBe(true);
    expect(unpackSpans(await ownSpansForPage(db, ann1, ARTICLE))).toEqual(full.map((s) => ({ ...s, quote: '', prefix: '', suffix: '', createdAt: '', updatedAt: '' })));
  });

  it('rejects invalid input with 422 naming the problem, and writes nothing', async () => {
    const before = await db.span.count();
    const cases: unknown[] = [
      { label: 'rumour', start: 0, end: 5 },
      { label: 'claim', start: 5, end: 5 },
      { label: 'claim', start: -1, end: 5 },
      { label: 'claim', start: 0, end: 10_000_000 },
      { label: 'claim', start: '0', end: 5 },
      { label: 'claim', start: 0, end: 5, authorId: 'someone-else' },
    ];
    for (const input of cases) {
      const error = await createSpan(db, ann1, { articleId: ARTICLE, input }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(422);
      expect((error as DomainError).message).toMatch(/label|start|end|beyond|input|authorId/);
    }
    expect(await db.span.count()).toBe(before);
  });

  it('refuses a span over nothing but spaces and line breaks, created or moved there, and writes nothing', async () => {
    const { text } = await db.article.findUniqueOrThrow({ where: { id: ARTICLE } });
    const chars = Array.from(text);
    const breakAt = chars.indexOf('\n');
    expect(chars.slice(breakAt, breakAt + 2).join('')).toBe('\n\n');
    const blank = { start: breakAt, end: breakAt + 2 };
    const before = await db.span.count();
    const created = await createSpan(db, ann1, { articleId: ARTICLE, input: { label: 'claim', ...blank } }).catch((e: unknown) => e);
    expect(created).toBeInstanceOf(DomainError);
    expect((created as DomainError).status).toBe(422);
    expect((created as DomainError).message).toBe(`start ${blank.start} and end ${blank.end} cover only spaces or line breaks; a span must mark some text`);
    expect(await db.span.count()).toBe(before);

    const span = await createSpan(db, ann1, { articleId: ARTICLE, input: { label: 'claim', start: breakAt - 5, end: breakAt } });
    expect(await statusOf(updateSpan(db, ann1, { spanId: span.id, input: { version: span.version, ...blank } }))).toBe(422);
    expect(await db.span.findUniqueOrThrow({ where: { id: span.id } })).toMatchObject({ start: breakAt - 5, end: breakAt, version: 1 });
  });

  it('refuses a new span drawn on a text that has changed since (named by its hash), and writes nothing', async () => {
    const article = await db.article.findUniqueOrThrow({ where: { id: ARTICLE } });
    const before = await db.span.count();
    const stale = await createSpan(db, ann1, { articleId: ARTICLE, input: { label: 'claim', start: 4, end: 30, textHash: 'f'.repeat(64) } }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(DomainError);
    expect([(stale as DomainError).status, (stale as DomainError).message]).toEqual([
      409,
      "The article's text was edited after this page was loaded, so this selection no longer marks the words you chose. Reload the page to annotate the current text.",
    ]);
    const malformed = await createSpan(db, ann1, { articleId: ARTICLE, input: { label: 'claim', start: 4, end: 30, textHash: 'abc' } }).catch((e: unknown) => e);
    expect((malformed as DomainError).status).toBe(422);
    expect((malformed as DomainError).message).toMatch(/textHash must be the article's text hash as listed by the API/);
    expect(await db.span.count()).toBe(before);
    const current = await createSpan(db, ann1, { articleId: ARTICLE, input: { label: 'claim', start: 4, end: 30, textHash: article.textHash } });
    expect(current.quote).toBe(Array.from(article.text).slice(4, 30).join(''));
  });

  it('keeps a speaker only on sourced quotes', async () => {
    const quote = await createSpan(db, ann1, { articleId: ARTICLE, input: { label: 'sourced_quote', start: 200, end: 220, speaker: ' Ewa Kowalczyk ' } });
    expect(quote.speaker).toBe('Ewa Kowalczyk');
    const relabelled = await updateSpan(db, ann1, { spanId: quote.id, input: { version: 1, label: 'claim' } });
    expect(relabelled.speaker).toBe('');
  });
});
