import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticles, setAnnotationStatus } from '../articles/service';
import { createSpan, deleteSpan, updateSpan } from '../spans/service';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { statusOf } from '../testing/status-of';
import { createTestDb } from '../testing/test-db';
import { describeChange } from '../audit-trail/describe';
import { feedbackFor } from './feedback';
import { projectAgreement } from './figures';
import { reviewQueue } from './queue';
import { acceptAllUnanimous, addComment, createGoldSpan, deleteGoldSpan, judgeSpan, loadReview, NOTHING_TO_ADJUDICATE, setReviewState, updateGoldSpan } from './service';

const ann1: Actor = { id: 'demo-user-ann1', role: 'annotator' };
const ann2: Actor = { id: 'demo-user-ann2', role: 'annotator' };
const reviewer: Actor = { id: 'demo-user-reviewer', role: 'reviewer' };
const ARTICLE = 'demo-article-bridge';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  for (const a of [ann1, ann2]) await setAnnotationStatus(db, a, { articleId: ARTICLE, input: { action: 'submit' } });
});
afterAll(async () => cleanup());


describe('review', () => {
  it('shows both submitted layers in clusters with their disagreement', async () => {
    const review = await loadReview(db, reviewer, ARTICLE);
    expect(review.state).toBe('ready');
    expect(review.annotators.map((a) => a.id).sort()).toEqual([ann1.id, ann2.id]);
    expect(review.spans).toHaveLength(6);
    const statuses = review.clusters.map((c) => c.status);
    expect(statuses).toContain('boundaries'); // the two claims on the first sentence
    expect(statuses).toContain('missing'); // the quotes only one annotator marked
    expect(statuses).toContain('label'); // "Frankly…": opinion vs claim
  });

  it('refuses annotators (403) and outsiders (404)', async () => {
    expect(await statusOf(loadReview(db, ann1, ARTICLE))).toBe(403);
    const outsider = await db.user.create({ data: { email: 'r2@demo.test', name: 'R2', role: 'reviewer' } });
    expect(await statusOf(loadReview(db, { id: outsider.id, role: 'reviewer' }, ARTICLE))).toBe(404);
  });

  it('accepts into gold, edits then accepts, rejects, and never duplicates gold', async () => {
    const claim1 = await db.span.findUniqueOrThrow({ where: { id: 'demo-span-ann1-1' } });
    expect(await judgeSpan(db, reviewer, { spanId: claim1.id, input: { verdict: 'accepted', version: claim1.version } })).toMatchObject({ verdict: 'accepted' });
    const quote = await db.span.findUniqueOrThrow({ where: { id: 'demo-span-ann2-2' } });
    const edited = await judgeSpan(db, reviewer, {
      spanId: quote.id,
      input: { verdict: 'accepted', version: quote.version, edit: { label: 'sourced_quote', start: quote.start, end: quote.end, speaker: 'Mayor Daniel Hughes' } },
    });
    expect(edited.verdict).toBe('edited');
    const frankly = await db.span.findUniqueOrThrow({ where: { id: 'demo-span-ann2-3' } });
    expect((await judgeSpan(db, reviewer, { spanId: frankly.id, input: { verdict: 'rejected', version: frankly.version } })).goldSpanId).toBeNull();

    const review = await loadReview(db, reviewer, ARTICLE);
    expect(review.state).toBe('in_review');
    // The first verdict put the article under review, once, in the audit trail as well.
    const started = await db.auditEvent.findMany({ where: { articleId: ARTICLE, action: 'review.start' } });
    expect(started.map((e) => [e.actorId, e.entityType, e.before, e.after])).toEqual([[reviewer.id, 'article', '{"reviewState":"open"}', '{"reviewState":"in_review"}']]);
    expect(review.gold.map((g) => [g.label, g.quote, g.speaker])).toEqual([
      ['claim', claim1.quote, ''],
      ['sourced_quote', quote.quote, 'Mayor Daniel Hughes'],
    ]);
    // Each gold span says how many annotators' spans stand behind it: removing it would reject them.
    expect(review.gold.map((g) => g.backedBy)).toEqual([1, 1]);
    const audit = await db.auditEvent.findMany({ where: { entityId: { in: [claim1.id, quote.id, frankly.id] }, action: { startsWith: 'review.' } } });
    expect(audit.map((a) => a.action).sort()).toEqual(['review.accepted', 'review.edited', 'review.rejected']);
  });

  it('keeps a judged submission closed: the annotator cannot reopen it to change what was judged', async () => {
    const refused = await setAnnotationStatus(db, ann1, { articleId: ARTICLE, input: { action: 'reopen' } }).then(
      () => null,
      (e: unknown) => e as { status: number; message: string },
    );
    expect(refused?.status).toBe(409);
    expect(refused?.message).toMatch(/already judged your annotations/);
    expect((await db.annotationStatus.findFirstOrThrow({ where: { articleId: ARTICLE, userId: ann1.id } })).status).toBe('submitted');
  });

  it('answers a stale verdict with 409', async () => {
    const span = await db.span.findUniqueOrThrow({ where: { id: 'demo-span-ann1-1' } });
    expect(await statusOf(judgeSpan(db, reviewer, { spanId: span.id, input: { verdict: 'rejected', version: span.version - 1 } }))).toBe(409);
  });

  it('lets one of two concurrent gold edits win and refuses the other with 409', async () => {
    const gold = await createGoldSpan(db, reviewer, { articleId: ARTICLE, input: { label: 'claim', start: 250, end: 270 } });
    const admin: Actor = { id: 'demo-user-admin', role: 'admin' };
    const results = await Promise.all([
      statusOf(updateGoldSpan(db, reviewer, { spanId: gold.id, input: { version: gold.version, label: 'opinion' } })),
      statusOf(updateGoldSpan(db, admin, { spanId: gold.id, input: { version: gold.version, label: 'sourced_quote' } })),
    ]);
    expect(results.sort()).toEqual([200, 409]);
    const stored = await db.span.findUniqueOrThrow({ where: { id: gold.id } });
    expect(stored.version).toBe(2);
    expect(['opinion', 'sourced_quote']).toContain(stored.label);
    expect(await statusOf(createGoldSpan(db, reviewer, { articleId: ARTICLE, input: { label: stored.label, start: 250, end: 270 } }))).toBe(409);
  });

  it('refuses gold drawn on a text other than the article has now (named by its hash)', async () => {
    const { textHash } = await db.article.findUniqueOrThrow({ where: { id: ARTICLE } });
    const stale = (await createGoldSpan(db, reviewer, { articleId: ARTICLE, input: { label: 'claim', start: 300, end: 320, textHash: '0'.repeat(64) } }).catch((e: unknown) => e)) as Error;
    expect(stale.message).toMatch(/^The article's text was edited after this page was loaded/);
    expect(await db.span.count({ where: { articleId: ARTICLE, layer: 'gold', start: 300, end: 320 } })).toBe(0);
    expect(await statusOf(createGoldSpan(db, reviewer, { articleId: ARTICLE, input: { label: 'claim', start: 300, end: 320, textHash } }))).toBe(200);
  });

  it('threads comments that the annotator sees on the Feedback page, with F1 against gold', async () => {
    await addComment(db, reviewer, { spanId: 'demo-span-ann1-1', input: { body: 'Good catch.' } });
    await addComment(db, ann1, { spanId: 'demo-span-ann1-1', input: { body: 'Thanks!' } });
    // Filed under the project too, so the audit trail's project filter finds comments.
    const events = await db.auditEvent.findMany({ where: { action: 'comment.create', entityId: 'demo-span-ann1-1' } });
    expect(events.map((e) => [e.projectId, e.articleId])).toEqual([
      ['demo-project', ARTICLE],
      ['demo-project', ARTICLE],
    ]);
    expect(await statusOf(addComment(db, ann2, { spanId: 'demo-span-ann1-1', input: { body: 'Not mine' } }))).toBe(404); // another annotator's span does not exist for them (blind annotation)
    // A comment of invisible characters only would show as nothing.
    expect(await statusOf(addComment(db, reviewer, { spanId: 'demo-span-ann1-1', input: { body: '\u200b\u2060' } }))).toBe(422);
    const feedback = await feedbackFor(db, ann1, 'demo-project');
    const bridge = feedback.articles.find((a) => a.id === ARTICLE)!;
    const first = bridge.spans.find((s) => s.id === 'demo-span-ann1-1')!;
    expect(first.verdict).toBe('accepted');
    expect(first.comments.map((c) => c.body)).toEqual(['Good catch.', 'Thanks!']);
    // The review is under way: its gold layer holds only what was accepted so far, so it is no reference yet.
    expect(feedback.againstGold.exact).toBeNull();
    expect(feedback.goldArticles).toBe(0);
  });

  it('accepts all unanimous clusters and closes the article; a stale close is refused', async () => {
    // Make one unanimous cluster: ann2 gets the same span as ann1's opinion, re-submitted.
    const frankly = await db.span.findUniqueOrThrow({ where: { id: 'demo-span-ann1-3' } });
    await db.span.create({
      data: { articleId: ARTICLE, authorId: ann2.id, label: 'opinion', start: frankly.start, end: frankly.end, quote: frankly.quote, prefix: frankly.prefix, suffix: frankly.suffix, textHash: frankly.textHash },
    });
    await db.span.update({ where: { id: 'demo-span-ann2-3' }, data: { deletedAt: new Date() } });
    const { accepted } = await acceptAllUnanimous(db, reviewer, { articleId: ARTICLE });
    expect(accepted).toBe(1);
    expect((await acceptAllUnanimous(db, reviewer, { articleId: ARTICLE })).accepted).toBe(0);

    const article = await db.article.findUniqueOrThrow({ where: { id: ARTICLE } });
    await setReviewState(db, reviewer, { articleId: ARTICLE, input: { action: 'adjudicate', version: article.version } });
    expect(await statusOf(setReviewState(db, reviewer, { articleId: ARTICLE, input: { action: 'adjudicate', version: article.version } }))).toBe(409);
    expect((await loadReview(db, reviewer, ARTICLE)).state).toBe('adjudicated');
    expect(await statusOf(createGoldSpan(db, reviewer, { articleId: ARTICLE, input: { label: 'claim', start: 0, end: 4 } }))).toBe(409);
    // Adjudicated, the gold layer is the reference: ann1's accepted claim is found in it.
    const feedback = await feedbackFor(db, ann1, 'demo-project');
    expect(feedback.goldArticles).toBe(1);
    expect(feedback.againstGold.exact?.perLabel.claim.tp).toBe(1);
  });

  it('lists the queue with progress', async () => {
    const { rows, progress } = await reviewQueue(db, reviewer, 'demo-project');
    expect(rows.find((r) => r.id === ARTICLE)?.state).toBe('adjudicated');
    expect(progress).toMatchObject({ total: 3, adjudicated: 1, reviewed: 1, annotated: 1 });
  });
});

describe('verdicts and the gold layer stay in step', () => {
  const WIND = 'demo-article-wind';
  const SCHOOLS = 'demo-article-schools';
  const liveGold = async (articleId: string) =>
    (await db.span.findMany({ where: { articleId, layer: 'gold', deletedAt: null }, orderBy: [{ start: 'asc' }, { end: 'asc' }] })).map((g) => [g.label, g.start, g.end, g.speaker]);
  const spansOf = async (articleId: string) => {
    const spans = await db.span.findMany({ where: { articleId, layer: 'annotator', deletedAt: null } });
    const find = (author: Actor, label: string) => spans.find((s) => s.authorId === author.id && s.label === label)!;
    return { find };
  };
  const judge = async (id: string, input: Record<string, unknown>) => {
    const span = await db.span.findUniqueOrThrow({ where: { id } });
    return judgeSpan(db, reviewer, { spanId: id, input: { ...input, version: span.version } });
  };

  beforeAll(async () => {
    // Both annotators mark the same quote and, nested in it, the same claim; then submit.
    for (const a of [ann1, ann2]) {
      await createSpan(db, a, { articleId: WIND, input: { label: 'sourced_quote', start: 0, end: 40, speaker: 'Port authority' } });
      await createSpan(db, a, { articleId: WIND, input: { label: 'claim', start: 10, end: 40 } });
      await setAnnotationStatus(db, a, { articleId: WIND, input: { action: 'submit' } });
    }
  });

  it('accepting all unanimous puts every distinct span of a cluster into gold, once', async () => {
    expect((await loadReview(db, reviewer, WIND)).clusters.map((c) => c.status)).toEqual(['agree']);
    expect(await acceptAllUnanimous(db, reviewer, { articleId: WIND })).toEqual({ accepted: 1 });
    expect(await liveGold(WIND)).toEqual([
      ['sourced_quote', 0, 40, 'Port authority'],
      ['claim', 10, 40, ''],
    ]);
    const spans = await db.span.findMany({ where: { articleId: WIND, layer: 'annotator', deletedAt: null } });
    expect(spans.map((s) => s.verdict)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    expect(spans.every((s) => s.goldSpanId !== null)).toBe(true);
    // The audit trail shows what changed, not every other field of the span going blank.
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: spans[0]!.id, action: 'review.accepted' } });
    expect(describeChange(event.before, event.after)).toEqual([
      { field: 'verdict', before: '—', after: 'accepted' },
      { field: 'version', before: String(spans[0]!.version - 1), after: String(spans[0]!.version) },
      { field: 'unanimous', before: '—', after: 'true' },
      { field: 'goldSpanId', before: '—', after: spans[0]!.goldSpanId },
    ]);
  });

  it('a changed verdict takes its gold span back, unless another accepted span still stands behind it', async () => {
    const { find } = await spansOf(WIND);
    // One of the two claims rejected: the other still backs the gold claim.
    await judge(find(ann1, 'claim').id, { verdict: 'rejected' });
    expect(await liveGold(WIND)).toHaveLength(2);
    // Both rejected: the gold claim goes (deleted, so restorable, and audited).
    await judge(find(ann2, 'claim').id, { verdict: 'rejected' });
    expect(await liveGold(WIND)).toEqual([['sourced_quote', 0, 40, 'Port authority']]);
    const removed = await db.span.findFirstOrThrow({ where: { articleId: WIND, layer: 'gold', label: 'claim' } });
    expect(removed.deletedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { entityId: removed.id, action: 'gold.delete' } })).toBe(1);

    // An edit replaces what the earlier acceptance put in gold only for this span's own part.
    await judge(find(ann1, 'sourced_quote').id, { verdict: 'accepted', edit: { label: 'sourced_quote', start: 0, end: 30, speaker: 'Port authority' } });
    expect(await liveGold(WIND)).toEqual([
      ['sourced_quote', 0, 30, 'Port authority'],
      ['sourced_quote', 0, 40, 'Port authority'],
    ]);
    await judge(find(ann1, 'sourced_quote').id, { verdict: 'rejected' });
    await judge(find(ann2, 'sourced_quote').id, { verdict: 'accepted', edit: { label: 'opinion', start: 0, end: 40, speaker: '' } });
    expect(await liveGold(WIND)).toEqual([['opinion', 0, 40, '']]);
    // Accepting it again as it was brings a gold span back.
    await judge(find(ann2, 'sourced_quote').id, { verdict: 'accepted' });
    expect(await liveGold(WIND)).toEqual([['sourced_quote', 0, 40, 'Port authority']]);
  });

  it('a gold span the reviewer drew or corrected by hand stays when a verdict behind it changes', async () => {
    const { find } = await spansOf(WIND);
    const quote = find(ann2, 'sourced_quote');
    // Rejected, then accepted again: the verdict puts a fresh gold span there.
    await judge(quote.id, { verdict: 'rejected' });
    await judge(quote.id, { verdict: 'accepted' });
    const gold = await db.span.findFirstOrThrow({ where: { articleId: WIND, layer: 'gold', deletedAt: null } });
    expect(gold.sourceSpanId).toBe(quote.id);
    // The reviewer corrects that gold span by hand; rejecting the quote now leaves the correction.
    await updateGoldSpan(db, reviewer, { spanId: gold.id, input: { version: gold.version, note: 'Checked against the ruling.' } });
    await judge(quote.id, { verdict: 'rejected' });
    expect(await liveGold(WIND)).toEqual([['sourced_quote', 0, 40, 'Port authority']]);
    // A gold span drawn by hand, then a verdict found in it and taken back: it stays too.
    const drawn = await createGoldSpan(db, reviewer, { articleId: WIND, input: { label: 'claim', start: 10, end: 40 } });
    await judge(find(ann1, 'claim').id, { verdict: 'accepted' });
    expect((await db.span.findUniqueOrThrow({ where: { id: find(ann1, 'claim').id } })).goldSpanId).toBe(drawn.id);
    await judge(find(ann1, 'claim').id, { verdict: 'rejected' });
    expect(await liveGold(WIND)).toEqual([
      ['sourced_quote', 0, 40, 'Port authority'],
      ['claim', 10, 40, ''],
    ]);
  });

  it('accepting all unanimous again takes only span groups nobody has judged yet', async () => {
    // Fresh annotators on a fresh article, so the demo's own spans play no part.
    const members = await Promise.all(
      ['x', 'y'].map(async (n) => {
        const user = await db.user.create({ data: { email: `${n}@unanimous.test`, name: n.toUpperCase(), role: 'annotator' } });
        await db.membership.create({ data: { projectId: 'demo-project', userId: user.id } });
        return { id: user.id, role: 'annotator' } as Actor;
      }),
    );
    const text = 'The harbour master said the new quay opens in May. '.repeat(5);
    const [project] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title: 'Unanimous', text }] } });
    for (const a of members) {
      await createSpan(db, a, { articleId: project.id, input: { label: 'sourced_quote', start: 100, end: 160, speaker: 'Someone' } });
      await createSpan(db, a, { articleId: project.id, input: { label: 'claim', start: 120, end: 160 } });
      await setAnnotationStatus(db, a, { articleId: project.id, input: { action: 'submit' } });
    }
    const claims = await db.span.findMany({ where: { articleId: project.id, label: 'claim', layer: 'annotator' } });
    for (const c of claims) await judge(c.id, { verdict: 'rejected' });
    expect(await acceptAllUnanimous(db, reviewer, { articleId: project.id })).toEqual({ accepted: 1 });
    // The quotes went in; the claims the reviewer rejected did not come back through the back door.
    expect(await liveGold(project.id)).toEqual([['sourced_quote', 100, 160, 'Someone']]);
    expect((await db.span.findMany({ where: { articleId: project.id, label: 'claim', layer: 'annotator' } })).map((c) => c.verdict)).toEqual(['rejected', 'rejected']);
  });

  it('a corrected speaker reaches gold, an edit keeps the note, and a gold edit never duplicates gold', async () => {
    const member = await db.user.create({ data: { email: 'quotes@unanimous.test', name: 'Q', role: 'annotator' } });
    await db.membership.create({ data: { projectId: 'demo-project', userId: member.id } });
    const annotator: Actor = { id: member.id, role: 'annotator' };
    const [article] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title: 'Quotes', text: '“We will rebuild the pier,” the mayor said. Fishermen doubt it. '.repeat(3) }] } });
    const quote = await createSpan(db, annotator, { articleId: article.id, input: { label: 'sourced_quote', start: 0, end: 27, speaker: 'Marta Reyes', note: 'Check the name.' } });
    await setAnnotationStatus(db, annotator, { articleId: article.id, input: { action: 'submit' } });
    await judge(quote.id, { verdict: 'accepted' });
    // The reviewer corrects only the speaker: gold now names the mayor, and keeps the note.
    await judge(quote.id, { verdict: 'accepted', edit: { label: 'sourced_quote', start: 0, end: 27, speaker: 'the mayor' } });
    const gold = await db.span.findMany({ where: { articleId: article.id, layer: 'gold', deletedAt: null } });
    expect(gold.map((g) => [g.speaker, g.note])).toEqual([['the mayor', 'Check the name.']]);
    // Drawn by hand next to it, then edited into a copy of it: refused, and nothing changes.
    const drawn = await createGoldSpan(db, reviewer, { articleId: article.id, input: { label: 'claim', start: 0, end: 27 } });
    expect(await statusOf(updateGoldSpan(db, reviewer, { spanId: drawn.id, input: { version: drawn.version, label: 'sourced_quote', speaker: 'the mayor' } }))).toBe(409);
    expect((await db.span.findUniqueOrThrow({ where: { id: drawn.id } })).label).toBe('claim');
  });

  it('a quote the annotators attribute to different speakers is not unanimous', async () => {
    await createSpan(db, ann1, { articleId: SCHOOLS, input: { label: 'sourced_quote', start: 0, end: 20, speaker: 'Head teacher' } });
    await createSpan(db, ann2, { articleId: SCHOOLS, input: { label: 'sourced_quote', start: 0, end: 20, speaker: 'Parent' } });
    for (const a of [ann1, ann2]) await setAnnotationStatus(db, a, { articleId: SCHOOLS, input: { action: 'submit' } });
    // The board shows why: same place and label, different speakers.
    expect((await loadReview(db, reviewer, SCHOOLS)).clusters.map((c) => c.status)).toEqual(['speaker']);
    expect(await acceptAllUnanimous(db, reviewer, { articleId: SCHOOLS })).toEqual({ accepted: 0 });
    expect(await liveGold(SCHOOLS)).toEqual([]);
  });
});

