import { MinHeap } from './min-heap';
import { scratchArray } from './scratch';

export type Interval = { start: number; end: number };

/**
 * Maximum one-to-one matching between intervals of `a` and `b`, where an edge
 * joins two intervals that share at least one position (half-open, non-empty
 * intervals). Returns pairs of indices [indexInA, indexInB].
 *
 * Why a greedy is exact here: take intervals of both sides in order of their end.
 * When an unmatched interval x comes up, every other-side interval that overlaps
 * x and ends earlier has already been matched (it saw x as a free partner), so
 * x's possible partners are the free other-side intervals that start before x
 * ends and have not been processed yet. Among them, pairing x with the one that
 * ends first never loses a match: if an optimal matching pairs x with z and that
 * interval y with w, then w overlaps z too (w starts before y ends <= z ends, and
 * z starts before x ends <= w ends), so swapping to x-y, w-z keeps the size. An
 * interval that found no partner when processed can never get one later, for the
 * same reason. Total cost O(n log n), instead of augmenting paths.
 */
export function maxOverlapMatching(a: readonly Interval[], b: readonly Interval[]): Array<[number, number]> {
  type Item = { side: 0 | 1; index: number; start: number; end: number };
  const sides: [Item[], Item[]] = [
    a.map((s, index) => ({ side: 0 as const, index, start: s.start, end: s.end })),
    b.map((s, index) => ({ side: 1 as const, index, start: s.start, end: s.end })),
  ];
  const byEnd = [...sides[0], ...sides[1]]
    .filter((it) => it.end > it.start)
    .sort((x, y) => x.end - y.end || x.start - y.start || x.side - y.side || x.index - y.index);
  const byStart = sides.map((items) => items.filter((it) => it.end > it.start).sort((x, y) => x.start - y.start));
  const next = [0, 0];
  const earlierEnd = (x: Item, y: Item) => x.end < y.end || (x.end === y.end && x.index < y.index);
  const open = [new MinHeap<Item>(earlierEnd), new MinHeap<Item>(earlierEnd)];
  const matched = [new Uint8Array(a.length), new Uint8Array(b.length)];
  const processed = [new Uint8Array(a.length), new Uint8Array(b.length)];
  const pairs: Array<[number, number]> = [];

  for (const x of byEnd) {
    processed[x.side]![x.index] = 1;
    if (matched[x.side]![x.index]) continue;
    const other = x.side === 0 ? 1 : 0;
    const starts = byStart[other]!;
    const heap = open[other]!;
    while (next[other]! < starts.length && starts[next[other]!]!.start < x.end) heap.push(starts[next[other]!++]!);
    // Processed intervals left in the heap are either matched or can no longer be matched.
    while (heap.size > 0 && (matched[other]![heap.peek()!.index] || processed[other]![heap.peek()!.index])) heap.pop();
    const y = heap.pop();
    if (!y) continue;
    matched[x.side]![x.index] = 1;
    matched[other]![y.index] = 1;
    pairs.push(x.side === 0 ? [x.index, y.index] : [y.index, x.index]);
  }
  return pairs.sort((p, q) => p[0] - q[0]);
}

const takeStarts = scratchArray((n) => new Float64Array(n));
const takeEnds = scratchArray((n) => new Float64Array(n));
const takeMatched = scratchArray((n) => new Uint8Array(n));
const takeProcessed = scratchArray((n) => new Uint8Array(n));

/**
 * The size of `maxOverlapMatching(a, b)`, which is all span F1 needs: the same greedy over
 * interval indices in typed arrays, without building items or pairs (span F1 runs it for every
 * label, annotator pair and article of a project).
 */
export function maxOverlapMatchingSize(a: readonly Interval[], b: readonly Interval[]): number {
  const n = a.length + b.length;
  if (n <= SMALL_MATCHING) return smallMatchingSize(a, b);
  const starts = takeStarts(n);
  const ends = takeEnds(n);
  const byEnd: number[] = [];
  const byStart: [number[], number[]] = [[], []];
  for (let i = 0; i < n; i++) {
    const s = i < a.length ? a[i]! : b[i - a.length]!;
    starts[i] = s.start;
    ends[i] = s.end;
    if (s.end > s.start) {
      byEnd.push(i);
      byStart[i < a.length ? 0 : 1].push(i);
    }
  }
  // Item ids order by side, then index within the side, as the items of maxOverlapMatching do.
  byEnd.sort((x, y) => ends[x]! - ends[y]! || starts[x]! - starts[y]! || x - y);
  for (const side of byStart) side.sort((x, y) => starts[x]! - starts[y]!);
  const next = [0, 0];
  // Within one side, ids order as indices do: an earlier end, then the lower id, comes first.
  const earlier = (x: number, y: number) => ends[x]! < ends[y]! || (ends[x]! === ends[y]! && x < y);
  const open = [new MinHeap<number>(earlier), new MinHeap<number>(earlier)];
  const matched = takeMatched(n);
  const processed = takeProcessed(n);
  let size = 0;
  for (const x of byEnd) {
    processed[x] = 1;
    if (matched[x]) continue;
    const other = x < a.length ? 1 : 0;
    const starting = byStart[other];
    const heap = open[other]!;
    while (next[other]! < starting.length && starts[starting[next[other]!]!]! < ends[x]!) heap.push(starting[next[other]!++]!);
    while (heap.size > 0 && (matched[heap.peek()!] || processed[heap.peek()!])) heap.pop();
    const y = heap.pop();
    if (y === undefined) continue;
    matched[x] = 1;
    matched[y] = 1;
    size++;
  }
  return size;
}

/** Up to this many intervals in all, bit sets and linear scans beat sorting into heaps. */
const SMALL_MATCHING = 30;

/**
 * The greedy of `maxOverlapMatchingSize` for a few intervals (a label's spans in one article):
 * ids in bit sets, an insertion sort, and a scan of the other side for the earliest-ending free
 * partner where the large version keeps a heap.
 */
function smallMatchingSize(a: readonly Interval[], b: readonly Interval[]): number {
  const at = (id: number) => (id < a.length ? a[id]! : b[id - a.length]!);
  const n = a.length + b.length;
  const byEnd: number[] = [];
  for (let id = 0; id < n; id++) {
    const x = at(id);
    if (!(x.end > x.start)) continue;
    let i = byEnd.length;
    while (i > 0) {
      const y = at(byEnd[i - 1]!);
      if (y.end < x.end || (y.end === x.end && y.start <= x.start)) break;
      byEnd[i] = byEnd[i - 1]!;
      i--;
    }
    byEnd[i] = id;
  }
  let matched = 0;
  let processed = 0;
  let size = 0;
  for (const id of byEnd) {
    processed |= 1 << id;
    if (matched & (1 << id)) continue;
    const x = at(id);
    const [from, to] = id < a.length ? [a.length, n] : [0, a.length];
    let partner = -1;
    for (let other = from; other < to; other++) {
      if ((matched | processed) & (1 << other)) continue;
      const y = at(other);
      if (!(y.end > y.start) || y.start >= x.end) continue;
      if (partner < 0 || y.end < at(partner).end) partner = other;
    }
    if (partner < 0) continue;
    matched |= (1 << id) | (1 << partner);
    size++;
  }
  return size;
}
