import { munkres } from 'munkres';
import type { AgreementSpan } from './types';

/**
 * A speaker as people type one: case, surrounding and repeated spaces do not count, so "Ines
 * Duarte" and " ines  duarte" name the same person. A span without a speaker has the key ''.
 */
export function speakerKey(speaker: string | undefined): string {
  return (speaker ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Attribution of quotes that both sides marked: how many were matched, and how many name the same speaker. */
export type SpeakerCounts = { matched: number; same: number };

export type SpeakerAgreement = SpeakerCounts & {
  /** same / matched; null when no quote of one side matched a quote of the other. */
  share: number | null;
};

/** The label whose spans carry a speaker. */
export const QUOTE_LABEL = 'sourced_quote';

/**
 * Pairs the quotes of `a` with the quotes of `b` one to one, a pair being two quotes that share
 * some text, and counts the pairs that name the same speaker. Of all the pairings with the most
 * pairs (as many as overlap F1 matches), it takes one with the most same-speaker pairs: how the
 * quotes happen to be listed, or which side comes first, never changes the counts, and one
 * person's overlapping quotes are not paired crosswise when a pairing by speaker exists. Span F1
 * judges where a quote is; this judges whom it is attributed to, over the quotes both sides found.
 */
export function countSpeakerMatches(a: readonly AgreementSpan[], b: readonly AgreementSpan[]): SpeakerCounts {
  const quotes = (list: readonly AgreementSpan[], side: 0 | 1) =>
    list.filter((s) => s.label === QUOTE_LABEL && s.end > s.start).map((s) => ({ side, start: s.start, end: s.end, speaker: speakerKey(s.speaker) }));
  const all = [...quotes(a, 0), ...quotes(b, 1)].sort((x, y) => x.start - y.start);
  let matched = 0;
  let same = 0;
  // Quotes that share no text with any quote of a group cannot pair with it: each run of
  // overlapping quotes is paired on its own (most are one quote a side).
  let group: typeof all = [];
  let groupEnd = -Infinity;
  const pairGroup = () => {
    const left = group.filter((q) => q.side === 0);
    const right = group.filter((q) => q.side === 1);
    if (left.length === 0 || right.length === 0) return;
    const counts = bestPairing(left, right);
    matched += counts.matched;
    same += counts.same;
  };
  for (const q of all) {
    if (group.length > 0 && q.start >= groupEnd) {
      pairGroup();
      group = [];
      groupEnd = -Infinity;
    }
    group.push(q);
    groupEnd = Math.max(groupEnd, q.end);
  }
  pairGroup();
  return { matched, same };
}

type Quote = { start: number; end: number; speaker: string };

/**
 * The most pairs of overlapping quotes, and among those the most naming the same speaker: an
 * optimal assignment (Munkres) where a pair is worth (k + 1) + (1 if same speaker), k being the
 * most pairs there can be, so one more pair always outweighs any number of same speakers.
 */
function bestPairing(left: readonly Quote[], right: readonly Quote[]): SpeakerCounts {
  const overlap = (x: Quote, y: Quote) => x.start < y.end && y.start < x.end;
  if (left.length === 1 && right.length === 1) {
    const [x, y] = [left[0]!, right[0]!];
    return overlap(x, y) ? { matched: 1, same: x.speaker === y.speaker ? 1 : 0 } : { matched: 0, same: 0 };
  }
  const pairWorth = Math.min(left.length, right.length) + 1;
  const worth = left.map((x) => right.map((y) => (overlap(x, y) ? pairWorth + (x.speaker === y.speaker ? 1 : 0) : 0)));
  const most = pairWorth + 1;
  const assignment = munkres(worth.map((row) => row.map((w) => most - w)));
  let matched = 0;
  let same = 0;
  for (const [i, j] of assignment) {
    const w = worth[i]![j]!;
    // A pair of quotes that share no text is no pair: the assignment only filled a square.
    if (w === 0) continue;
    matched++;
    if (w > pairWorth) same++;
  }
  return { matched, same };
}

export function addSpeakerCounts(into: SpeakerCounts, more: SpeakerCounts): void {
  into.matched += more.matched;
  into.same += more.same;
}

export function speakerAgreement(counts: SpeakerCounts): SpeakerAgreement {
  return { ...counts, share: counts.matched > 0 ? counts.same / counts.matched : null };
}