describe('spans over blank text saved before such spans were refused', () => {
  // Stored as older versions (or the API before the rule) could: straight into the table.
  const legacyBlankSpan = async (articleId: string, author: Actor, range: { start: number; end: number }) => {
    const article = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    const chars = Array.from(article.text);
    return db.span.create({
      data: {
        articleId,
        authorId: author.id,
        label: 'claim',
        ...range,
        quote: chars.slice(range.start, range.end).join(''),
        prefix: chars.slice(Math.max(0, range.start - 32), range.start).join(''),
        suffix: chars.slice(range.end, range.end + 32).join(''),
        textHash: article.textHash,
      },
    });
  };

  it('keep their range through a change of label or note, and cannot be moved onto blank text again', async () => {
    const [article] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title: 'Blank legacy', text: 'One sentence.\n\nAnother one.' }] } });
    const span = await legacyBlankSpan(article!.id, ann1, { start: 13, end: 15 });
    const relabelled = await updateSpan(db, ann1, { spanId: span.id, input: { version: 1, label: 'opinion', note: 'was blank' } });
    expect([relabelled.label, relabelled.start, relabelled.end, relabelled.note]).toEqual(['opinion', 13, 15, 'was blank']);
    expect(await statusOf(updateSpan(db, ann1, { spanId: span.id, input: { version: relabelled.version, start: 13, end: 14 } }))).toBe(422);
    const moved = await updateSpan(db, ann1, { spanId: span.id, input: { version: relabelled.version, start: 15, end: 27 } });
    expect(moved.quote).toBe('Another one.');
  });

  it('never go into gold as they are: Accept names the problem, Reject works, Accept all unanimous leaves them', async () => {
    const [article] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title: 'Blank unanimous', text: 'The bridge opens in May. \n\nCritics doubt it.' }] } });
    const id = article!.id;
    const blank = [];
    for (const a of [ann1, ann2]) {
      await createSpan(db, a, { articleId: id, input: { label: 'claim', start: 0, end: 24 } });
      blank.push(await legacyBlankSpan(id, a, { start: 24, end: 27 }));
      await setAnnotationStatus(db, a, { articleId: id, input: { action: 'submit' } });
    }
    expect((await loadReview(db, reviewer, id)).clusters.map((c) => c.status)).toEqual(['agree', 'agree']);
    expect(await acceptAllUnanimous(db, reviewer, { articleId: id })).toEqual({ accepted: 1 });
    const gold = await db.span.findMany({ where: { articleId: id, layer: 'gold', deletedAt: null } });
    expect(gold.map((g) => [g.start, g.end])).toEqual([[0, 24]]);

    const refused = await judgeSpan(db, reviewer, { spanId: blank[0]!.id, input: { verdict: 'accepted', version: 1 } }).catch((e: unknown) => e);
    expect((refused as Error).message).toBe('This span covers only spaces or line breaks, so it cannot go into gold: reject it, or edit its boundaries first.');
    expect(await statusOf(judgeSpan(db, reviewer, { spanId: blank[0]!.id, input: { verdict: 'rejected', version: 1 } }))).toBe(200);
    // Edited onto text, it goes in.
    await judgeSpan(db, reviewer, { spanId: blank[1]!.id, input: { verdict: 'accepted', version: 1, edit: { label: 'claim', start: 27, end: 44 } } });
    expect((await db.span.findMany({ where: { articleId: id, layer: 'gold', deletedAt: null }, orderBy: { start: 'asc' } })).map((g) => g.quote)).toEqual([
      'The bridge opens in May.',
      'Critics doubt it.',
    ]);
  });
});

