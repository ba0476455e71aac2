import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticles, PEER_SAW_OTHERS, setAnnotationStatus } from '../articles/service';
import { createSpan } from '../spans/service';
import { updateProject } from '../projects/service';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { articleLayerSpans, prepareExport } from '../export/service';
import { statusOf } from '../testing/status-of';
import { createTestDb } from '../testing/test-db';
import { projectAgreement } from './figures';
import { reviewQueue } from './queue';
import { acceptAllUnanimous, createGoldSpan, judgeSpan, loadReview, PEER_NO_EDIT, PEER_REVIEWER_VERDICT, setReviewState, updateGoldSpan } from './service';

// A project where annotators review each other: each sees the others' work only on the articles
// they have submitted themselves, never project-wide.

const ann1: Actor = { id: 'demo-user-ann1', role: 'annotator' };
const ann2: Actor = { id: 'demo-user-ann2', role: 'annotator' };
const reviewer: Actor = { id: 'demo-user-reviewer', role: 'reviewer' };
const PROJECT = 'demo-project';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  await db.project.update({ where: { id: PROJECT }, data: { annotatorsMayReview: true } });
  // ann1 submits one article; ann2 has work in progress on it and submits nothing.
  await setAnnotationStatus(db, ann1, { articleId: 'demo-article-bridge', input: { action: 'submit' } });
});
afterAll(async () => cleanup());

describe('annotators reviewing each other', () => {
  it('see in the review queue only the articles they have submitted', async () => {
    const mine = await reviewQueue(db, ann1, PROJECT);
    expect(mine.scope).toBe('submitted-by-you');
    expect(mine.rows.map((r) => r.id)).toEqual(['demo-article-bridge']);
    expect(mine.progress.total).toBe(1);
    // Nor how far the others have got: annotator progress is for reviewers and admins.
    expect(mine.annotators).toBeNull();
    const none = await reviewQueue(db, ann2, PROJECT);
    expect(none.rows).toEqual([]);
    expect(none.annotators).toBeNull();
    const all = await reviewQueue(db, reviewer, PROJECT);
    expect(all.scope).toBe('project');
    expect(all.rows).toHaveLength(3);
    expect(all.annotators!.map((a) => [a.email, a.submitted, a.inProgress, a.notStarted])).toEqual([
      ['ann1@demo.test', 1, 0, 2],
      ['ann2@demo.test', 0, 1, 2],
    ]);
    expect(all.annotators![0]!.lastSubmittedAt).toBeInstanceOf(Date);
    expect(all.annotators![1]!.lastSubmittedAt).toBeNull();
  });

  it('never get agreement figures or exports, which cover everyone\'s work, submitted or not', async () => {
    expect(await statusOf(projectAgreement(db, ann1, PROJECT))).toBe(403);
    expect(await statusOf(prepareExport(db, ann1, { projectId: PROJECT, input: { format: 'jsonl', layer: 'all' } }))).toBe(403);
    expect(await statusOf(articleLayerSpans(db, ann1, { articleId: 'demo-article-bridge', layer: 'ann2@demo.test' }))).toBe(403);
    expect(await statusOf(projectAgreement(db, reviewer, PROJECT))).toBe(200);
  });

  it('review a submitted article with only the submitted layers in it', async () => {
    const review = await loadReview(db, ann1, 'demo-article-bridge');
    // ann2 has spans on the article but has not submitted it: the board does not show them.
    expect(review.annotators.map((a) => a.id)).toEqual([ann1.id]);
    expect(review.spans.every((s) => s.annotatorId === ann1.id)).toBe(true);
    expect(await statusOf(loadReview(db, ann2, 'demo-article-bridge'))).toBe(403);
  });

  it('judge the others\' spans, never their own', async () => {
    await setAnnotationStatus(db, ann2, { articleId: 'demo-article-bridge', input: { action: 'submit' } });
    const own = await db.span.findFirstOrThrow({ where: { articleId: 'demo-article-bridge', authorId: ann1.id, deletedAt: null } });
    const theirs = await db.span.findFirstOrThrow({ where: { articleId: 'demo-article-bridge', authorId: ann2.id, deletedAt: null } });
    const refused = await judgeSpan(db, ann1, { spanId: own.id, input: { verdict: 'accepted', version: own.version } }).catch((e: unknown) => e as Error);
    expect(refused).toMatchObject({ status: 403, message: expect.stringContaining('your own span') });
    expect(await db.span.count({ where: { articleId: 'demo-article-bridge', layer: 'gold', deletedAt: null } })).toBe(0);
    // Nor can they draw their own span into gold directly: gold edits are a reviewer's.
    const drawn = await createGoldSpan(db, ann1, { articleId: 'demo-article-bridge', input: { label: own.label, start: own.start, end: own.end, speaker: own.speaker } }).catch((e: unknown) => e as Error);
    expect(drawn).toMatchObject({ status: 403 });
    expect(await statusOf(judgeSpan(db, ann1, { spanId: theirs.id, input: { verdict: 'accepted', version: theirs.version } }))).toBe(200);
    const gold = await db.span.findFirstOrThrow({ where: { articleId: 'demo-article-bridge', layer: 'gold', deletedAt: null } });
    expect(await statusOf(updateGoldSpan(db, ann1, { spanId: gold.id, input: { version: gold.version, note: 'mine now' } }))).toBe(403);
    expect(await statusOf(createGoldSpan(db, reviewer, { articleId: 'demo-article-bridge', input: { label: 'claim', start: 0, end: 7 } }))).toBe(200);
  });

  it('keeps someone who left the project in the reviewer\'s annotator table while their submissions still count', async () => {
    await db.membership.delete({ where: { projectId_userId: { projectId: PROJECT, userId: ann1.id } } });
    const { rows, annotators } = await reviewQueue(db, reviewer, PROJECT);
    expect(rows.find((r) => r.id === 'demo-article-bridge')!.submissions).toBe(2);
    expect(annotators!.map((a) => [a.email, a.member, a.submitted])).toEqual([
      ['ann1@demo.test', false, 1],
      ['ann2@demo.test', true, 1],
    ]);
  });
});

