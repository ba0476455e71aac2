import { z } from 'zod';
import type { Article, Prisma, Span } from '../../generated/prisma/client';
import { clusterSpans, speakerKey, type Layer } from '../agreement';
import { isBlank } from '../anchoring/snap';
import { recordAudit } from '../audit';
import { plural } from '../plural';
import { decide, type Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { scopedTransaction } from '../database/write-scope';
import { conflict, DomainError, invalid, notFound, parseOrThrow } from '../errors';
import { labelSchema, type Label } from '../labels';
import { createSpanSchema, updateSpanSchema, versionSchema } from '../spans/schema';
import { auditFields, ensureSameText, insertSpan, markDeleted, reviseSpan, staleVersion, updateIfVersion } from '../spans/write';
import { groupBy } from '../group-by';
import { reviewState, type ReviewState } from './status';
import { acceptableUnanimous } from './unanimous';
import { versionField } from '../versions';
import { hasVisibleText } from '../visible-text';

type Tx = Prisma.TransactionClient;

// Review: reviewers judge the submitted annotators' spans, build the gold layer and close the
// article. Every write checks the version it was based on, so two reviewers on one article
// never overwrite each other silently: the second gets a 409 and the page reloads.

/** Loads an article for review and decides whether the actor may review it. */
export async function articleForReview(db: Db | Tx, actor: Actor, articleId: string) {
  const article = await db.article.findFirst({ where: { id: articleId, deletedAt: null }, include: { project: true } });
  return allowReview(db, actor, article);
}

/** The same decision without reading the article's text, for reads that do not need it. */
async function articleForReviewWithoutText(db: Db, actor: Actor, articleId: string) {
  const article = await db.article.findFirst({ where: { id: articleId, deletedAt: null }, include: { project: true }, omit: { text: true } });
  return allowReview(db, actor, article);
}

async function allowReview<A extends { projectId: string; project: { annotatorsMayReview: boolean } }>(db: Db | Tx, actor: Actor, article: (A & { id: string }) | null): Promise<A & { id: string }> {
  if (!article) throw notFound('Article');
  const [membership, own] = await Promise.all([
    db.membership.findUnique({ where: { projectId_userId: { projectId: article.projectId, userId: actor.id } } }),
    db.annotationStatus.findUnique({ where: { articleId_userId: { articleId: article.id, userId: actor.id } } }),
  ]);
  const decision = decide(actor, 'article.review', {
    isMember: membership !== null,
    annotatorsMayReview: article.project.annotatorsMayReview,
    submittedByActor: own?.status === 'submitted',
  });
  if (!decision.ok) throw decision.status === 404 ? notFound('Article') : new DomainError(decision.status, decision.reason);
  return article;
}

function ensureOpen(article: Article) {
  if (article.reviewState === 'adjudicated') {
    throw conflict('This article is adjudicated. Reopen the review to change its gold layer or verdicts.');
  }
}

/** The first verdict or gold span puts the article under review, in the audit trail too. */
async function startReview(tx: Tx, actor: Actor, article: Article) {
  if (article.reviewState !== 'open') return;
  const { count } = await tx.article.updateMany({ where: { id: article.id, reviewState: 'open' }, data: { reviewState: 'in_review' } });
  if (count !== 1) return;
  await recordAudit(tx, {
    actorId: actor.id,
    action: 'review.start',
    entityType: 'article',
    entityId: article.id,
    projectId: article.projectId,
    articleId: article.id,
    before: { reviewState: 'open' },
    after: { reviewState: 'in_review' },
  });
}

async function submittedAnnotators(db: Db | Tx, articleId: string) {
  const statuses = await db.annotationStatus.findMany({
    where: { articleId, status: 'submitted' },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { user: { email: 'asc' } },
  });
  return statuses.map((s) => s.user);
}

export type ReviewSpan = {
  id: string;
  layer: 'annotator' | 'gold';
  annotatorId: string;
  label: Label;
  start: number;
  end: number;
  quote: string;
  note: string;
  speaker: string;
  verdict: '' | 'accepted' | 'rejected' | 'edited';
  version: number;
  sourceSpanId: string | null;
  /**
   * A gold span: how many annotators' spans stand behind it, in any layer (a reopened one too),
   * which removing it rejects (deleteGoldSpan); the board asks first when there are any.
   */
  backedBy?: number;
  comments: { id: string; author: string; body: string; createdAt: string }[];
};

type Comment = ReviewSpan['comments'][number];
type StoredReviewSpan = Pick<Span, 'id' | 'layer' | 'authorId' | 'label' | 'start' | 'end' | 'note' | 'speaker' | 'verdict' | 'version' | 'sourceSpanId'> & { quote?: string };

/** `backedBy`: for a gold span, how many annotators' spans stand behind it. */
function toReviewSpan(s: StoredReviewSpan, comments: Comment[], backedBy?: number): ReviewSpan {
  return {
    id: s.id,
    layer: s.layer as ReviewSpan['layer'],
    annotatorId: s.authorId,
    label: s.label as Label,
    start: s.start,
    end: s.end,
    quote: s.quote ?? '',
    note: s.note,
    speaker: s.speaker,
    verdict: s.verdict as ReviewSpan['verdict'],
    version: s.version,
    sourceSpanId: s.sourceSpanId,
    comments,
    ...(s.layer === 'gold' ? { backedBy: backedBy ?? 0 } : {}),
  };
}

/**
 * Comment threads by span id, oldest first, for the comments `where` selects (by article). One
 * query, not one per span nor an `IN` list of every span id, which exceeds the database's limit
 * on bound parameters (999 on SQLite) once an article has a thousand spans.
 */
export async function commentThreads(db: Db | Tx, where: Prisma.CommentWhereInput): Promise<Map<string, Comment[]>> {
  const rows = await db.comment.findMany({
    where,
    select: { id: true, spanId: true, body: true, createdAt: true, author: { select: { name: true } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const threads = new Map<string, Comment[]>();
  for (const [spanId, comments] of groupBy(rows, (c) => c.spanId)) {
    threads.set(spanId, comments.map((c) => ({ id: c.id, author: c.author.name, body: c.body, createdAt: c.createdAt.toISOString() })));
  }
  return threads;
}

export function layersOf(
  annotators: { id: string }[],
  spans: { annotatorId: string; layer: string; id: string; label: string; start: number; end: number; speaker: string }[],
): Layer[] {
  return annotators.map((a) => ({
    annotator: a.id,
    spans: spans
      .filter((s) => s.layer === 'annotator' && s.annotatorId === a.id)
      .map((s) => ({ id: s.id, label: s.label, start: s.start, end: s.end, speaker: s.speaker })),
  }));
}

/**
 * Everything the review page shows: submitted layers, gold, comments, clusters and state.
 * `quotes: false` leaves every quote empty, for a page that slices them from the article text
 * it carries anyway (the text never changes once annotated).
 */
export async function loadReview(db: Db, actor: Actor, articleId: string, options: { quotes?: boolean } = {}) {
  const article = await articleForReview(db, actor, articleId);
  const annotators = await submittedAnnotators(db, article.id);
  const [spans, threads, backing] = await Promise.all([
    db.span.findMany({
      where: reviewedSpans(article.id, annotators),
      select: { id: true, layer: true, authorId: true, label: true, start: true, end: true, quote: options.quotes !== false, note: true, speaker: true, verdict: true, version: true, sourceSpanId: true },
      orderBy: [{ start: 'asc' }, { end: 'desc' }, { createdAt: 'asc' }],
    }),
    commentThreads(db, { articleId: article.id }),
    db.span.groupBy({ by: ['goldSpanId'], where: { articleId: article.id, layer: 'annotator', deletedAt: null, goldSpanId: { not: null } }, _count: { _all: true } }),
  ]);
  const backedBy = new Map(backing.map((b) => [b.goldSpanId, b._count._all]));
  const views = spans.map((s) => toReviewSpan(s, threads.get(s.id) ?? [], backedBy.get(s.id)));
  // A reviewer's or an admin's only: a peer reviewing (an annotator) must not see another
  // annotator's reopened, unsubmitted layer or deleted spans, nor their e-mail address.
  const earlierThreads = actor.role === 'annotator' ? [] : await threadsOffTheBoard(db, threads, new Set(views.map((v) => v.id)));
  // For a peer: the verdicts a reviewer gave, which stand (judgeSpan).
  const reviewerJudged =
    actor.role === 'annotator'
      ? await judgedByReviewers(db, await db.span.findMany({ where: { articleId: article.id, layer: 'annotator', deletedAt: null, verdict: { not: '' } }, select: { id: true, verdict: true, reviewedById: true } }))
      : [];
  const state: ReviewState = reviewState({ stored: article.reviewState, submissions: annotators.length, required: article.project.requiredSubmissions });
  return {
    article: { id: article.id, projectId: article.projectId, title: article.title, text: article.text, version: article.version },
    project: { id: article.project.id, name: article.project.name, requiredSubmissions: article.project.requiredSubmissions },
    state,
    annotators,
    spans: views.filter((s) => s.layer === 'annotator'),
    gold: views.filter((s) => s.layer === 'gold'),
    clusters: clusterSpans(layersOf(annotators, views)),
    earlierThreads,
    reviewerJudged,
  };
}

/**
 * A comment thread whose span the board no longer shows: its annotator deleted the span after
 * reopening the article, or has reopened it and not submitted again. The conversation stays
 * readable, with the span as it was.
 */
export type EarlierThread = {
  spanId: string;
  label: Label;
  quote: string;
  annotator: string;
  why: 'deleted' | 'reopened';
  comments: Comment[];
};

async function threadsOffTheBoard(db: Db, threads: Map<string, Comment[]>, shown: Set<string>): Promise<EarlierThread[]> {
  const off = [...threads.keys()].filter((id) => !shown.has(id));
  if (off.length === 0) return [];
  // In slices, under the database's limit on bound parameters.
  const spans = [];
  for (let i = 0; i < off.length; i += 500) {
    spans.push(
      ...(await db.span.findMany({
        where: { id: { in: off.slice(i, i + 500) } },
        select: { id: true, label: true, quote: true, deletedAt: true, author: { select: { name: true, email: true } } },
      })),
    );
  }
  return spans
    .map((s) => ({
      spanId: s.id,
      label: s.label as Label,
      quote: s.quote,
      annotator: s.author.name || s.author.email,
      why: s.deletedAt ? ('deleted' as const) : ('reopened' as const),
      comments: threads.get(s.id)!,
    }))
    .sort((a, b) => a.comments[0]!.createdAt.localeCompare(b.comments[0]!.createdAt) || a.spanId.localeCompare(b.spanId));
}

export type ReviewData = Awaited<ReturnType<typeof loadReview>>;

/** The spans a review shows: the submitted annotators' layers and the gold layer. */
const reviewedSpans = (articleId: string, annotators: { id: string }[]) => ({
  articleId,
  deletedAt: null,
  OR: [{ layer: 'gold' }, { layer: 'annotator', authorId: { in: annotators.map((a) => a.id) } }],
});

/**
 * Only the labels and offsets of the spans loadReview shows, for painting them while the rest of
 * the review (comments, clusters, verdicts) is still being put together: a much smaller read.
 */
export async function reviewHighlights(db: Db, actor: Actor, articleId: string): Promise<{ label: Label; start: number; end: number }[]> {
  const article = await articleForReviewWithoutText(db, actor, articleId);
  const annotators = await submittedAnnotators(db, article.id);
  const spans = await db.span.findMany({ where: reviewedSpans(article.id, annotators), select: { label: true, start: true, end: true } });
  return spans as { label: Label; start: number; end: number }[];
}

// Speaker and note left out keep the span's own (a boundary fix must not drop who is quoted).
const editSchema = z
  .object({ label: labelSchema, start: z.number().int().min(0), end: z.number().int().min(1), speaker: z.string().max(200).optional(), note: z.string().max(5000).optional() })
  .strict();
export const verdictSchema = z
  .object({ verdict: z.enum(['accepted', 'rejected']), version: versionField, edit: editSchema.optional() })
  .strict()
  .refine((v) => !(v.verdict === 'rejected' && v.edit), { message: 'a rejected span cannot carry an edit', path: ['edit'] });

async function reviewableSpan(tx: Tx, actor: Actor, spanId: string) {
  const span = await tx.span.findFirst({ where: { id: spanId, layer: 'annotator', deletedAt: null } });
  if (!span) throw notFound('Span');
  const article = await articleForReview(tx, actor, span.articleId).catch((e: unknown) => {
    throw e instanceof DomainError && e.status === 404 ? notFound('Span') : e;
  });
  const submitted = await tx.annotationStatus.findUnique({ where: { articleId_userId: { articleId: article.id, userId: span.authorId } } });
  // A peer learns nothing of a layer that is not on the board (addComment).
  if (actor.role === 'annotator' && submitted?.status !== 'submitted') throw notFound('Span');
  // Reopened since the board was loaded: say so, rather than that a span on the screen does not exist.
  if (submitted?.status === 'in_progress') {
    throw conflict("Its annotator reopened their work on this article, so their spans are out of the review until they submit again. Reload the page to see the current layers.");
  }
  if (submitted?.status !== 'submitted') throw notFound('Span');
  return { span, article };
}

/**
 * A gold span with the same label, boundaries and (for a quote) speaker, so accepting twice never
 * duplicates gold, while a quote attributed to someone else is a different gold span.
 */
export async function sameGold(tx: Tx, articleId: string, f: { label: string; start: number; end: number; speaker?: string }, except?: string) {
  const candidates = await tx.span.findMany({
    where: { articleId, layer: 'gold', deletedAt: null, label: f.label, start: f.start, end: f.end, ...(except ? { id: { not: except } } : {}) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  if (f.label !== 'sourced_quote') return candidates[0] ?? null;
  // The same person however the name was typed ("Marta Reyes", "marta  reyes"), as clusters and
  // "Accept all unanimous" compare speakers: the board calls them one, so gold holds them once.
  const speaker = speakerKey(f.speaker);
  return candidates.find((c) => speakerKey(c.speaker) === speaker) ?? null;
}

/** A span saved over nothing but spaces before such spans were refused: gold never takes it as it is. */
const marksNoText = (span: Span) => isBlank(span.quote);

async function acceptInto(tx: Tx, actor: Actor, args: { span: Span; article: Article; fields: { label: Label; start: number; end: number; speaker: string; note: string } }) {
  if (args.fields.start === args.span.start && args.fields.end === args.span.end && marksNoText(args.span)) {
    throw invalid('This span covers only spaces or line breaks, so it cannot go into gold: reject it, or edit its boundaries first.');
  }
  const existing = await sameGold(tx, args.article.id, args.fields);
  if (existing) return existing;
  return insertSpan(tx, actor, { article: args.article, fields: args.fields, layer: 'gold', sourceSpanId: args.span.id });
}

/**
 * The gold span `goldSpanId`, put or found in gold by the verdict on span `except`, loses that
 * verdict: it is deleted (audited, restorable) when a verdict put it there, nobody has revised it
 * since, and no other standing verdict was also accepted into it. A gold span the reviewer drew
 * or corrected by hand is theirs, and stays; so does one already deleted.
 */
async function releaseGold(tx: Tx, actor: Actor, args: { goldSpanId: string; article: Article; except: string }) {
  const { goldSpanId, article, except } = args;
  const backed = await tx.span.findFirst({
    where: { articleId: article.id, layer: 'annotator', deletedAt: null, goldSpanId, verdict: { in: ['accepted', 'edited'] }, id: { not: except } },
    select: { id: true },
  });
  if (backed) return;
  const gold = await tx.span.findFirst({ where: { id: goldSpanId, articleId: article.id, layer: 'gold', deletedAt: null, sourceSpanId: { not: null } } });
  if (!gold) return;
  // Revised is what its audit trail says: a removal and a restore raise the version too, and revise nothing.
  const revised = await tx.auditEvent.findFirst({ where: { entityType: 'span', entityId: gold.id, action: 'gold.update' }, select: { id: true } });
  if (!revised) await markDeleted(tx, actor, { span: gold, article, version: gold.version, deleted: true });
}

export const PEER_NO_EDIT = "In peer review, accept or reject the others' spans as they are: editing one on its way into gold is a reviewer's.";
export const PEER_REVIEWER_VERDICT = 'A reviewer has judged this span, so in peer review their verdict stands.';

/** What an edit on acceptance makes of a span: what it leaves out (speaker, note) stays the span's. */
function editedFields(span: Span, edit: z.infer<typeof editSchema>) {
  const speaker = edit.label === 'sourced_quote' ? (edit.speaker ?? span.speaker) : '';
  return { label: edit.label, start: edit.start, end: edit.end, speaker, note: edit.note ?? span.note };
}

/**
 * Which of these spans a reviewer or an admin judged, not a peer: in peer review, those verdicts
 * are not a peer's to change, and the board shows them as settled.
 */
export async function judgedByReviewers(db: Db | Tx, spans: readonly { id: string; verdict: string; reviewedById: string | null }[]): Promise<string[]> {
  const judged = spans.filter((s) => s.verdict !== '' && s.reviewedById);
  if (judged.length === 0) return [];
  const judges = await db.user.findMany({ where: { id: { in: [...new Set(judged.map((s) => s.reviewedById!))] }, role: { not: 'annotator' } }, select: { id: true } });
  const reviewers = new Set(judges.map((u) => u.id));
  return judged.filter((s) => reviewers.has(s.reviewedById!)).map((s) => s.id);
}

/**
 * Accept (optionally after editing) or reject an annotator's span. A changed verdict takes back
 * what the previous one put in gold (releaseGold), so gold never keeps a span the reviewer
 * rejected or replaced with an edit.
 */
export async function judgeSpan(db: Db, actor: Actor, args: { spanId: string; input: unknown }) {
  const input = parseOrThrow(verdictSchema, args.input);
  return scopedTransaction(db, { kind: 'article', spanId: args.spanId }, async (tx) => {
    const { span, article } = await reviewableSpan(tx, actor, args.spanId);
    ensureOpen(article);
    // Peer review means judging the others' work: an annotator's verdict on their own span would
    // put it into gold on their word alone.
    if (actor.role === 'annotator') {
      if (span.authorId === actor.id) throw new DomainError(403, 'This is your own span: in peer review, the others judge it.');
      // Nor, through an edit, any span they like (their own, say) on a peer's span's back.
      if (input.edit) throw new DomainError(403, PEER_NO_EDIT);
      if (span.verdict && span.reviewedById && (await judgedByReviewers(tx, [span])).length > 0) throw new DomainError(403, PEER_REVIEWER_VERDICT);
    }
    if (span.version !== input.version) throw staleVersion(span);
    const fields = input.edit ? editedFields(span, input.edit) : { label: span.label as Label, start: span.start, end: span.end, speaker: span.speaker, note: span.note };
    // Only a quote has a speaker: one sent with another label changes nothing (gold drops it).
    const edited =
      !!input.edit && (fields.label !== span.label || fields.start !== span.start || fields.end !== span.end || (fields.label === 'sourced_quote' && fields.speaker.trim() !== span.speaker));
    const verdict = input.verdict === 'rejected' ? 'rejected' : edited ? 'edited' : 'accepted';
    const gold = input.verdict === 'accepted' ? await acceptInto(tx, actor, { span, article, fields }) : null;
    await recordVerdict(tx, actor, { span, article, verdict, goldSpanId: gold?.id ?? null });
    if (span.goldSpanId && span.goldSpanId !== gold?.id) await releaseGold(tx, actor, { goldSpanId: span.goldSpanId, article, except: span.id });
    await startReview(tx, actor, article);
    return { verdict, goldSpanId: gold?.id ?? null };
  });
}

/**
 * Accepts every cluster where all submitted annotators agree exactly (speakers of quotes
 * included): each distinct span of the cluster goes into gold once, and every span awaiting a
 * verdict is marked accepted. Returns how many clusters it took.
 */
export async function acceptAllUnanimous(db: Db, actor: Actor, args: { articleId: string }) {
  const review = await loadReview(db, actor, args.articleId);
  // A peer's own spans are in every cluster they are part of: they judge the others' one by one.
  ensureNotPeer(actor, "In peer review, judge the others' spans one by one; accepting all unanimous clusters at once is a reviewer's.");
  if (review.annotators.length < 2) {
    throw conflict("Only one annotator's work is submitted, so nothing is unanimous yet: judge the spans one by one, or wait for a second layer.");
  }
  const unanimous = review.clusters.filter((c) => c.status === 'agree');
  return scopedTransaction(db, { kind: 'article', articleId: args.articleId }, async (tx) => {
    const article = await articleForReview(tx, actor, args.articleId);
    ensureOpen(article);
    // The clusters were worked out before the transaction: an annotator who submitted or reopened
    // since would make them wrong (a reopened layer can change after its spans were accepted).
    // The same layers, and in them the same spans at the same versions: an annotator who reopened,
    // changed their spans and submitted again in between leaves the same annotators, not the same spans.
    const submitted = (await submittedAnnotators(tx, article.id)).map((a) => a.id);
    const live = await tx.span.findMany({ where: { articleId: article.id, layer: 'annotator', deletedAt: null, authorId: { in: submitted } }, select: { id: true, version: true } });
    const fingerprint = (spans: { id: string; version: number }[]) => spans.map((s) => `${s.id}@${s.version}`).sort().join(' ');
    if (submitted.join('\u0000') !== review.annotators.map((a) => a.id).join('\u0000') || fingerprint(live) !== fingerprint(review.spans)) {
      throw conflict('The layers on this article changed meanwhile (an annotator submitted, reopened or changed their work, or someone judged a span), so nothing was accepted. The page now shows the current layers; try again.');
    }
    let accepted = 0;
    for (const cluster of unanimous) {
      const ids = cluster.spans.map((s) => s.id).filter((id): id is string => !!id);
      const spans = await tx.span.findMany({ where: { id: { in: ids }, layer: 'annotator', deletedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      const groups = acceptableUnanimous(cluster, spans, (s) => s.quote);
      if (groups.length === 0) continue;
      for (const { source, pending } of groups) {
        const fields = { label: source.label as Label, start: source.start, end: source.end, speaker: source.speaker, note: '' };
        const goldSpan = await acceptInto(tx, actor, { span: source, article, fields });
        for (const s of pending) {
          const judged = await updateIfVersion(tx, s, { verdict: 'accepted', reviewedById: actor.id, reviewedAt: new Date(), goldSpanId: goldSpan.id });
          await recordAudit(tx, {
            actorId: actor.id,
            action: 'review.accepted',
            entityType: 'span',
            entityId: s.id,
            projectId: article.projectId,
            articleId: article.id,
            before: auditFields(s),
            after: { ...auditFields(judged), unanimous: true, goldSpanId: goldSpan.id },
          });
        }
      }
      accepted++;
    }
    if (accepted) await startReview(tx, actor, article);
    return { accepted };
  });
}

/** Peer review puts spans into gold through verdicts on the others' spans; drawing or changing gold directly is a reviewer's. */
function ensureNotPeer(actor: Actor, reason = "In peer review, gold comes from your verdicts on the others' spans; reviewers change the gold layer directly.") {
  if (actor.role === 'annotator') throw new DomainError(403, reason);
}

async function goldSpan(tx: Tx, actor: Actor, spanId: string) {
  const span = await tx.span.findFirst({ where: { id: spanId, layer: 'gold' } });
  if (!span) throw notFound('Gold span');
  const article = await articleForReview(tx, actor, span.articleId).catch((e: unknown) => {
    throw e instanceof DomainError && e.status === 404 ? notFound('Gold span') : e;
  });
  // After the access check: someone who may not review the article learns nothing of its gold.
  ensureNotPeer(actor);
  ensureOpen(article);
  return { span, article };
}

export async function createGoldSpan(db: Db, actor: Actor, args: { articleId: string; input: unknown }) {
  const fields = parseOrThrow(createSpanSchema, args.input);
  return scopedTransaction(db, { kind: 'article', articleId: args.articleId }, async (tx) => {
    const article = await articleForReview(tx, actor, args.articleId);
    ensureNotPeer(actor);
    ensureOpen(article);
    ensureSameText(article, fields.textHash);
    if (await sameGold(tx, article.id, fields)) throw conflict('The gold layer already has this span.');
    const span = await insertSpan(tx, actor, { article, fields, layer: 'gold' });
    await startReview(tx, actor, article);
    return { id: span.id, version: span.version };
  });
}

export async function updateGoldSpan(db: Db, actor: Actor, args: { spanId: string; input: unknown }) {
  const { version, ...changes } = parseOrThrow(updateSpanSchema, args.input);
  return scopedTransaction(db, { kind: 'article', spanId: args.spanId }, async (tx) => {
    const { span, article } = await goldSpan(tx, actor, args.spanId);
    const updated = await reviseSpan(tx, actor, { span, article, version, changes });
    // The change rolls back with the transaction if it made this span a copy of another. Only a
    // change of what makes a gold span itself can: a note corrected on one of two spans saved
    // alike (before speakers were compared as gold compares them now) goes through.
    const moved = updated.label !== span.label || updated.start !== span.start || updated.end !== span.end || speakerKey(updated.speaker) !== speakerKey(span.speaker);
    if (moved && (await sameGold(tx, article.id, updated, updated.id))) throw conflict('The gold layer already has this span.');
    // Corrected in gold, the spans accepted into it went in edited: they say so (and "Accept all
    // unanimous" leaves their group to the reviewer instead of adding the uncorrected span back).
    const corrected = updated.label !== span.label || updated.start !== span.start || updated.end !== span.end || updated.speaker !== span.speaker;
    const accepted = corrected ? await tx.span.findMany({ where: { articleId: article.id, layer: 'annotator', goldSpanId: span.id, deletedAt: null, verdict: 'accepted' } }) : [];
    for (const b of accepted) await recordVerdict(tx, actor, { span: b, article, verdict: 'edited', goldSpanId: span.id, because: `gold span ${span.id} was corrected` });
    // `edited`: how many annotators' verdicts this turned into "edited", for the page to say so.
    return { id: updated.id, version: updated.version, edited: accepted.length };
  });
}

/**
 * A verdict on a span, by `actor`, with the gold span it stands behind, audited. `because` says
 * why when it follows from a change to gold rather than from a verdict given (decision 011).
 */
async function recordVerdict(tx: Tx, actor: Actor, args: { span: Span; article: Article; verdict: 'accepted' | 'edited' | 'rejected'; goldSpanId: string | null; because?: string }) {
  const { span, article, verdict, goldSpanId, because } = args;
  const judged = await updateIfVersion(tx, span, { verdict, goldSpanId, reviewedById: actor.id, reviewedAt: new Date() });
  await recordAudit(tx, {
    actorId: actor.id,
    action: `review.${verdict}`,
    entityType: 'span',
    entityId: span.id,
    projectId: article.projectId,
    articleId: article.id,
    before: auditFields(span),
    after: { ...auditFields(judged), goldSpanId, ...(because ? { because } : {}) },
  });
}

const removedBecause = (goldSpanId: string) => `gold span ${goldSpanId} was removed`;

/**
 * A removed gold span restored from Deleted items: the verdicts its removal turned into rejections
 * stand behind it again, as they were (accepted or edited), unless their span changed since.
 */
export async function restoreVerdictsBehind(tx: Tx, actor: Actor, args: { goldSpanId: string; article: Article }) {
  const { goldSpanId, article } = args;
  const events = await tx.auditEvent.findMany({
    where: { articleId: article.id, action: 'review.rejected', entityType: 'span', after: { contains: removedBecause(goldSpanId) } },
    orderBy: { createdAt: 'asc' },
  });
  for (const event of events) {
    const before = JSON.parse(event.before ?? '{}') as { verdict?: string };
    const after = JSON.parse(event.after ?? '{}') as { version?: number; because?: string };
    if (after.because !== removedBecause(goldSpanId) || (before.verdict !== 'accepted' && before.verdict !== 'edited')) continue;
    const span = await tx.span.findFirst({ where: { id: event.entityId, articleId: article.id, layer: 'annotator', deletedAt: null, verdict: 'rejected', goldSpanId: null } });
    if (!span || span.version !== after.version) continue;
    await recordVerdict(tx, actor, { span, article, verdict: before.verdict, goldSpanId, because: `gold span ${goldSpanId} was restored` });
  }
}

// `backedBy`: how many annotator spans the page said stood behind the gold span (and asked about,
// when any did). Accepting into an existing gold span does not move its version, so this is what
// catches a board gone stale that way: removing it would reject verdicts nobody was asked about.
const goldRemovalSchema = z.object({ version: versionField, backedBy: z.number().int().min(0).max(1_000_000).optional() }).strict();

export async function deleteGoldSpan(db: Db, actor: Actor, args: { spanId: string; input: unknown }) {
  const { version, backedBy } = parseOrThrow(goldRemovalSchema, args.input);
  return scopedTransaction(db, { kind: 'article', spanId: args.spanId }, async (tx) => {
    const { span, article } = await goldSpan(tx, actor, args.spanId);
    // The spans that stand behind it are rejected with it: gold no longer holds them, by the
    // reviewer's decision, which "Accept all unanimous" must not undo by putting them back.
    const backing = await tx.span.findMany({ where: { articleId: article.id, layer: 'annotator', goldSpanId: span.id, deletedAt: null } });
    if (span.version === version && backedBy !== undefined && backing.length > backedBy) {
      throw conflict(
        `${plural(backing.length, 'annotator span')} now ${backing.length === 1 ? 'stands' : 'stand'} behind this gold span, not ${backedBy.toLocaleString('en')} as the page showed: someone accepted into it meanwhile, and removing it would reject ${backing.length === 1 ? 'it' : 'them'}. Nothing was removed; the page now shows it as it is.`,
      );
    }
    const updated = await markDeleted(tx, actor, { span, article, version, deleted: true });
    for (const b of backing) await recordVerdict(tx, actor, { span: b, article, verdict: 'rejected', goldSpanId: null, because: removedBecause(span.id) });
    // `rejected`: how many annotators' spans this rejected, for the page to say so.
    return { id: updated.id, version: updated.version, rejected: backing.length };
  });
}

// `unjudged`: how many spans without a verdict the page showed when the reviewer chose to close;
// `layers`: whose submitted layers it showed. The article's version does not move when a layer is
// submitted, so these are what catch a board gone stale that way: closing would shut a layer
// nobody has seen (the count alone could stay level while another reviewer judges meanwhile).
const stateSchema = z
  .object({ action: z.enum(['adjudicate', 'reopen']), version: versionField, unjudged: z.number().int().min(0).optional(), layers: z.array(z.string().max(100)).max(10_000).optional() })
  .strict();

export const NOTHING_TO_ADJUDICATE = 'There is nothing to adjudicate yet: no annotator has submitted this article and its gold layer is empty. Wait for a submission, or add gold spans first.';

/** Closes (or reopens) an article's review. The article's version guards against a stale page. */
export async function setReviewState(db: Db, actor: Actor, args: { articleId: string; input: unknown }) {
  const { action, version, unjudged, layers } = parseOrThrow(stateSchema, args.input);
  return scopedTransaction(db, { kind: 'article', articleId: args.articleId }, async (tx) => {
    const article = await articleForReview(tx, actor, args.articleId);
    ensureNotPeer(actor, 'In peer review, closing or reopening the review is a reviewer\'s.');
    if (action === 'adjudicate' && article.reviewState === 'adjudicated') throw conflict('This article is already adjudicated.');
    if (action === 'reopen' && article.reviewState !== 'adjudicated') throw conflict('This article is not adjudicated.');
    const stale = () => conflict('Someone else changed this article meanwhile. The page now shows the current state.');
    // A stale page hears that first: what it would say about the rest may have changed too.
    if (article.version !== version) throw stale();
    // Read once, for the checks of what the page showed and of whether there is anything to close.
    const annotators = action === 'adjudicate' ? await submittedAnnotators(tx, article.id) : [];
    // Closing shuts every annotator's layer. With no submitted layer and no gold span it would
    // only do that, and leave nothing reviewed behind.
    if (action === 'adjudicate' && annotators.length === 0 && (await tx.span.count({ where: { articleId: article.id, layer: 'gold', deletedAt: null } })) === 0) {
      throw conflict(NOTHING_TO_ADJUDICATE);
    }
    if (action === 'adjudicate' && layers !== undefined) {
      const unseen = annotators.filter((a) => !layers.includes(a.id));
      if (unseen.length) {
        throw conflict(`${plural(unseen.length, 'layer')} submitted since the page was loaded ${unseen.length === 1 ? 'is' : 'are'} not on it yet. The page now shows the current layers; nothing was closed.`);
      }
    }
    if (action === 'adjudicate' && unjudged !== undefined) {
      const now = await tx.span.count({ where: { articleId: article.id, layer: 'annotator', deletedAt: null, verdict: '', authorId: { in: annotators.map((a) => a.id) } } });
      if (now > unjudged) {
        throw conflict(`${plural(now, 'span')} ${now === 1 ? 'has' : 'have'} no verdict now, not ${unjudged.toLocaleString('en')} as the page showed: an annotator submitted or changed their work meanwhile. The page now shows the current layers; nothing was closed.`);
      }
    }
    const next = action === 'adjudicate' ? 'adjudicated' : 'in_review';
    const { count } = await tx.article.updateMany({
      where: { id: article.id, version },
      data: {
        reviewState: next,
        adjudicatedAt: action === 'adjudicate' ? new Date() : null,
        adjudicatedById: action === 'adjudicate' ? actor.id : null,
        version: version + 1,
      },
    });
    if (count !== 1) throw stale();
    await recordAudit(tx, {
      actorId: actor.id,
      action: `review.${action}`,
      entityType: 'article',
      entityId: article.id,
      projectId: article.projectId,
      articleId: article.id,
      before: { reviewState: article.reviewState },
      after: { reviewState: next },
    });
    return { reviewState: next, version: version + 1 };
  });
}

const commentSchema = z.object({ body: z.string().trim().min(1, 'the comment is empty').max(5000).refine(hasVisibleText, 'the comment is empty') }).strict();

/** Reviewers comment on any span they review; annotators reply on their own spans. */
async function isSubmitted(tx: Tx, span: { articleId: string; authorId: string }): Promise<boolean> {
  const status = await tx.annotationStatus.findUnique({ where: { articleId_userId: { articleId: span.articleId, userId: span.authorId } }, select: { status: true } });
  return status?.status === 'submitted';
}

export async function addComment(db: Db, actor: Actor, args: { spanId: string; input: unknown }) {
  const { body } = parseOrThrow(commentSchema, args.input);
  return scopedTransaction(db, { kind: 'article', spanId: args.spanId }, async (tx) => {
    const span = await tx.span.findFirst({ where: { id: args.spanId, deletedAt: null }, include: { article: { select: { projectId: true } } } });
    if (!span) throw notFound('Span');
    const ownSpan = span.layer === 'annotator' && span.authorId === actor.id;
    if (!ownSpan) {
      // Someone who may not review this article does not learn that another person's span exists.
      await articleForReview(tx, actor, span.articleId).catch((e: unknown) => {
        throw e instanceof DomainError && (e.status === 404 || e.status === 403) ? notFound('Span') : e;
      });
      // A peer sees another annotator's spans only while their layer is submitted (on the board):
      // not one in progress or reopened, not even that it exists.
      if (actor.role === 'annotator' && span.layer === 'annotator' && !(await isSubmitted(tx, span))) throw notFound('Span');
    } else {
      const member = await tx.article.count({ where: { id: span.articleId, deletedAt: null, project: { memberships: { some: { userId: actor.id } } } } });
      if (!member) throw notFound('Span');
    }
    const comment = await tx.comment.create({ data: { articleId: span.articleId, spanId: span.id, authorId: actor.id, body } });
    await recordAudit(tx, { actorId: actor.id, action: 'comment.create', entityType: 'span', entityId: span.id, projectId: span.article.projectId, articleId: span.articleId, after: { commentId: comment.id, body } });
    return { id: comment.id };
  });
}