/** A new article of the demo project where both annotators marked the same claim and submitted. */
async function agreedArticle(title: string, text: string): Promise<string> {
  const [article] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title, text }] } });
  for (const a of [ann1, ann2]) {
    await createSpan(db, a, { articleId: article!.id, input: { label: 'claim', start: 0, end: 44 } });
    await setAnnotationStatus(db, a, { articleId: article!.id, input: { action: 'submit' } });
  }
  return article!.id;
}

/** The database, with `meanwhile` run just before each transaction begins: what another user did in between. */
function withChangeBeforeTransaction(meanwhile: () => Promise<void>): Db {
  return new Proxy(db, {
    get(target, key, receiver) {
      if (key !== '$transaction') return Reflect.get(target, key, receiver);
      return async (...args: unknown[]) => {
        await meanwhile();
        return (target.$transaction as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
}

describe('accepting all unanimous while an annotator reopens', () => {
  it('accepts nothing when the submitted layers changed between reading the clusters and writing', async () => {
    const articleId = await agreedArticle('Reopened meanwhile', 'The council said the road will reopen in May, a date critics doubt.');
    // The reviewer's clusters are read first; ann2 reopens just before the writing transaction begins.
    const racing = withChangeBeforeTransaction(async () => {
      await setAnnotationStatus(db, ann2, { articleId, input: { action: 'reopen' } });
    });
    const refused = (await acceptAllUnanimous(racing, reviewer, { articleId }).catch((e: unknown) => e)) as Error;
    expect(refused.message).toBe('The layers on this article changed meanwhile (an annotator submitted, reopened or changed their work, or someone judged a span), so nothing was accepted. The page now shows the current layers; try again.');
    const spans = await db.span.findMany({ where: { articleId } });
    expect(spans.map((s) => [s.layer, s.verdict])).toEqual([
      ['annotator', ''],
      ['annotator', ''],
    ]);
    // Reopened, moved and submitted again in between: the same annotators, but not the same spans.
    await setAnnotationStatus(db, ann2, { articleId, input: { action: 'submit' } });
    const moving = withChangeBeforeTransaction(async () => {
      const mine = await db.span.findFirstOrThrow({ where: { articleId, authorId: ann2.id } });
      await setAnnotationStatus(db, ann2, { articleId, input: { action: 'reopen' } });
      await updateSpan(db, ann2, { spanId: mine.id, input: { version: mine.version, end: 30 } });
      await setAnnotationStatus(db, ann2, { articleId, input: { action: 'submit' } });
    });
    const changed = (await acceptAllUnanimous(moving, reviewer, { articleId }).catch((e: unknown) => e)) as Error;
    expect(changed.message).toMatch(/^The layers on this article changed meanwhile/);
    expect(await db.span.count({ where: { articleId, layer: 'gold' } })).toBe(0);
    await setAnnotationStatus(db, ann2, { articleId, input: { action: 'reopen' } });

    // A verdict on the reopened layer's span, from the board loaded before: the reason, not "not found".
    const reopened = spans.find((s) => s.authorId === ann2.id)!;
    const judged = (await judgeSpan(db, reviewer, { spanId: reopened.id, input: { verdict: 'accepted', version: reopened.version } }).catch((e: unknown) => e)) as Error & { status: number };
    expect([judged.status, judged.message]).toEqual([
      409,
      'Its annotator reopened their work on this article, so their spans are out of the review until they submit again. Reload the page to see the current layers.',
    ]);
  });
});

describe('removing or correcting a gold span', () => {
  it('rejects the verdicts that stood behind a removed one, audited, and Accept all unanimous does not bring it back', async () => {
    const article = { id: await agreedArticle('Gold removed', 'The port said the new crane arrives in June, though few expect it.') };
    const mine = await db.span.findFirstOrThrow({ where: { articleId: article.id, authorId: ann1.id } });
    const { goldSpanId } = await judgeSpan(db, reviewer, { spanId: mine.id, input: { verdict: 'accepted', version: mine.version } });
    const gold = await db.span.findUniqueOrThrow({ where: { id: goldSpanId! } });
    // The answer says how many spans the removal rejected, for the page to say so.
    expect(await deleteGoldSpan(db, reviewer, { spanId: gold.id, input: { version: gold.version } })).toMatchObject({ rejected: 1 });
    const after = await db.span.findUniqueOrThrow({ where: { id: mine.id } });
    expect([after.verdict, after.goldSpanId, after.reviewedById]).toEqual(['rejected', null, reviewer.id]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: mine.id, action: 'review.rejected' } });
    expect(JSON.parse(event.after!)).toEqual({
      label: after.label, start: after.start, end: after.end, quote: after.quote, note: after.note, speaker: after.speaker,
      verdict: 'rejected', version: after.version, deleted: false, goldSpanId: null, because: `gold span ${gold.id} was removed`,
    });
    expect(describeChange(event.before, event.after).map((c) => c.field)).toEqual(['verdict', 'version', 'goldSpanId', 'because']);
    // ann2's identical span still awaits a verdict, but its group holds a rejected span: the reviewer's to settle.
    expect(await acceptAllUnanimous(db, reviewer, { articleId: article.id })).toEqual({ accepted: 0 });
    expect(await db.span.count({ where: { articleId: article.id, layer: 'gold', deletedAt: null } })).toBe(0);
  });

  it('and a removed gold span restored from Deleted items has its verdicts back, unless their span changed since', async () => {
    const articleId = await agreedArticle('Gold restored', 'The ferry fare stays the same next year, the operator said today.');
    const [mine, theirs] = await Promise.all([ann1, ann2].map((a) => db.span.findFirstOrThrow({ where: { articleId, authorId: a.id } })));
    const { goldSpanId } = await judgeSpan(db, reviewer, { spanId: mine!.id, input: { verdict: 'accepted', version: mine!.version } });
    await judgeSpan(db, reviewer, { spanId: theirs!.id, input: { verdict: 'accepted', version: theirs!.version } });
    const gold = await db.span.findUniqueOrThrow({ where: { id: goldSpanId! } });
    await deleteGoldSpan(db, reviewer, { spanId: gold.id, input: { version: gold.version } });
    // One of the two rejections is changed by the reviewer since: that one stays as it is now.
    const rejected = await db.span.findUniqueOrThrow({ where: { id: theirs!.id } });
    await judgeSpan(db, reviewer, { spanId: theirs!.id, input: { verdict: 'rejected', version: rejected.version } });
    const { restoreDeleted } = await import('../trash/service');
    await restoreDeleted(db, { id: 'demo-user-admin', role: 'admin' }, { kind: 'span', id: gold.id });
    const after = await db.span.findMany({ where: { id: { in: [mine!.id, theirs!.id] } }, select: { id: true, verdict: true, goldSpanId: true } });
    expect(after.find((s) => s.id === mine!.id)).toEqual({ id: mine!.id, verdict: 'accepted', goldSpanId: gold.id });
    expect(after.find((s) => s.id === theirs!.id)).toEqual({ id: theirs!.id, verdict: 'rejected', goldSpanId: null });
    expect(await db.auditEvent.count({ where: { entityId: mine!.id, action: 'review.accepted', after: { contains: `gold span ${gold.id} was restored` } } })).toBe(1);
  });

  it('marks the verdicts behind a corrected one as edited, and Accept all unanimous adds no uncorrected copy beside it', async () => {
    const articleId = await agreedArticle('Gold corrected', 'The mayor says the tram will be free, and the council has agreed.');
    const mine = await db.span.findFirstOrThrow({ where: { articleId, authorId: ann1.id } });
    const { goldSpanId } = await judgeSpan(db, reviewer, { spanId: mine.id, input: { verdict: 'accepted', version: mine.version } });
    const gold = await db.span.findUniqueOrThrow({ where: { id: goldSpanId! } });
    // A note changes nothing a verdict judged; the label does.
    expect(await updateGoldSpan(db, reviewer, { spanId: gold.id, input: { version: gold.version, note: 'checked' } })).toMatchObject({ edited: 0 });
    expect((await db.span.findUniqueOrThrow({ where: { id: mine.id } })).verdict).toBe('accepted');
    expect(await updateGoldSpan(db, reviewer, { spanId: gold.id, input: { version: gold.version + 1, label: 'opinion' } })).toMatchObject({ edited: 1 });
    const after = await db.span.findUniqueOrThrow({ where: { id: mine.id } });
    expect([after.verdict, after.goldSpanId]).toEqual(['edited', gold.id]);
    expect(await db.auditEvent.count({ where: { entityId: mine.id, action: 'review.edited' } })).toBe(1);
    expect(await acceptAllUnanimous(db, reviewer, { articleId })).toEqual({ accepted: 0 });
    expect(await db.span.findMany({ where: { articleId, layer: 'gold', deletedAt: null }, select: { label: true } })).toEqual([{ label: 'opinion' }]);
  });
});

describe('comment threads of spans no longer on the board', () => {
  it('stay readable: a span its annotator reopened, then deleted', async () => {
    const articleId = await agreedArticle('Talked about', 'The mayor said the ferry will run in June, a date the crews doubt.');
    const board = await loadReview(db, reviewer, articleId);
    const ann2Claim = board.spans.find((s) => s.annotatorId === ann2.id)!;
    await addComment(db, reviewer, { spanId: ann2Claim.id, input: { body: 'Is the date a claim of the council, or of the paper?' } });
    expect((await loadReview(db, reviewer, articleId)).earlierThreads).toEqual([]);

    // Reopened: the layer leaves the board until it is submitted again, and its thread is listed apart.
    await setAnnotationStatus(db, ann2, { articleId, input: { action: 'reopen' } });
    const reopened = await loadReview(db, reviewer, articleId);
    expect(reopened.earlierThreads).toEqual([
      expect.objectContaining({ spanId: ann2Claim.id, label: 'claim', why: 'reopened', annotator: 'Ben Annotator', comments: [expect.objectContaining({ body: 'Is the date a claim of the council, or of the paper?' })] }),
    ]);

    // Deleted and submitted again: still there, now as deleted, with the span's text.
    const stored = await db.span.findUniqueOrThrow({ where: { id: ann2Claim.id } });
    await deleteSpan(db, ann2, { spanId: stored.id, input: { version: stored.version } });
    await setAnnotationStatus(db, ann2, { articleId, input: { action: 'submit' } });
    const after = await loadReview(db, reviewer, articleId);
    expect(after.spans.map((s) => s.id)).not.toContain(ann2Claim.id);
    expect(after.earlierThreads).toEqual([expect.objectContaining({ spanId: ann2Claim.id, why: 'deleted', quote: stored.quote })]);
  });
});

describe('an edit on acceptance', () => {
  it("keeps the speaker and note it leaves out, and a speaker sent with a claim is not an edit", async () => {
    const [article] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title: 'Edit keeps speaker', text: '"We will open in May," said Daniel Hughes. The plan is sound.' }] } });
    const articleId = article!.id;
    const quote = await createSpan(db, ann1, { articleId, input: { label: 'sourced_quote', start: 0, end: 22, speaker: 'Daniel Hughes', note: 'the mayor' } });
    const claim = await createSpan(db, ann1, { articleId, input: { label: 'claim', start: 43, end: 60 } });
    await setAnnotationStatus(db, ann1, { articleId, input: { action: 'submit' } });
    // Only the boundaries change (the closing quote mark left out): who is quoted stays.
    const fixed = await judgeSpan(db, reviewer, { spanId: quote.id, input: { verdict: 'accepted', version: quote.version, edit: { label: 'sourced_quote', start: 1, end: 20 } } });
    expect(fixed.verdict).toBe('edited');
    expect(await db.span.findUniqueOrThrow({ where: { id: fixed.goldSpanId! }, select: { speaker: true, note: true, start: true, end: true } })).toEqual({ speaker: 'Daniel Hughes', note: 'the mayor', start: 1, end: 20 });
    // A claim has no speaker: sending one with it changes nothing, so the verdict is a plain accept.
    const same = await judgeSpan(db, reviewer, { spanId: claim.id, input: { verdict: 'accepted', version: claim.version, edit: { label: 'claim', start: 43, end: 60, speaker: 'someone' } } });
    expect(same.verdict).toBe('accepted');
    expect(await db.span.findUniqueOrThrow({ where: { id: same.goldSpanId! }, select: { speaker: true } })).toEqual({ speaker: '' });
  });
});