describe('what stays a reviewer\'s in peer review', () => {
  let articleId: string;
  beforeAll(async () => {
    // An article of its own: only ann2 has marked and submitted it (ann1 has left the project by now).
    const [created] = await createArticles(db, reviewer, { projectId: PROJECT, input: { articles: [{ title: 'Peer limits', text: 'The council said the ferry will run all winter, which few believe.' }] } });
    articleId = created!.id;
    await createSpan(db, ann2, { articleId, input: { label: 'claim', start: 0, end: 47 } });
    await setAnnotationStatus(db, ann2, { articleId, input: { action: 'submit' } });
  });

  it('accepting all unanimous clusters and closing or reopening the review: a peer is refused and nothing changes', async () => {
    const spansNow = () => db.span.findMany({ where: { articleId }, select: { id: true, verdict: true, deletedAt: true } });
    const before = await spansNow();
    const all = (await acceptAllUnanimous(db, ann2, { articleId }).catch((e: unknown) => e)) as Error & { status: number };
    expect([all.status, all.message]).toEqual([403, "In peer review, judge the others' spans one by one; accepting all unanimous clusters at once is a reviewer's."]);
    const article = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    const close = (await setReviewState(db, ann2, { articleId, input: { action: 'adjudicate', version: article.version } }).catch((e: unknown) => e)) as Error & { status: number };
    expect([close.status, close.message]).toEqual([403, "In peer review, closing or reopening the review is a reviewer's."]);
    expect(await spansNow()).toEqual(before);
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).reviewState).toBe(article.reviewState);
  });

  it('with one submitted layer nothing is unanimous, even for a reviewer: every span would agree with itself', async () => {
    const refused = (await acceptAllUnanimous(db, reviewer, { articleId }).catch((e: unknown) => e)) as Error & { status: number };
    expect([refused.status, refused.message]).toEqual([409, "Only one annotator's work is submitted, so nothing is unanimous yet: judge the spans one by one, or wait for a second layer."]);
    expect(await db.span.count({ where: { articleId, verdict: 'accepted' } })).toBe(0);
  });
});

