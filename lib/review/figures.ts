import { createHash } from 'node:crypto';
import { againstGold, agreementReport, type ArticleLayers, type GoldArticle } from '../agreement';
import { codePointLength } from '../anchoring/code-points';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { groupBy } from '../group-by';
import { projectFor } from '../projects/service';
import { layersOf, type ReviewData } from './service';

/** One article's agreement, for the review page. */
export function articleAgreement(review: Pick<ReviewData, 'article' | 'annotators' | 'spans'>) {
  const report = agreementReport(
    [{ articleId: review.article.id, length: codePointLength(review.article.text), text: review.article.text, layers: layersOf(review.annotators, review.spans) }],
  );
  return {
    alpha: report.overall.alpha,
    unitizedAlpha: report.overall.unitizedAlpha,
    tokenCount: report.overall.tokenCount,
    pairs: report.pairs.map((p) => ({ a: p.annotatorA, b: p.annotatorB, kappa: p.kappa.kappa, exactF1: p.exact.micro.f1, overlapF1: p.overlap.micro.f1 })),
  };
}

export type ArticleFigures = ReturnType<typeof articleAgreement>;

// The figures depend only on the text and the submitted layers, not on verdicts, comments or the
// gold layer, yet the review page is rendered again after every verdict. On a long article they
// take a few hundred milliseconds: remember the latest ones, keyed by a digest of their inputs.
const REMEMBERED_FIGURES = 50;
const recentFigures = new Map<string, ArticleFigures>();

function figuresKey(review: Pick<ReviewData, 'article' | 'annotators' | 'spans'>): string {
  const hash = createHash('sha256').update(review.article.id).update('\0').update(review.article.text);
  for (const layer of layersOf(review.annotators, review.spans)) {
    hash.update(`\0${layer.annotator}`);
    for (const s of layer.spans) hash.update(`\0${s.label}:${s.start}:${s.end}:${s.speaker ?? ''}`);
  }
  return hash.digest('hex');
}

/** articleAgreement, remembered for the same article text and submitted layers. */
export function articleAgreementRemembered(review: Pick<ReviewData, 'article' | 'annotators' | 'spans'>): ArticleFigures {
  const key = figuresKey(review);
  const hit = recentFigures.get(key);
  if (hit) {
    recentFigures.delete(key);
    recentFigures.set(key, hit);
    return hit;
  }
  const figures = articleAgreement(review);
  recentFigures.set(key, figures);
  if (recentFigures.size > REMEMBERED_FIGURES) recentFigures.delete(recentFigures.keys().next().value!);
  return figures;
}

/** The project's agreement report: every article's submitted layers, plus each annotator against gold. */
export async function projectAgreement(db: Db, actor: Actor, projectId: string) {
  const { project } = await projectFor(db, actor, { projectId, action: 'project.report' });
  const [articles, submitted, spans] = await Promise.all([
    db.article.findMany({ where: { projectId, deletedAt: null }, select: { id: true, text: true, reviewState: true }, orderBy: { position: 'asc' } }),
    db.annotationStatus.findMany({ where: { status: 'submitted', article: { projectId } }, select: { articleId: true, userId: true } }),
    db.span.findMany({
      where: { deletedAt: null, article: { projectId } },
      select: { id: true, articleId: true, authorId: true, layer: true, label: true, start: true, end: true, speaker: true },
      orderBy: [{ start: 'asc' }, { end: 'asc' }],
    }),
  ]);
  const byArticle = groupBy(spans, (s) => s.articleId);
  const submittedBy = groupBy(submitted, (s) => s.articleId);

  const layered: ArticleLayers[] = [];
  const goldArticles: GoldArticle[] = [];
  for (const a of articles) {
    const annotators = (submittedBy.get(a.id) ?? []).map((s) => s.userId);
    if (!annotators.length) continue;
    const mine = byArticle.get(a.id) ?? [];
    const layers = annotators.map((id) => ({
      annotator: id,
      spans: mine.filter((s) => s.layer === 'annotator' && s.authorId === id).map(({ id, label, start, end, speaker }) => ({ id, label, start, end, speaker })),
    }));
    const length = codePointLength(a.text);
    layered.push({ articleId: a.id, length, text: a.text, layers });
    // Only a settled gold layer is a reference: while the review is under way, gold holds only the
    // spans accepted so far, and every span not yet judged would count against its annotator.
    if (a.reviewState === 'adjudicated') {
      const gold = mine.filter((s) => s.layer === 'gold').map(({ id, label, start, end, speaker }) => ({ id, label, start, end, speaker }));
      goldArticles.push({ articleId: a.id, length, text: a.text, gold, layers });
    }
  }
  const users = await db.user.findMany({ where: { id: { in: [...new Set(submitted.map((s) => s.userId))] } }, select: { id: true, name: true, email: true } });
  return {
    project,
    report: agreementReport(layered),
    gold: againstGold(goldArticles),
    goldArticleCount: goldArticles.length,
    // Adjudicated articles, with or without a submitted layer: gold a reviewer made alone is settled too.
    adjudicatedCount: articles.filter((a) => a.reviewState === 'adjudicated').length,
    names: Object.fromEntries(users.map((u) => [u.id, u.name || u.email])),
    emails: Object.fromEntries(users.map((u) => [u.id, u.email])),
  };
}