describe('marking adjudicated from a page gone stale', () => {
  it('is refused when more spans await a verdict than the page showed (a layer submitted meanwhile), and nothing closes', async () => {
    const [article] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title: 'Late layer', text: 'The bridge opens in May, the council said on Friday.' }] } });
    const articleId = article!.id;
    await createSpan(db, ann1, { articleId, input: { label: 'claim', start: 0, end: 24 } });
    await setAnnotationStatus(db, ann1, { articleId, input: { action: 'submit' } });
    const shown = await loadReview(db, reviewer, articleId);
    const unjudged = shown.spans.filter((s) => s.verdict === '').length;
    expect(unjudged).toBe(1);
    // Ben submits after the page was loaded: his span awaits a verdict too, and the page never showed it.
    await createSpan(db, ann2, { articleId, input: { label: 'opinion', start: 0, end: 24 } });
    await setAnnotationStatus(db, ann2, { articleId, input: { action: 'submit' } });
    const refused = (await setReviewState(db, reviewer, { articleId, input: { action: 'adjudicate', version: shown.article.version, unjudged } }).catch((e: unknown) => e)) as Error & { status: number };
    expect([refused.status, refused.message]).toEqual([409, '2 spans have no verdict now, not 1 as the page showed: an annotator submitted or changed their work meanwhile. The page now shows the current layers; nothing was closed.']);
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).reviewState).not.toBe('adjudicated');
    // Nor when the count happens to match but a layer is new: another reviewer judged one span meanwhile.
    const stale = (await setReviewState(db, reviewer, { articleId, input: { action: 'adjudicate', version: shown.article.version, unjudged: 2, layers: shown.annotators.map((a) => a.id) } }).catch((e: unknown) => e)) as Error & { status: number };
    expect([stale.status, stale.message]).toEqual([409, '1 layer submitted since the page was loaded is not on it yet. The page now shows the current layers; nothing was closed.']);
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).reviewState).not.toBe('adjudicated');
    // From the current page, with both in view, it closes.
    await setReviewState(db, reviewer, { articleId, input: { action: 'adjudicate', version: shown.article.version, unjudged: 2 } });
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).reviewState).toBe('adjudicated');
  });
});