describe('comment threads off the board, in peer review', () => {
  it('stay a reviewer\'s: a peer does not get another annotator\'s reopened work or e-mail through them', async () => {
    // Both annotators members again (one left the project in a test above).
    for (const a of [ann1, ann2]) await db.membership.upsert({ where: { projectId_userId: { projectId: PROJECT, userId: a.id } }, update: {}, create: { projectId: PROJECT, userId: a.id } });
    const [article] = await createArticles(db, reviewer, { projectId: PROJECT, input: { articles: [{ title: 'Threads', text: 'The port will close in winter, the board said on Friday.' }] } });
    // ann2 submits, a reviewer asks about a span, ann2 reopens (nobody else had submitted, so that
    // is still allowed), and then ann1 submits and opens the board.
    await createSpan(db, ann2, { articleId: article!.id, input: { label: 'claim', start: 0, end: 28 } });
    await setAnnotationStatus(db, ann2, { articleId: article!.id, input: { action: 'submit' } });
    const ann2Span = (await loadReview(db, reviewer, article!.id)).spans.find((s) => s.annotatorId === ann2.id)!;
    const { addComment } = await import('./service');
    await addComment(db, reviewer, { spanId: ann2Span.id, input: { body: 'Whose claim is this?' } });
    await setAnnotationStatus(db, ann2, { articleId: article!.id, input: { action: 'reopen' } });
    await createSpan(db, ann1, { articleId: article!.id, input: { label: 'claim', start: 0, end: 28 } });
    await setAnnotationStatus(db, ann1, { articleId: article!.id, input: { action: 'submit' } });
    expect((await loadReview(db, reviewer, article!.id)).earlierThreads.map((t) => t.spanId)).toEqual([ann2Span.id]);
    const peer = await loadReview(db, ann1, article!.id);
    expect(peer.earlierThreads).toEqual([]);
    expect(JSON.stringify(peer)).not.toContain('ann2@demo.test');
  });
});

