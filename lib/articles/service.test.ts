import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { DomainError } from '../errors';
import { listProjectsFor } from '../projects/service';
import { createSpan, deleteSpan, updateSpan } from '../spans/service';
import { createTestDb } from '../testing/test-db';
import { annotatorQueue, annotatorQueueWithCounts, articleForEditing, createArticles, nextInQueue, nextToAnnotate, setAnnotationStatus, TEXT_LOCKED, updateArticle } from './service';

const ann1: Actor = { id: 'demo-user-ann1', role: 'annotator' };
const ann2: Actor = { id: 'demo-user-ann2', role: 'annotator' };
const PROJECT = 'demo-project';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, cleanup } = await createTestDb()));
afterAll(async () => cleanup());

const draft = (title: string, text: string) => ({ title, text, author: '', outlet: '', sourceUrl: '', publishedOn: '', topic: '' });

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('article import', () => {
  it('stores canonical text (NFC, \\n) with its SHA-256', async () => {
    const [created] = await createArticles(db, ann1, { projectId: PROJECT, input: { articles: [draft('Café', 'Le cafe\u0301 ferme.\r\nFin.')] } });
    const article = await db.article.findUniqueOrThrow({ where: { id: created.id } });
    expect(article.text).toBe('Le caf\u00e9 ferme.\nFin.');
    expect(article.textHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('saves all articles or none: one invalid draft rejects the batch and names the problem', async () => {
    const before = await db.article.count();
    const error = await failure(
      createArticles(db, ann1, { projectId: PROJECT, input: { articles: [draft('Good one', 'Some text.'), draft('Empty', '   \n ')] } }),
    );
    expect(error.status).toBe(422);
    expect(error.message).toContain('Article 2');
    expect(error.message).toMatch(/empty/i);
    expect(await db.article.count()).toBe(before);
  });

  it('refuses an article over the size limit with the limit in the message', async () => {
    const error = await failure(createArticles(db, ann1, { projectId: PROJECT, input: { articles: [draft('Huge', 'x'.repeat(1_000_001))] } }));
    expect(error.status).toBe(422);
    expect(error.message).toContain('1,000,000');
  });

  it('answers a duplicate with 409 unless the user confirms it', async () => {
    const text = 'A text imported twice.';
    await createArticles(db, ann1, { projectId: PROJECT, input: { articles: [draft('Once', text)] } });
    const error = await failure(createArticles(db, ann1, { projectId: PROJECT, input: { articles: [draft('Twice', text)] } }));
    expect(error.status).toBe(409);
    expect(error.message).toContain('Once');
    const ok = await createArticles(db, ann1, { projectId: PROJECT, input: { articles: [draft('Twice', text)], allowDuplicates: true } });
    expect(ok).toHaveLength(1);
  });

  it('allows a duplicate for the one article it is confirmed for, and still refuses one that became a duplicate since the preview', async () => {
    const kept = 'A text kept on purpose.';
    const meanwhile = 'A text a colleague saved meanwhile.';
    await createArticles(db, ann1, { projectId: PROJECT, input: { articles: [draft('Kept first', kept), draft('Colleague', meanwhile)] } });
    const before = await db.article.count({ where: { projectId: PROJECT } });
    const error = await failure(
      createArticles(db, ann1, { projectId: PROJECT, input: { articles: [{ ...draft('Kept again', kept), allowDuplicate: true }, draft('Mine', meanwhile)] } }),
    );
    expect([error.status, error.message]).toEqual([409, 'Article 2 has the same text as “Colleague”, already in this project.']);
    expect(await db.article.count({ where: { projectId: PROJECT } })).toBe(before);
    expect(await createArticles(db, ann1, { projectId: PROJECT, input: { articles: [{ ...draft('Kept again', kept), allowDuplicate: true }] } })).toHaveLength(1);
  });

  it('answers 404 to non-members', async () => {
    const outsider = await db.user.create({ data: { email: 'out@demo.test', name: 'Out', role: 'reviewer' } });
    const error = await failure(createArticles(db, { id: outsider.id, role: 'reviewer' }, { projectId: PROJECT, input: { articles: [draft('X', 'Y')] } }));
    expect(error.status).toBe(404);
  });
});

describe('annotation status', () => {
  it('submits, locks the annotations against changes, and reopens', async () => {
    await setAnnotationStatus(db, ann1, { articleId: 'demo-article-wind', input: { action: 'submit' } });
    const locked = await failure(createSpan(db, ann1, { articleId: 'demo-article-wind', input: { label: 'claim', start: 0, end: 3 } }));
    expect(locked.status).toBe(409);
    expect(locked.message).toMatch(/submitted/);
    expect((await listProjectsFor(db, ann1)).find((p) => p.id === PROJECT)?.submittedByMe).toBe(1);
    const queue = await annotatorQueue(db, ann1, PROJECT);
    expect(queue.find((a) => a.id === 'demo-article-wind')?.status).toBe('submitted');
    expect(nextInQueue(queue, 'demo-article-schools')?.id).not.toBe('demo-article-wind');
    await setAnnotationStatus(db, ann1, { articleId: 'demo-article-wind', input: { action: 'reopen' } });
    await expect(createSpan(db, ann1, { articleId: 'demo-article-wind', input: { label: 'claim', start: 0, end: 3 } })).resolves.toMatchObject({ label: 'claim' });
  });
});

describe('repeated texts in one save', () => {
  it('are named, each with the article it repeats, and nothing is saved', async () => {
    const before = await db.article.count();
    const error = await failure(
      createArticles(db, ann1, { projectId: PROJECT, input: { articles: [draft('One', 'Same words.'), draft('Two', 'Other words.'), draft('Three', 'Same words.'), draft('Four', 'Other words.')] } }),
    );
    expect(error.status).toBe(422);
    expect(error.message).toBe('Article 3 (“Three”) has the same text as article 1; import it once.\nArticle 4 (“Four”) has the same text as article 2; import it once.');
    expect(await db.article.count()).toBe(before);
  });
});

describe('status actions that change nothing, and a closed review', () => {
  it('leave a submission as it was when sent twice: same time, one audit event', async () => {
    const [created] = await createArticles(db, ann1, { projectId: PROJECT, input: { articles: [draft('Twice', 'Submitted twice by a double click.')] } });
    await setAnnotationStatus(db, ann1, { articleId: created.id, input: { action: 'submit' } });
    const first = await db.annotationStatus.findFirstOrThrow({ where: { articleId: created.id, userId: ann1.id } });
    await new Promise((r) => setTimeout(r, 5));
    expect(await setAnnotationStatus(db, ann1, { articleId: created.id, input: { action: 'submit' } })).toEqual({ status: 'submitted' });
    const second = await db.annotationStatus.findFirstOrThrow({ where: { articleId: created.id, userId: ann1.id } });
    expect(second.submittedAt).toEqual(first.submittedAt);
    expect(await db.auditEvent.count({ where: { articleId: created.id, action: 'annotation.submit' } })).toBe(1);
  });

  it('refuse to reopen work on an adjudicated article, even with no verdict on it', async () => {
    const [created] = await createArticles(db, ann1, { projectId: PROJECT, input: { articles: [draft('Closed', 'A review closed on this text.')] } });
    await setAnnotationStatus(db, ann1, { articleId: created.id, input: { action: 'submit' } });
    await db.article.update({ where: { id: created.id }, data: { reviewState: 'adjudicated' } });
    const refused = await failure(setAnnotationStatus(db, ann1, { articleId: created.id, input: { action: 'reopen' } }));
    expect([refused.status, refused.message]).toEqual([409, 'The review of this article is closed, so your annotations on it can no longer change. A reviewer can reopen the review.']);
    expect((await db.annotationStatus.findFirstOrThrow({ where: { articleId: created.id, userId: ann1.id } })).status).toBe('submitted');
  });

  it('close every layer with the review: no span written, changed or deleted, nothing submitted, and the queue goes past the article', async () => {
    const [created, after] = await createArticles(db, ann1, {
      projectId: PROJECT,
      input: { articles: [draft('Closed to all', 'Ana submitted; Ben had only begun.'), draft('Still open', 'Work left to do here.')] },
    });
    const bens = await createSpan(db, ann2, { articleId: created.id, input: { label: 'claim', start: 0, end: 3 } });
    await setAnnotationStatus(db, ann1, { articleId: created.id, input: { action: 'submit' } });
    const closedTo = async (actor: Actor) => (await listProjectsFor(db, actor)).find((p) => p.id === PROJECT)!.closedToMe;
    const [anaBefore, benBefore] = [await closedTo(ann1), await closedTo(ann2)];
    await db.article.update({ where: { id: created.id }, data: { reviewState: 'adjudicated' } });
    const closed = 'The review of this article is closed, so your annotations on it can no longer change. A reviewer can reopen the review.';
    // One at a time: a refusal that came before it was awaited would be an unhandled rejection.
    const attempts = [
      () => createSpan(db, ann2, { articleId: created.id, input: { label: 'opinion', start: 4, end: 13 } }),
      () => updateSpan(db, ann2, { spanId: bens.id, input: { version: bens.version, label: 'opinion' } }),
      () => deleteSpan(db, ann2, { spanId: bens.id, input: { version: bens.version } }),
      () => setAnnotationStatus(db, ann2, { articleId: created.id, input: { action: 'submit' } }),
    ];
    for (const attempt of attempts) expect(await failure(attempt())).toMatchObject({ status: 409, message: closed });
    expect(await db.span.findMany({ where: { articleId: created.id, authorId: ann2.id }, select: { label: true, deletedAt: true } })).toEqual([{ label: 'claim', deletedAt: null }]);
    expect((await db.annotationStatus.findFirstOrThrow({ where: { articleId: created.id, userId: ann2.id } })).status).toBe('in_progress');
    const queue = await annotatorQueue(db, ann2, PROJECT);
    expect(queue.find((a) => a.id === created.id)).toMatchObject({ closed: true, status: 'in_progress' });
    // The projects list tells Ben it is closed to him; Ana submitted it, so for her it is simply done.
    expect(await closedTo(ann2)).toBe(benBefore + 1);
    expect(await closedTo(ann1)).toBe(anaBefore);
    // From the open one, the closed one is not next: nothing is left.
    const both = queue.filter((a) => a.id === created.id || a.id === after.id);
    expect(nextInQueue(both, created.id)?.id).toBe(after.id);
    expect(nextInQueue(both, after.id)).toBeNull();
  });
});

describe('the queue with span counts', () => {
  it("counts the actor's own live annotator spans per article: not deleted ones, not gold, not other annotators'", async () => {
    const countOf = async () => (await annotatorQueueWithCounts(db, ann1, PROJECT)).find((a) => a.id === 'demo-article-schools')?.spanCount;
    const before = await countOf();
    const mine = await createSpan(db, ann1, { articleId: 'demo-article-schools', input: { label: 'claim', start: 0, end: 5 } });
    await createSpan(db, ann1, { articleId: 'demo-article-schools', input: { label: 'opinion', start: 6, end: 12 } });
    await createSpan(db, { id: 'demo-user-ann2', role: 'annotator' }, { articleId: 'demo-article-schools', input: { label: 'claim', start: 0, end: 5 } });
    await db.span.create({ data: { articleId: 'demo-article-schools', authorId: ann1.id, layer: 'gold', label: 'claim', start: 0, end: 5, quote: 'Three', prefix: '', suffix: '', textHash: 'x' } });
    expect(await countOf()).toBe(before! + 2);
    await deleteSpan(db, ann1, { spanId: mine.id, input: { version: mine.version } });
    expect(await countOf()).toBe(before! + 1);
    // Queue order and the actor's own statuses come with the counts.
    const queue = await annotatorQueueWithCounts(db, ann1, PROJECT);
    const demo = queue.filter((a) => a.id.startsWith('demo-article-'));
    expect(demo.map((a) => a.id)).toEqual(['demo-article-bridge', 'demo-article-schools', 'demo-article-wind']);
    expect(demo.find((a) => a.id === 'demo-article-schools')?.status).toBe('in_progress');
  });
});

describe('article editing', () => {
  it('changes metadata and text while nobody has annotated, then locks the text', async () => {
    const [created] = await createArticles(db, ann1, { projectId: PROJECT, input: { articles: [draft('Draft title', 'First version of the text.')] } });
    const meta = { author: 'A. Writer', outlet: 'Outlet', sourceUrl: 'https://example.org/a', publishedOn: '2026-01-02', topic: 'Tests' };
    await updateArticle(db, ann1, { articleId: created.id, input: { ...meta, version: 1, title: 'Better title', text: 'Second version of the text.' } });
    let article = await db.article.findUniqueOrThrow({ where: { id: created.id } });
    expect(article).toMatchObject({ title: 'Better title', text: 'Second version of the text.', version: 2, ...meta });

    const stale = await failure(updateArticle(db, ann1, { articleId: created.id, input: { ...meta, version: 1, title: 'Stale' } }));
    expect(stale.status).toBe(409);

    await createSpan(db, ann1, { articleId: created.id, input: { label: 'claim', start: 0, end: 6 } });
    const locked = await failure(updateArticle(db, ann1, { articleId: created.id, input: { ...meta, version: 2, title: 'T', text: 'Changed.' } }));
    expect(locked.status).toBe(409);
    expect(locked.message).toMatch(/text can no longer change/);
    // Locked without saying how many spans: that would tell an annotator about others' work.
    expect(locked.message).not.toMatch(/\d/);
    expect(await articleForEditing(db, ann2, created.id)).toMatchObject({ textLocked: true });
    expect(Object.keys(await articleForEditing(db, ann2, created.id)).sort()).toEqual(['article', 'textLocked']);
    await updateArticle(db, ann1, { articleId: created.id, input: { ...meta, version: 2, title: 'Metadata still editable' } });
    article = await db.article.findUniqueOrThrow({ where: { id: created.id } });
    expect(article.title).toBe('Metadata still editable');
    expect(article.text).toBe('Second version of the text.');
    const actions = (await db.auditEvent.findMany({ where: { entityId: created.id }, orderBy: { createdAt: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['article.create', 'article.update', 'article.update']);
  });
});

describe('an edited text that another article of the project already has', () => {
  it('is refused with that article named, and nothing changes', async () => {
    const [first, second] = await createArticles(db, ann1, {
      projectId: PROJECT,
      input: { articles: [draft('The original', 'Only one article may hold this text.'), draft('The copy to be', 'A text about to be replaced.')] },
    });
    const meta = { author: '', outlet: '', sourceUrl: '', publishedOn: '', topic: '' };
    // The same text once made canonical: a byte order mark is no difference.
    const refused = await failure(updateArticle(db, ann1, { articleId: second!.id, input: { ...meta, version: 1, title: 'The copy to be', text: '\uFEFFOnly one article may hold this text.' } }));
    expect([refused.status, refused.message]).toEqual([409, "“The original” already has this text in this project; an article's text is imported once."]);
    expect((await db.article.findUniqueOrThrow({ where: { id: second!.id } })).text).toBe('A text about to be replaced.');
    // Saving an article with its own text (metadata only) is no duplicate.
    await updateArticle(db, ann1, { articleId: first!.id, input: { ...meta, version: 1, title: 'The original, renamed', text: 'Only one article may hold this text.' } });
    expect((await db.article.findUniqueOrThrow({ where: { id: first!.id } })).title).toBe('The original, renamed');
  });
});

describe('the text lock without spans', () => {
  const meta = { author: '', outlet: '', sourceUrl: '', publishedOn: '', topic: '' };
  it('holds once an annotator submitted an empty layer: they read this text and found nothing to mark', async () => {
    const [created] = await createArticles(db, ann1, { projectId: PROJECT, input: { articles: [draft('Nothing to mark', 'A short brief with no claims in it.')] } });
    await setAnnotationStatus(db, ann2, { articleId: created.id, input: { action: 'submit' } });
    expect(await articleForEditing(db, ann1, created.id)).toMatchObject({ textLocked: true });
    const locked = await failure(updateArticle(db, ann1, { articleId: created.id, input: { ...meta, version: 1, title: 'T', text: 'Another brief.' } }));
    expect([locked.status, locked.message]).toEqual([409, TEXT_LOCKED]);
    expect((await db.article.findUniqueOrThrow({ where: { id: created.id } })).text).toBe('A short brief with no claims in it.');
  });

  it('holds once the review has begun, and not while a layer is only in progress', async () => {
    const [created] = await createArticles(db, ann1, { projectId: PROJECT, input: { articles: [draft('Only opened', 'Text nobody marked yet.')] } });
    await db.annotationStatus.create({ data: { articleId: created.id, userId: ann2.id, status: 'in_progress' } });
    expect(await articleForEditing(db, ann1, created.id)).toMatchObject({ textLocked: false });
    await db.article.update({ where: { id: created.id }, data: { reviewState: 'adjudicated' } });
    expect(await articleForEditing(db, ann1, created.id)).toMatchObject({ textLocked: true });
    expect((await failure(updateArticle(db, ann1, { articleId: created.id, input: { ...meta, version: 1, title: 'T', text: 'Other text.' } }))).status).toBe(409);
  });

  it('records text lengths in code points, as every other length', async () => {
    const [created] = await createArticles(db, ann1, { projectId: PROJECT, input: { articles: [draft('Emoji', 'Rain 🌧 today.')] } });
    await updateArticle(db, ann1, { articleId: created.id, input: { ...meta, version: 1, title: 'Emoji', text: 'Sun ☀️🌞 today.' } });
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: created.id, action: 'article.update' } });
    expect([JSON.parse(event.before!).textLength, JSON.parse(event.after!).textLength]).toEqual([13, 14]);
  });
});

describe('parallel edits of article metadata', () => {
  it('lets exactly one of several simultaneous saves of the same version win; the rest get 409', async () => {
    const [created] = await createArticles(db, ann1, { projectId: PROJECT, input: { articles: [draft('Parallel', 'Text for parallel edits.')] } });
    const ann2: Actor = { id: 'demo-user-ann2', role: 'annotator' };
    const saves = ['A', 'B', 'C', 'D'].map((title, i) =>
      updateArticle(db, i % 2 ? ann2 : ann1, { articleId: created.id, input: { ...draft(`Title ${title}`, 'Text for parallel edits.'), version: 1 } }).then(
        () => ({ status: 200, title: `Title ${title}` }),
        (e: unknown) => ({ status: e instanceof DomainError ? e.status : 500, title: '' }),
      ),
    );
    const results = await Promise.all(saves);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const article = await db.article.findUniqueOrThrow({ where: { id: created.id } });
    expect(article.version).toBe(2);
    expect(article.title).toBe(results.find((r) => r.status === 200)!.title);
    expect(await db.auditEvent.count({ where: { entityId: created.id, action: 'article.update' } })).toBe(1);
  });
});

describe('where Start or Continue annotating goes', () => {
  const entry = (id: string, status: 'not_started' | 'in_progress' | 'submitted', closed = false) => ({ id, status, closed });

  it('continues work begun further down the queue before starting the next article', () => {
    expect(nextToAnnotate([entry('a', 'submitted'), entry('b', 'not_started'), entry('c', 'in_progress')])?.id).toBe('c');
  });

  it('otherwise starts the first article not begun, and skips closed reviews and submitted work', () => {
    expect(nextToAnnotate([entry('a', 'submitted'), entry('b', 'in_progress', true), entry('c', 'not_started')])?.id).toBe('c');
    expect(nextToAnnotate([entry('a', 'submitted'), entry('b', 'not_started', true)])).toBeNull();
    expect(nextToAnnotate([])).toBeNull();
  });
});
