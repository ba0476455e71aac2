import { LABEL_INFO, type Label } from '../labels';
import { quotedExcerpt } from '../excerpt';
import { listOf } from '../plural';
import type { ClusterStatus } from '../agreement/clusters';

/** How the board names a cluster's status, on its card and when N or P reads it out. */
export const CLUSTER_STATUS_TEXT: Record<ClusterStatus, string> = {
  agree: 'Agree',
  label: 'Label differs',
  boundaries: 'Boundaries differ',
  speaker: 'Speaker differs',
  missing: 'Missed by some',
};

/**
 * What N or P on the review board reads out on reaching a cluster: where it stands, how the
 * layers compare, whose spans it holds and the passage, e.g. "Cluster 3 of 12, label differs:
 * Ana's claim and Ben's opinion; missed by Cy: “The mayor said…”". With one submitted layer there
 * is nothing to compare, and no status is given.
 */
export function clusterAnnouncement(args: {
  position: number;
  total: number;
  status: ClusterStatus;
  singleLayer: boolean;
  members: readonly { who: string; label: Label; speaker: string }[];
  missing: readonly string[];
  quote: string;
}): string {
  const status = args.singleLayer ? '' : `, ${CLUSTER_STATUS_TEXT[args.status].toLowerCase()}`;
  const spans = listOf(args.members.map((m) => `${m.who}'s ${LABEL_INFO[m.label].name.toLowerCase()}${m.speaker ? ` quoting ${m.speaker}` : ''}`));
  const missing = args.missing.length ? `; missed by ${listOf([...args.missing])}` : '';
  return `Cluster ${args.position} of ${args.total}${status}: ${spans}${missing}: ${quotedExcerpt(args.quote, 60)}`;
}