describe('reopening in peer review', () => {
  it('is refused once another annotator has submitted the article, even if they reopened since: the board may have shown their work', async () => {
    const [article] = await createArticles(db, reviewer, { projectId: PROJECT, input: { articles: [{ title: 'Independent', text: 'The mayor promised lower fares, and critics doubt it.' }] } });
    const articleId = article!.id;
    await createSpan(db, ann1, { articleId, input: { label: 'claim', start: 0, end: 29 } });
    await setAnnotationStatus(db, ann1, { articleId, input: { action: 'submit' } });
    // Alone on the board: ann1 may still reopen and change their work.
    await setAnnotationStatus(db, ann1, { articleId, input: { action: 'reopen' } });
    await setAnnotationStatus(db, ann1, { articleId, input: { action: 'submit' } });
    await createSpan(db, ann2, { articleId, input: { label: 'opinion', start: 35, end: 52 } });
    await setAnnotationStatus(db, ann2, { articleId, input: { action: 'submit' } });
    const refused = (await setAnnotationStatus(db, ann1, { articleId, input: { action: 'reopen' } }).catch((e: unknown) => e)) as Error & { status: number };
    expect([refused.status, refused.message]).toEqual([409, PEER_SAW_OTHERS]);
    expect(await db.annotationStatus.findFirstOrThrow({ where: { articleId, userId: ann1.id }, select: { status: true } })).toEqual({ status: 'submitted' });
    // ann2, whose board showed ann1's work, is held the same way.
    expect(await statusOf(setAnnotationStatus(db, ann2, { articleId, input: { action: 'reopen' } }))).toBe(409);
    // Without peer review ever (here: the flag cleared behind the app's back, leaving no trace of
    // it having been on), the others' work was never shown to an annotator: reopening is theirs.
    await db.project.update({ where: { id: PROJECT }, data: { annotatorsMayReview: false } });
    try {
      expect(await setAnnotationStatus(db, ann1, { articleId, input: { action: 'reopen' } })).toEqual({ status: 'in_progress' });
    } finally {
      await db.project.update({ where: { id: PROJECT }, data: { annotatorsMayReview: true } });
    }
  });

  it('stays refused when an admin switches peer review off afterwards: what the board showed stays seen', async () => {
    const admin: Actor = { id: 'demo-user-admin', role: 'admin' };
    const [article] = await createArticles(db, reviewer, { projectId: PROJECT, input: { articles: [{ title: 'Switched off', text: 'The council cut the bus budget, and riders are angry.' }] } });
    const articleId = article!.id;
    await createSpan(db, ann1, { articleId, input: { label: 'claim', start: 0, end: 30 } });
    await setAnnotationStatus(db, ann1, { articleId, input: { action: 'submit' } });
    await createSpan(db, ann2, { articleId, input: { label: 'opinion', start: 36, end: 52 } });
    await setAnnotationStatus(db, ann2, { articleId, input: { action: 'submit' } });
    // ann1's board shows ann2's layer now.
    expect((await loadReview(db, ann1, articleId)).annotators.map((a) => a.id).sort()).toEqual([ann1.id, ann2.id]);
    const settings = async () => db.project.findUniqueOrThrow({ where: { id: PROJECT } });
    const off = async (on: boolean) => {
      const p = await settings();
      await updateProject(db, admin, { projectId: PROJECT, input: { name: p.name, guidelines: p.guidelines, requiredSubmissions: p.requiredSubmissions, annotatorsMayReview: on, version: p.version } });
    };
    await off(false);
    try {
      const refused = (await setAnnotationStatus(db, ann1, { articleId, input: { action: 'reopen' } }).catch((e: unknown) => e)) as Error & { status: number };
      expect([refused.status, refused.message]).toEqual([409, PEER_SAW_OTHERS]);
      expect(await db.annotationStatus.findFirstOrThrow({ where: { articleId, userId: ann1.id }, select: { status: true } })).toEqual({ status: 'submitted' });
    } finally {
      await off(true);
    }
  });

  it('is allowed when peer review was switched off before anyone else submitted', async () => {
    const admin: Actor = { id: 'demo-user-admin', role: 'admin' };
    const p = await db.project.findUniqueOrThrow({ where: { id: PROJECT } });
    await updateProject(db, admin, { projectId: PROJECT, input: { name: p.name, guidelines: p.guidelines, requiredSubmissions: p.requiredSubmissions, annotatorsMayReview: false, version: p.version } });
    try {
      const [article] = await createArticles(db, reviewer, { projectId: PROJECT, input: { articles: [{ title: 'Off before', text: 'The ferry fare doubles, and islanders object.' }] } });
      const articleId = article!.id;
      await createSpan(db, ann1, { articleId, input: { label: 'claim', start: 0, end: 22 } });
      await setAnnotationStatus(db, ann1, { articleId, input: { action: 'submit' } });
      await setAnnotationStatus(db, ann2, { articleId, input: { action: 'submit' } });
      expect(await setAnnotationStatus(db, ann1, { articleId, input: { action: 'reopen' } })).toEqual({ status: 'in_progress' });
    } finally {
      const now = await db.project.findUniqueOrThrow({ where: { id: PROJECT } });
      await updateProject(db, admin, { projectId: PROJECT, input: { name: now.name, guidelines: now.guidelines, requiredSubmissions: now.requiredSubmissions, annotatorsMayReview: true, version: now.version } });
    }
  });

  it('and reopening what was never submitted is refused in any project', async () => {
    const [article] = await createArticles(db, reviewer, { projectId: PROJECT, input: { articles: [{ title: 'Never submitted', text: 'Nothing was submitted on this one.' }] } });
    const refused = (await setAnnotationStatus(db, ann1, { articleId: article!.id, input: { action: 'reopen' } }).catch((e: unknown) => e)) as Error & { status: number };
    expect([refused.status, refused.message]).toEqual([409, 'You have not submitted this article, so there is nothing to reopen.']);
    expect(await db.annotationStatus.count({ where: { articleId: article!.id } })).toBe(0);
  });
});