describe('marking adjudicated with nothing to close', () => {
  it('is refused while no layer is submitted and gold is empty, and allowed once the reviewer has made gold', async () => {
    const [article] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title: 'Nobody yet', text: 'The ferry resumes in June, the operator said.' }] } });
    const articleId = article!.id;
    // An annotator has started but not submitted: closing would only shut them out.
    await createSpan(db, ann1, { articleId, input: { label: 'claim', start: 0, end: 25 } });
    const shown = await loadReview(db, reviewer, articleId);
    const refused = (await setReviewState(db, reviewer, { articleId, input: { action: 'adjudicate', version: shown.article.version } }).catch((e: unknown) => e)) as Error & { status: number };
    expect([refused.status, refused.message]).toEqual([409, NOTHING_TO_ADJUDICATE]);
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).reviewState).toBe('open');
    expect(await db.auditEvent.count({ where: { articleId, action: 'review.adjudicate' } })).toBe(0);
    // A gold span the reviewer marked themselves is something reviewed: now it closes.
    await createGoldSpan(db, reviewer, { articleId, input: { label: 'claim', start: 0, end: 25 } });
    const current = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    const before = await projectAgreement(db, reviewer, 'demo-project');
    await setReviewState(db, reviewer, { articleId, input: { action: 'adjudicate', version: current.version } });
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).reviewState).toBe('adjudicated');
    // The agreement page counts it as adjudicated, though it has no layer to compare with gold.
    const after = await projectAgreement(db, reviewer, 'demo-project');
    expect([after.adjudicatedCount, after.goldArticleCount]).toEqual([before.adjudicatedCount + 1, before.goldArticleCount]);
  });
});

