// "Accept all unanimous": which clusters it takes, and what it writes to gold. Pure, so the board's
// button count and the service that does the work agree by construction.

type UnanimousSpan = { id: string; label: string; start: number; end: number; speaker: string; verdict: string };

/** Speakers compared as people type them: case, surrounding and repeated spaces do not count. */
const speakerKey = (speaker: string) => speaker.trim().replace(/\s+/g, ' ').toLowerCase();

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

/** Whether accepting all unanimous clusters would take this one: it agrees, and a span awaits a verdict. */
export function isPendingUnanimous(cluster: { status: string }, spans: readonly UnanimousSpan[]): boolean {
  return cluster.status === 'agree' && spans.some((s) => s.verdict === '') && unanimousGold(spans) !== null;
}
