import { compareCategories } from './categories';
import { mergeLayers } from './normalize';
import type { AnnotatedSpan, Layer } from './types';

/**
 * - `missing`: some annotator of the article has no span in the region while another has;
 * - `label`: everyone has a span there, but their sets of labels in the region differ;
 * - `boundaries`: same labels, but not the same start/end offsets;
 * - `agree`: every annotator has exactly the same spans (start, end, label) in the region.
 * Checked in that order, so the most basic disagreement names the cluster.
 */
export type ClusterStatus = 'missing' | 'label' | 'boundaries' | 'agree';

export const CLUSTER_STATUSES: readonly ClusterStatus[] = ['missing', 'label', 'boundaries', 'agree'];

export type Cluster = {
  start: number;
  end: number;
  /** Sorted by start, end, annotator (layer order), label. */
  spans: AnnotatedSpan[];
  status: ClusterStatus;
  /** Who has a span in the cluster, in layer order. */
  annotators: string[];
  /** The article's annotators with no span in it, in layer order. */
  missing: string[];
};

/**
 * Groups the spans of all annotators into regions: spans that share a code point
 * belong together, and so, transitively, do spans chained through others. Spans
 * that only touch (one ends where the next starts) stay apart. Every layer counts
 * as an annotator of the article even with no spans. Sorted by start.
 */
export function clusterSpans(layers: readonly Layer[]): Cluster[] {
  const merged = mergeLayers(layers);
  const annotators = merged.map((l) => l.annotator);
  const order = new Map(annotators.map((a, i) => [a, i]));
  const all: AnnotatedSpan[] = merged
    .flatMap((l) => l.spans.map((s) => ({ ...s, annotator: l.annotator })))
    .sort(
      (a, b) =>
        a.start - b.start ||
        a.end - b.end ||
        order.get(a.annotator)! - order.get(b.annotator)! ||
        compareCategories(a.label, b.label),
    );

  const groups: AnnotatedSpan[][] = [];
  let groupEnd = -Infinity;
  for (const span of all) {
    const current = groups[groups.length - 1];
    if (current && span.start < groupEnd) {
      current.push(span);
      groupEnd = Math.max(groupEnd, span.end);
    } else {
      groups.push([span]);
      groupEnd = span.end;
    }
  }
  return groups.map((spans) => toCluster(spans, annotators));
}

function toCluster(spans: AnnotatedSpan[], annotators: readonly string[]): Cluster {
  const present = new Set(spans.map((s) => s.annotator));
  const who = annotators.filter((a) => present.has(a));
  const missing = annotators.filter((a) => !present.has(a));
  const labelSets = new Set<string>();
  const spanSets = new Set<string>();
  for (const annotator of who) {
    const own = spans.filter((s) => s.annotator === annotator);
    // Sets, not lists: a duplicated identical span is a slip, not a disagreement.
    labelSets.add([...new Set(own.map((s) => s.label))].sort(compareCategories).join('\u0000'));
    spanSets.add([...new Set(own.map((s) => `${s.start}:${s.end}:${s.label}`))].sort().join('\u0000'));
  }
  const status: ClusterStatus =
    missing.length > 0 ? 'missing' : labelSets.size > 1 ? 'label' : spanSets.size > 1 ? 'boundaries' : 'agree';
  return {
    start: spans[0]!.start,
    end: spans.reduce((max, s) => Math.max(max, s.end), -Infinity),
    spans,
    status,
    annotators: who,
    missing,
  };
}

export function countStatuses(clusters: readonly Cluster[]): Record<ClusterStatus, number> {
  const counts: Record<ClusterStatus, number> = { missing: 0, label: 0, boundaries: 0, agree: 0 };
  for (const c of clusters) counts[c.status]++;
  return counts;
}

/**
 * Share of clusters that are not `agree`, in [0, 1], for ordering the review queue.
 * 0 when there is nothing to compare: fewer than two annotators, or no spans at all.
 */
export function disagreementScore(clusters: readonly Cluster[], annotatorCount: number): number {
  if (annotatorCount < 2 || clusters.length === 0) return 0;
  return clusters.filter((c) => c.status !== 'agree').length / clusters.length;
}