describe('feedback on a reopened article', () => {
  it("keeps the reviewer's comments in sight while the annotator works on them, and only the spans they are about", async () => {
    const [article] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title: 'Asked about', text: 'The tunnel will cost less than planned. That is welcome news.' }] } });
    const articleId = article!.id;
    const asked = await createSpan(db, ann1, { articleId, input: { label: 'claim', start: 0, end: 39 } });
    await createSpan(db, ann1, { articleId, input: { label: 'opinion', start: 40, end: 61 } });
    await setAnnotationStatus(db, ann1, { articleId, input: { action: 'submit' } });
    await addComment(db, reviewer, { spanId: asked.id, input: { body: 'Is "less than planned" sourced anywhere?' } });
    await setAnnotationStatus(db, ann1, { articleId, input: { action: 'reopen' } });
    const entry = (await feedbackFor(db, ann1, 'demo-project')).articles.find((a) => a.id === articleId);
    expect(entry).toMatchObject({ reopened: true, spans: [{ id: asked.id, comments: [{ body: 'Is "less than planned" sourced anywhere?' }] }] });
    // An article reopened with nothing to answer is the annotator's work in progress, not feedback.
    const [quiet] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title: 'Nothing asked', text: 'The library opens late on Thursdays now.' }] } });
    await createSpan(db, ann1, { articleId: quiet!.id, input: { label: 'claim', start: 0, end: 39 } });
    await setAnnotationStatus(db, ann1, { articleId: quiet!.id, input: { action: 'submit' } });
    await setAnnotationStatus(db, ann1, { articleId: quiet!.id, input: { action: 'reopen' } });
    expect((await feedbackFor(db, ann1, 'demo-project')).articles.some((a) => a.id === quiet!.id)).toBe(false);
    // Closed while reopened: still listed with its threads, but never scored against gold (the layer was never judged whole).
    const scoredBefore = (await feedbackFor(db, ann1, 'demo-project')).goldArticles;
    // (With no layer submitted, closing needs a gold span: the reviewer marks the claim themselves.)
    await createGoldSpan(db, reviewer, { articleId, input: { label: 'claim', start: 0, end: 39 } });
    const current = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    await setReviewState(db, reviewer, { articleId, input: { action: 'adjudicate', version: current.version } });
    const closed = await feedbackFor(db, ann1, 'demo-project');
    expect(closed.articles.find((a) => a.id === articleId)).toMatchObject({ reopened: true, reviewState: 'adjudicated' });
    expect(closed.goldArticles).toBe(scoredBefore);
  });

  it('keeps the thread of a span the annotator deleted to act on the comment, marked deleted, through the next submission; it is not scored', async () => {
    const [article] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title: 'Not a claim', text: 'Surely the best plan the council ever had. It opens in May.' }] } });
    const articleId = article!.id;
    const asked = await createSpan(db, ann1, { articleId, input: { label: 'claim', start: 0, end: 42 } });
    const kept = await createSpan(db, ann1, { articleId, input: { label: 'claim', start: 43, end: 58 } });
    await setAnnotationStatus(db, ann1, { articleId, input: { action: 'submit' } });
    await addComment(db, reviewer, { spanId: asked.id, input: { body: 'This reads as an opinion, not a claim.' } });
    await setAnnotationStatus(db, ann1, { articleId, input: { action: 'reopen' } });
    await deleteSpan(db, ann1, { spanId: asked.id, input: { version: asked.version } });
    const working = (await feedbackFor(db, ann1, 'demo-project')).articles.find((a) => a.id === articleId);
    expect(working).toMatchObject({ reopened: true, spans: [{ id: asked.id, deleted: true, comments: [{ body: 'This reads as an opinion, not a claim.' }] }] });
    await setAnnotationStatus(db, ann1, { articleId, input: { action: 'submit' } });
    const resubmitted = (await feedbackFor(db, ann1, 'demo-project')).articles.find((a) => a.id === articleId)!;
    expect(resubmitted.spans.map((s) => [s.id, s.deleted, s.comments.length])).toEqual([
      [asked.id, true, 1],
      [kept.id, false, 0],
    ]);
  });
});

