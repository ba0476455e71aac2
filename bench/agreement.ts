import { agreementReport, tokenizeText, type ArticleLayers } from '../lib/agreement';
import { LABELS } from '../lib/labels';
import { seededRandom, syntheticText } from './random';

/** 1,000 articles × 3 annotators × ~30 spans, where annotators mostly agree with small shifts. */
export function agreementCorpus(options: { articles: number; annotators: number; words: number; spans: number }): ArticleLayers[] {
  const rand = seededRandom(20261127);
  const corpus: ArticleLayers[] = [];
  for (let a = 0; a < options.articles; a++) {
    const text = syntheticText(rand, options.words);
    const length = Array.from(text).length;
    const base = Array.from({ length: options.spans }, () => {
      const start = Math.floor(rand() * (length - 60));
      return { start, end: start + 5 + Math.floor(rand() * 50), label: LABELS[Math.floor(rand() * LABELS.length)] };
    });
    const layers = Array.from({ length: options.annotators }, (_, i) => ({
      annotator: `annotator-${i}`,
      spans: base
        .filter(() => rand() > 0.15)
        .map((s) => {
          const shift = rand() < 0.2 ? Math.floor(rand() * 6) : 0;
          return { label: rand() < 0.1 ? LABELS[Math.floor(rand() * LABELS.length)] : s.label, start: s.start + shift, end: s.end + shift };
        }),
    }));
    corpus.push({ articleId: `article-${a}`, length, text, layers });
  }
  return corpus;
}

/** Baseline: the least any token-level agreement must do — tokenize every text and sort every layer. */
export function agreementBaseline(corpus: ArticleLayers[]): number {
  let n = 0;
  for (const article of corpus) {
    n += tokenizeText(article.text!).count;
    for (const layer of article.layers) n += [...layer.spans].sort((x, y) => x.start - y.start || x.end - y.end).length;
  }
  return n;
}

export function agreementRun(corpus: ArticleLayers[]): number {
  return agreementReport(corpus).overall.pairableTokenCount;
}
