import type { AgreementSpan, Layer } from './types';

/**
 * Spans that cover no code point (end <= start, or non-finite offsets) carry no
 * information about any unit, so every metric ignores them. With `length`, spans
 * are also clipped to [0, length) because units outside the text do not exist.
 */
export function usableSpans(spans: readonly AgreementSpan[], length?: number): AgreementSpan[] {
  const out: AgreementSpan[] = [];
  for (const span of spans) {
    if (!Number.isFinite(span.start) || !Number.isFinite(span.end)) continue;
    let { start, end } = span;
    if (length !== undefined) {
      start = Math.max(0, start);
      end = Math.min(length, end);
    }
    if (end <= start) continue;
    if (start === span.start && end === span.end) out.push(span);
    else out.push({ ...span, start, end });
  }
  return out;
}

/**
 * Two layers with the same annotator name describe one person's work, so they are
 * merged; otherwise pairwise metrics would compare an annotator with themself.
 * Order of first appearance is kept.
 */
export function mergeLayers(layers: readonly Layer[], length?: number): Layer[] {
  const byAnnotator = new Map<string, AgreementSpan[]>();
  for (const layer of layers) {
    const spans = usableSpans(layer.spans, length);
    const existing = byAnnotator.get(layer.annotator);
    if (existing) existing.push(...spans);
    else byAnnotator.set(layer.annotator, spans);
  }
  return [...byAnnotator].map(([annotator, spans]) => ({ annotator, spans }));
}
