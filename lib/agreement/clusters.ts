import { compareCategories } from './categories';
import { mergeLayers } from './normalize';
import { speakerKey } from './speakers';
import type { AnnotatedSpan, Layer } from './types';

/**
 * - `missing`: some annotator of the article has no span in the region while another has;
 * - `label`: everyone has a span there, but their sets of labels in the region differ;
 * - `boundaries`: same labels, but not the same start/end offsets;
 * - `speaker`: the same spans, but a quote attributed to different speakers (compared by
 *   `speakerKey`, so case and spacing do not count);
 * - `agree`: every annotator has exactly the same spans (start, end, label, speaker) in the region.
 * Checked in that order, so the most basic disagreement names the cluster.
 */
export type ClusterStatus = 'missing' | 'label' | 'boundaries' | 'speaker' | 'agree';

export const CLUSTER_STATUSES: readonly ClusterStatus[] = ['missing', 'label', 'boundaries', 'speaker', 'agree'];

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
  const all: { span: AnnotatedSpan; who: number }[] = [];
  merged.forEach((l, who) => {
    for (const s of l.spans) {
      // Built field by field: object spread is many times slower here, and this runs for every span.
      const span: AnnotatedSpan = { label: s.label, start: s.start, end: s.end, annotator: l.annotator };
      if (s.id !== undefined) span.id = s.id;
      if (s.speaker) span.speaker = s.speaker;
      all.push({ span, who });
    }
  });
  all.sort(
    (a, b) =>
      a.span.start - b.span.start ||
      a.span.end - b.span.end ||
      a.who - b.who ||
      compareCategories(a.span.label, b.span.label) ||
      // Two quotes of one annotator at one place: a fixed order, whatever order they came in.
      (speakerKey(a.span.speaker) < speakerKey(b.span.speaker) ? -1 : speakerKey(a.span.speaker) > speakerKey(b.span.speaker) ? 1 : 0),
  );

  const clusters: Cluster[] = [];
  let group: typeof all = [];
  let groupEnd = -Infinity;
  for (const item of all) {
    if (group.length > 0 && item.span.start >= groupEnd) {
      clusters.push(toCluster(group, annotators));
      group = [];
    }
    group.push(item);
    groupEnd = group.length === 1 ? item.span.end : Math.max(groupEnd, item.span.end);
  }
  if (group.length > 0) clusters.push(toCluster(group, annotators));
  return clusters;
}

/** Each annotator's distinct keys in a cluster, sorted, joined: equal strings mean equal sets. */
function keySets(own: readonly AnnotatedSpan[][], key: (s: AnnotatedSpan) => string): string[] {
  return own.map((list) => [...new Set(list.map(key))].sort().join('\u0001'));
}

const placeKey = (s: AnnotatedSpan) => `${s.start}:${s.end}:${s.label}`;
const attributedKey = (s: AnnotatedSpan) => `${placeKey(s)}:${speakerKey(s.speaker)}`;

function toCluster(group: readonly { span: AnnotatedSpan; who: number }[], annotators: readonly string[]): Cluster {
  const own: AnnotatedSpan[][] = annotators.map(() => []);
  let end = -Infinity;
  for (const { span, who } of group) {
    own[who]!.push(span);
    if (span.end > end) end = span.end;
  }
  const who = annotators.filter((_, i) => own[i]!.length > 0);
  const missing = annotators.filter((_, i) => own[i]!.length === 0);
  // Sets, not lists: a duplicated identical span is a slip, not a disagreement.
  const same = (sets: string[]) => sets.every((x) => x === sets[0]);
  let status: ClusterStatus = 'agree';
  if (missing.length > 0) status = 'missing';
  else if (!same(own.map((list) => [...new Set(list.map((s) => s.label))].sort(compareCategories).join('\u0001')))) status = 'label';
  else if (!same(keySets(own, placeKey))) status = 'boundaries';
  else if (!same(keySets(own, attributedKey))) status = 'speaker';
  return { start: group[0]!.span.start, end, spans: group.map((g) => g.span), status, annotators: who, missing };
}

export function countStatuses(clusters: readonly Cluster[]): Record<ClusterStatus, number> {
  const counts: Record<ClusterStatus, number> = { missing: 0, label: 0, boundaries: 0, speaker: 0, agree: 0 };
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
