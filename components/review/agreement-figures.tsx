import type { ArticleFigures } from '@/lib/review/figures';
import { figure } from '@/lib/figure-format';
import { plural } from '@/lib/plural';

/** This article's agreement among the submitted annotators. */
export function AgreementFigures({ figures, names }: { figures: ArticleFigures; names: Map<string, string> }) {
  return (
    <section className="card" aria-labelledby="article-agreement">
      <h2 id="article-agreement">Agreement on this article</h2>
      <div className="figures">
        <div className="figure">
          <div className="muted">Krippendorff’s α (tokens)</div>
          <div className="value">{figure(figures.alpha)}</div>
        </div>
        <div className="figure">
          <div className="muted">Unitized αu (characters)</div>
          <div className="value">{figure(figures.unitizedAlpha)}</div>
        </div>
        {figures.pairs.map((p) => (
          <div className="figure" key={`${p.a}:${p.b}`}>
            <div className="muted">
              {names.get(p.a)} × {names.get(p.b)}
            </div>
            <div>
              κ <strong>{figure(p.kappa)}</strong> · F1 exact <strong>{figure(p.exactF1)}</strong> · overlap <strong>{figure(p.overlapF1)}</strong>
            </div>
          </div>
        ))}
      </div>
      <p className="muted">
        Units are the article’s {plural(figures.tokenCount, 'token')}, “no label” counting as a category; “–” means undefined (for example a single annotator, or no variation).
      </p>
    </section>
  );
}