describe('gold stays one span per person quoted, and goes with the verdict that made it', () => {
  const admin: Actor = { id: 'demo-user-admin', role: 'admin' };
  const twoLayers = async (title: string, text: string, spans: { start: number; end: number; label: 'claim' | 'sourced_quote'; speaker?: [string, string] }[]) => {
    const [article] = await createArticles(db, reviewer, { projectId: 'demo-project', input: { articles: [{ title, text }] } });
    const ids: Record<string, string[]> = { [ann1.id]: [], [ann2.id]: [] };
    for (const [i, a] of [ann1, ann2].entries()) {
      for (const s of spans) {
        const created = await createSpan(db, a, { articleId: article!.id, input: { label: s.label, start: s.start, end: s.end, ...(s.speaker ? { speaker: s.speaker[i] } : {}) } });
        ids[a.id]!.push(created.id);
      }
      await setAnnotationStatus(db, a, { articleId: article!.id, input: { action: 'submit' } });
    }
    return { articleId: article!.id, ids };
  };
  const liveGold = (articleId: string) => db.span.findMany({ where: { articleId, layer: 'gold', deletedAt: null } });

  it('one speaker typed two ways ("Marta Reyes", "marta  reyes") is one gold quote, whether accepted by hand, all at once, or both', async () => {
    const text = '“We were given a wrong number,” said Marta Reyes on Tuesday.';
    const { articleId, ids } = await twoLayers(`Speakers ${Date.now()}`, text, [{ start: 0, end: 31, label: 'sourced_quote', speaker: ['Marta Reyes', 'marta  reyes'] }]);
    expect((await loadReview(db, reviewer, articleId)).clusters.map((c) => c.status)).toEqual(['agree']);
    const first = await db.span.findUniqueOrThrow({ where: { id: ids[ann1.id]![0] } });
    await judgeSpan(db, reviewer, { spanId: first.id, input: { verdict: 'accepted', version: first.version } });
    await acceptAllUnanimous(db, reviewer, { articleId });
    const second = await db.span.findUniqueOrThrow({ where: { id: ids[ann2.id]![0] } });
    expect(second.verdict).toBe('accepted');
    const gold = await liveGold(articleId);
    expect(gold.map((g) => [g.label, g.speaker])).toEqual([['sourced_quote', 'Marta Reyes']]);
    expect(second.goldSpanId).toBe(gold[0]!.id);
  });

  it('gold removed and restored goes again when the one verdict behind it is changed to a rejection', async () => {
    const text = 'The tunnel opens in June. Nobody believes it.';
    const { articleId, ids } = await twoLayers(`Restored gold ${Date.now()}`, text, [{ start: 0, end: 25, label: 'claim' }]);
    const span = await db.span.findUniqueOrThrow({ where: { id: ids[ann1.id]![0] } });
    const { goldSpanId } = await judgeSpan(db, reviewer, { spanId: span.id, input: { verdict: 'accepted', version: span.version } });
    const gold = await db.span.findUniqueOrThrow({ where: { id: goldSpanId! } });
    await deleteGoldSpan(db, reviewer, { spanId: gold.id, input: { version: gold.version } });
    const { restoreDeleted } = await import('../trash/service');
    await restoreDeleted(db, admin, { kind: 'span', id: gold.id });
    const back = await db.span.findUniqueOrThrow({ where: { id: span.id } });
    expect([back.verdict, back.goldSpanId]).toEqual(['accepted', gold.id]);
    await judgeSpan(db, reviewer, { spanId: span.id, input: { verdict: 'rejected', version: back.version } });
    expect(await liveGold(articleId)).toEqual([]);
    // A gold span a reviewer corrected stays, though: the correction is theirs.
    const other = await db.span.findUniqueOrThrow({ where: { id: ids[ann2.id]![0] } });
    const made = await judgeSpan(db, reviewer, { spanId: other.id, input: { verdict: 'accepted', version: other.version } });
    const corrected = await db.span.findUniqueOrThrow({ where: { id: made.goldSpanId! } });
    await updateGoldSpan(db, reviewer, { spanId: corrected.id, input: { label: 'claim', start: 0, end: 24, version: corrected.version } });
    const judged = await db.span.findUniqueOrThrow({ where: { id: other.id } });
    await judgeSpan(db, reviewer, { spanId: other.id, input: { verdict: 'rejected', version: judged.version } });
    expect((await liveGold(articleId)).map((g) => g.id)).toEqual([corrected.id]);
  });

  it('a removal asked about with fewer spans behind the gold span than stand there now is refused, removing nothing', async () => {
    const text = 'The bridge closes in July. Drivers are furious.';
    const { articleId, ids } = await twoLayers(`Stale removal ${Date.now()}`, text, [{ start: 0, end: 26, label: 'claim' }]);
    // One reviewer draws the gold span by hand: nothing stands behind it on their board.
    const drawn = await createGoldSpan(db, reviewer, { articleId, input: { label: 'claim', start: 0, end: 26 } });
    expect((await loadReview(db, reviewer, articleId)).gold.find((g) => g.id === drawn.id)?.backedBy ?? 0).toBe(0);
    // Another accepts an annotator's identical span into it meanwhile.
    const span = await db.span.findUniqueOrThrow({ where: { id: ids[ann1.id]![0] } });
    await judgeSpan(db, admin, { spanId: span.id, input: { verdict: 'accepted', version: span.version } });
    const stale = (await deleteGoldSpan(db, reviewer, { spanId: drawn.id, input: { version: drawn.version, backedBy: 0 } }).catch((e: unknown) => e)) as Error & { status: number };
    expect([stale.status, stale.message]).toEqual([
      409,
      '1 annotator span now stands behind this gold span, not 0 as the page showed: someone accepted into it meanwhile, and removing it would reject it. Nothing was removed; the page now shows it as it is.',
    ]);
    expect((await liveGold(articleId)).map((g) => g.id)).toEqual([drawn.id]);
    expect((await db.span.findUniqueOrThrow({ where: { id: span.id } })).verdict).toBe('accepted');
    // Asked again with the count it shows now, it goes, and the verdict behind it becomes a rejection.
    expect(await deleteGoldSpan(db, reviewer, { spanId: drawn.id, input: { version: drawn.version, backedBy: 1 } })).toMatchObject({ rejected: 1 });
    expect(await liveGold(articleId)).toEqual([]);
  });
});
