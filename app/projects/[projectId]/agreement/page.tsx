import Link from 'next/link';
import { figure } from '@/lib/figure-format';
import { F1Table, SpeakerLine } from '@/components/review/f1-table';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { LABEL_INFO, type Label } from '@/lib/labels';
import { pageError } from '@/lib/page';
import { listOf, plural } from '@/lib/plural';
import { projectAgreement } from '@/lib/review/figures';

export const metadata = { title: 'Agreement' };

export default async function AgreementPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser({ next: `/projects/${projectId}/agreement` });
  const { project, report, gold, names, goldArticleCount, adjudicatedCount } = await projectAgreement(db, user, projectId).catch(pageError);
  const { overall } = report;
  const annotators = overall.annotators;
  const pair = (a: string, b: string) => report.pairs.find((p) => (p.annotatorA === a && p.annotatorB === b) || (p.annotatorA === b && p.annotatorB === a));
  const name = (id: string) => names[id] ?? id;
  // αU compares annotators on one continuum, so it takes one group of annotators and the articles
  // they all annotated: the group giving the most comparisons (lib/agreement/report.ts).
  const unitizedCoverage =
    overall.comparedArticleCount === 0 || overall.unitizedAlphaArticleCount === 0
      ? 'no article to compare'
      : overall.unitizedAlpha === null
        ? `undefined over the ${plural(overall.unitizedAlphaArticleCount, 'article')} it compares: no disagreement is possible there (no units, or nothing to tell apart; lib/agreement/README.md)`
        : overall.unitizedAlphaArticleCount === overall.comparedArticleCount
        ? `over all ${plural(overall.comparedArticleCount, 'compared article')}`
        : `over ${overall.unitizedAlphaArticleCount.toLocaleString('en')} of ${plural(overall.comparedArticleCount, 'compared article')}: those ${listOf(overall.unitizedAlphaAnnotators.map(name))} all annotated (the group giving the most comparisons)`;
  return (
    <section className="stack">
      <Link href={`/projects/${project.id}`}>← {project.name}</Link>
      <div className="row">
        <h1>Agreement</h1>
        <span className="spacer" />
        <a className="button" href={`/api/v1/projects/${project.id}/agreement?format=csv`} download>
          Download CSV
        </a>
        <a className="button" href={`/api/v1/projects/${project.id}/agreement?format=json`} download>
          Download JSON
        </a>
      </div>
      <div className="card">
        <h2>Overall</h2>
        <div className="figures">
          <div className="figure">
            <div className="muted">Krippendorff’s α (nominal, tokens)</div>
            <div className="value">{figure(overall.alpha)}</div>
          </div>
          <div className="figure">
            <div className="muted">Unitized αu (characters)</div>
            <div className="value">{figure(overall.unitizedAlpha)}</div>
            <div className="muted note">{unitizedCoverage}</div>
          </div>
          <div className="figure">
            <div className="muted">Span F1, exact / overlap (micro)</div>
            <div className="value">
              {figure(overall.exact.micro.f1)} / {figure(overall.overlap.micro.f1)}
            </div>
          </div>
          <div className="figure">
            <div className="muted">Quote speakers agree</div>
            <div className="value">{figure(overall.speakers.share)}</div>
            <div className="muted note">
              {overall.speakers.matched
                ? `in ${overall.speakers.same} of ${plural(overall.speakers.matched, 'quote pair')} two annotators both marked`
                : 'no quote marked by two annotators'}
            </div>
          </div>
          <div className="figure">
            <div className="muted">Articles compared</div>
            <div className="value">
              {overall.comparedArticleCount} of {overall.articleCount}
            </div>
            <div className="muted note">submitted by two or more annotators, of those with any submission</div>
          </div>
        </div>
        <p className="muted">
          α treats every token (a run of non-space characters) as a unit and “no label” as a category; it compared {plural(overall.pairableTokenCount, 'token')}. Overlapping spans by one annotator: the shortest covering span decides a token’s label; per-label figures use a yes/no
          variant that keeps overlaps exactly. Only submitted work counts: an article an annotator has not submitted yet is left out of
          their figures. “–” means undefined. Details: lib/agreement/README.md.
        </p>
      </div>
      <div className="card">
        <h2>Per label</h2>
        <table className="list" aria-label="Agreement per label">
          <thead>
            <tr>
              <th>Label</th>
              <th>Spans</th>
              <th>α (label or not)</th>
              <th>αu</th>
              <th>F1 exact</th>
              <th>F1 overlap</th>
            </tr>
          </thead>
          <tbody>
            {Object.values(report.perLabel).map((l) => (
              <tr key={l.label}>
                <th scope="row">{LABEL_INFO[l.label as Label]?.name ?? l.label}</th>
                <td>{l.spanCount}</td>
                <td>{figure(l.alpha)}</td>
                <td>{figure(l.unitizedAlpha)}</td>
                <td>{figure(l.exact?.f1)}</td>
                <td>{figure(l.overlap?.f1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">αu per label, like the overall αu: {unitizedCoverage}.</p>
      </div>
      <div className="card">
        <h2>Annotator pairs (Cohen’s κ over tokens · overlap F1)</h2>
        {annotators.length < 2 ? (
          <p className="muted">Agreement needs at least two annotators who submitted the same article.</p>
        ) : (
          <table className="list matrix" aria-label="Agreement per annotator pair">
            <thead>
              <tr>
                <th><span className="visually-hidden">Annotator</span></th>
                {annotators.map((a) => (
                  <th key={a}>{name(a)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {annotators.map((a) => (
                <tr key={a}>
                  <th scope="row">{name(a)}</th>
                  {annotators.map((b) => {
                    const p = a === b ? null : pair(a, b);
                    const figures = p && p.articleCount > 0 ? `κ ${figure(p.kappa.kappa)} · F1 ${figure(p.overlap.micro.f1)} (${plural(p.articleCount, 'article')})` : 'no shared article';
                    return <td key={b}>{a === b ? '—' : figures}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="card">
        <h2>Each annotator against gold</h2>
        {gold.length === 0 ? (
          <p className="muted">
            {adjudicatedCount === 0
              ? 'No article is adjudicated yet, so there is no settled gold layer to compare with.'
              : `${plural(adjudicatedCount, 'article')} ${adjudicatedCount === 1 ? 'is' : 'are'} adjudicated, but no annotator submitted ${adjudicatedCount === 1 ? 'it' : 'any of them'}: there is no layer to compare with gold.`}
          </p>
        ) : (
          <>
            <p className="muted">Over {plural(goldArticleCount, 'adjudicated article')}; articles still in review are left out, as their gold layer is not settled.</p>
            {gold.map((g) => (
              <div key={g.annotator}>
                <h3>
                  {name(g.annotator)} · κ {figure(g.kappa.kappa)} over {plural(g.tokenCount, 'token')} in {plural(g.articleCount, 'article')}
                </h3>
                <F1Table name={`F1 per label, ${name(g.annotator)} against gold`} results={[{ name: 'Exact', result: g.exact }, { name: 'Overlap', result: g.overlap }]} />
                <SpeakerLine speakers={g.speakers} both={`gold and ${name(g.annotator)}`} />
              </div>
            ))}
          </>
        )}
      </div>
    </section>
  );
}