describe('verdicts in peer review', () => {
  it("a peer accepts or rejects as the span stands, and leaves a reviewer's verdict as it is", async () => {
    for (const a of [ann1, ann2]) await db.membership.upsert({ where: { projectId_userId: { projectId: PROJECT, userId: a.id } }, update: {}, create: { projectId: PROJECT, userId: a.id } });
    const [article] = await createArticles(db, reviewer, { projectId: PROJECT, input: { articles: [{ title: 'Peer verdicts', text: 'The new line opens in May. It is a waste of money. Few will ride it.' }] } });
    const articleId = article!.id;
    const first = await createSpan(db, ann2, { articleId, input: { label: 'claim', start: 0, end: 26 } });
    const second = await createSpan(db, ann2, { articleId, input: { label: 'opinion', start: 27, end: 50 } });
    await createSpan(db, ann1, { articleId, input: { label: 'claim', start: 51, end: 68 } });
    for (const a of [ann2, ann1]) await setAnnotationStatus(db, a, { articleId, input: { action: 'submit' } });
    const goldNow = () => db.span.findMany({ where: { articleId, layer: 'gold', deletedAt: null }, select: { authorId: true, label: true, start: true, end: true } });

    // An edit would let a peer put any span (their own, say) into gold on the back of someone else's.
    const edited = (await judgeSpan(db, ann1, { spanId: first.id, input: { verdict: 'accepted', version: first.version, edit: { label: 'claim', start: 51, end: 68 } } }).catch((e: unknown) => e)) as Error & { status: number };
    expect([edited.status, edited.message]).toEqual([403, PEER_NO_EDIT]);
    expect(await goldNow()).toEqual([]);

    // A reviewer accepts one span: a peer may not take that back; the board shows it as settled.
    await judgeSpan(db, reviewer, { spanId: first.id, input: { verdict: 'accepted', version: first.version } });
    const judged = await db.span.findUniqueOrThrow({ where: { id: first.id } });
    const overturned = (await judgeSpan(db, ann1, { spanId: first.id, input: { verdict: 'rejected', version: judged.version } }).catch((e: unknown) => e)) as Error & { status: number };
    expect([overturned.status, overturned.message]).toEqual([403, PEER_REVIEWER_VERDICT]);
    expect(await goldNow()).toEqual([{ authorId: reviewer.id, label: 'claim', start: 0, end: 26 }]);
    expect((await loadReview(db, ann1, articleId)).reviewerJudged).toEqual([first.id]);
    expect((await loadReview(db, reviewer, articleId)).reviewerJudged).toEqual([]);

    // A peer's verdict on the other span is the peers' to change.
    expect(await statusOf(judgeSpan(db, ann1, { spanId: second.id, input: { verdict: 'rejected', version: second.version } }))).toBe(200);
    const peerJudged = await db.span.findUniqueOrThrow({ where: { id: second.id } });
    expect(await statusOf(judgeSpan(db, ann1, { spanId: second.id, input: { verdict: 'accepted', version: peerJudged.version } }))).toBe(200);
  });
});

describe('a layer off the board, to a peer', () => {
  it('cannot be commented on or judged, and answers as if it did not exist', async () => {
    const [article] = await createArticles(db, reviewer, { projectId: PROJECT, input: { articles: [{ title: 'Off the board', text: 'Ben is still at work on this text, and Ana has submitted it.' }] } });
    const articleId = article!.id;
    await createSpan(db, ann1, { articleId, input: { label: 'claim', start: 0, end: 29 } });
    await setAnnotationStatus(db, ann1, { articleId, input: { action: 'submit' } });
    const unsubmitted = await createSpan(db, ann2, { articleId, input: { label: 'opinion', start: 31, end: 59 } });
    const { addComment } = await import('./service');
    expect(await statusOf(addComment(db, ann1, { spanId: unsubmitted.id, input: { body: 'Why an opinion?' } }))).toBe(404);
    expect(await statusOf(judgeSpan(db, ann1, { spanId: unsubmitted.id, input: { verdict: 'rejected', version: unsubmitted.version } }))).toBe(404);
    expect(await db.comment.count({ where: { spanId: unsubmitted.id } })).toBe(0);
    // Once Ben submits, it is on Ana's board, and hers to comment on.
    await setAnnotationStatus(db, ann2, { articleId, input: { action: 'submit' } });
    expect(await statusOf(addComment(db, ann1, { spanId: unsubmitted.id, input: { body: 'Why an opinion?' } }))).toBe(200);
  });
});
