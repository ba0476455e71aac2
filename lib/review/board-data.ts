import { CLUSTER_STATUSES, type ClusterStatus } from '../agreement/clusters';
import { LABELS } from '../labels';
import type { ReviewSpan } from './service';

// The review board's spans and clusters as the page sends them: rows of numbers instead of
// objects with repeated keys and empty fields, clusters pointing at spans by position instead of
// by id. An article with 3 × 3,000 spans is then about 0.5 MB of payload instead of 2.5 MB, which
// the server serialises, the browser parses and React hydrates before anything works.

export type BoardCluster = { start: number; end: number; status: ClusterStatus; spanIds: string[]; missing: string[] };

/** What a span has beyond its id, author, label, offsets and version; only what is not empty. */
type Extras = Partial<Pick<ReviewSpan, 'note' | 'speaker' | 'verdict' | 'sourceSpanId' | 'backedBy' | 'comments'>>;
/** [id, layer (0 annotator, 1 gold), author (index into people), label index, start, end, version, extras or 0] */
type PackedSpan = [string, 0 | 1, number, number, number, number, number, Extras | 0];
/** [start, end, status index, span positions, missing annotators (indexes into people)] */
type PackedCluster = [number, number, number, number[], number[]];

export type PackedBoard = { people: string[]; spans: PackedSpan[]; gold: PackedSpan[]; clusters: PackedCluster[] };

/** The spans (without quotes: the page slices them from the text) and clusters, packed. */
export function packBoard(args: { spans: ReviewSpan[]; gold: ReviewSpan[]; clusters: BoardCluster[] }): PackedBoard {
  const people: string[] = [];
  const personIndex = new Map<string, number>();
  const person = (id: string) => {
    let i = personIndex.get(id);
    if (i === undefined) personIndex.set(id, (i = people.push(id) - 1));
    return i;
  };
  const pack = (s: ReviewSpan): PackedSpan => {
    const extras: Extras = {};
    if (s.note) extras.note = s.note;
    if (s.speaker) extras.speaker = s.speaker;
    if (s.verdict) extras.verdict = s.verdict;
    if (s.sourceSpanId) extras.sourceSpanId = s.sourceSpanId;
    if (s.backedBy) extras.backedBy = s.backedBy;
    if (s.comments.length) extras.comments = s.comments;
    const label = LABELS.indexOf(s.label);
    if (label < 0) throw new Error(`packBoard: span ${s.id} has an unknown label "${s.label}"`);
    return [s.id, s.layer === 'gold' ? 1 : 0, person(s.annotatorId), label, s.start, s.end, s.version, Object.keys(extras).length ? extras : 0];
  };
  const spans = args.spans.map(pack);
  const gold = args.gold.map(pack);
  const position = new Map(args.spans.map((s, i) => [s.id, i]));
  const clusters = args.clusters.map((c): PackedCluster => {
    const members = c.spanIds.map((id) => {
      const i = position.get(id);
      if (i === undefined) throw new Error(`packBoard: cluster at ${c.start}–${c.end} names span ${id}, which is not among the spans`);
      return i;
    });
    return [c.start, c.end, CLUSTER_STATUSES.indexOf(c.status), members, c.missing.map(person)];
  });
  return { people, spans, gold, clusters };
}

/** The board's spans (quotes left empty), gold spans and clusters again. */
export function unpackBoard(board: PackedBoard): { spans: ReviewSpan[]; gold: ReviewSpan[]; clusters: BoardCluster[] } {
  const unpack = ([id, layer, person, label, start, end, version, extras]: PackedSpan): ReviewSpan => ({
    id,
    layer: layer === 1 ? 'gold' : 'annotator',
    annotatorId: board.people[person]!,
    label: LABELS[label]!,
    start,
    end,
    quote: '',
    note: (extras && extras.note) || '',
    speaker: (extras && extras.speaker) || '',
    verdict: (extras && extras.verdict) || '',
    version,
    sourceSpanId: (extras && extras.sourceSpanId) || null,
    ...(extras && extras.backedBy ? { backedBy: extras.backedBy } : {}),
    comments: (extras && extras.comments) || [],
  });
  const spans = board.spans.map(unpack);
  return {
    spans,
    gold: board.gold.map(unpack),
    clusters: board.clusters.map(([start, end, status, members, missing]) => ({
      start,
      end,
      status: CLUSTER_STATUSES[status]!,
      spanIds: members.map((i) => spans[i]!.id),
      missing: missing.map((i) => board.people[i]!),
    })),
  };
}
