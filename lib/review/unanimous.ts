// "Accept all unanimous": which clusters it takes, and what it writes to gold. Pure, so the board's
// button count and the service that does the work agree by construction.

import { isBlank } from '../anchoring/snap';
import { speakerKey } from '../agreement/speakers';

type UnanimousSpan = { id: string; label: string; start: number; end: number; speaker: string; verdict: string };


/**
 * The gold spans an `agree` cluster stands for: one per distinct label and boundaries (a cluster
 * can hold several, e.g. a claim nested in a quote that every annotator marked alike), each with
 * the span it is taken from. `null` when the annotators named different speakers for the same
 * quote: that is a disagreement a reviewer has to settle, not a unanimous span.
 */
export function unanimousGold<S extends UnanimousSpan>(spans: readonly S[]): { source: S; members: S[] }[] | null {
  const groups = new Map<string, S[]>();
  for (const s of spans) {
    const key = `${s.label}\u0000${s.start}\u0000${s.end}`;
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  const gold: { source: S; members: S[] }[] = [];
  for (const members of groups.values()) {
    const speakers = new Set(members.map((s) => speakerKey(s.speaker)));
    if (speakers.size > 1) return null;
    gold.push({ source: members[0]!, members });
  }
  return gold;
}

/**
 * What "Accept all unanimous" takes from an `agree` cluster: the groups (one per distinct span)
 * with spans awaiting a verdict, each from a pending span. A group where the reviewer already
 * rejected or edited one of its spans is theirs to settle and left alone, and so is a group over
 * nothing but spaces and line breaks (saved before such spans were refused, decision 014): gold
 * cannot hold it. Empty when the cluster is not unanimous (status, or speakers) or nothing in it
 * awaits a verdict. `quoteOf` gives a span's text (the board slices it from the article).
 */
export function acceptableUnanimous<S extends UnanimousSpan>(
  cluster: { status: string },
  spans: readonly S[],
  quoteOf: (span: S) => string,
): { source: S; pending: S[] }[] {
  if (cluster.status !== 'agree') return [];
  const gold = unanimousGold(spans);
  if (!gold) return [];
  return gold.flatMap(({ members }) => {
    const pending = members.filter((m) => m.verdict === '');
    const settled = members.some((m) => m.verdict === 'rejected' || m.verdict === 'edited');
    return pending.length && !settled && !isBlank(quoteOf(pending[0]!)) ? [{ source: pending[0]!, pending }] : [];
  });
}

/** Whether accepting all unanimous clusters would take anything from this one. */
export function isPendingUnanimous<S extends UnanimousSpan>(cluster: { status: string }, spans: readonly S[], quoteOf: (span: S) => string): boolean {
  return acceptableUnanimous(cluster, spans, quoteOf).length > 0;
}
