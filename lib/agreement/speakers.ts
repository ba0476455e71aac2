import { maxOverlapMatching } from './interval-matching';
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
 * Pairs the quotes of `a` with the quotes of `b` one to one and counts the pairs that name the
 * same speaker. Quotes with the same boundaries are paired first (same speakers together), so
 * one person's overlapping quotes are never paired crosswise; the rest are paired by overlap
 * (the maximum matching of overlap F1). Span F1 judges where a quote is; this judges whom it is
 * attributed to, over the quotes both sides found.
 */
export function countSpeakerMatches(a: readonly AgreementSpan[], b: readonly AgreementSpan[]): SpeakerCounts {
  const qa = a.filter((s) => s.label === QUOTE_LABEL);
  const qb = b.filter((s) => s.label === QUOTE_LABEL);
  if (qa.length === 0 || qb.length === 0) return { matched: 0, same: 0 };
  const place = (s: AgreementSpan) => `${s.start}:${s.end}`;
  const byPlace = new Map<string, { a: AgreementSpan[]; b: AgreementSpan[] }>();
  for (const [side, list] of [['a', qa], ['b', qb]] as const) {
    for (const s of list) {
      const key = place(s);
      const group = byPlace.get(key) ?? { a: [], b: [] };
      group[side].push(s);
      byPlace.set(key, group);
    }
  }
  let matched = 0;
  let same = 0;
  const restA: AgreementSpan[] = [];
  const restB: AgreementSpan[] = [];
  for (const group of byPlace.values()) {
    // Within one place, quotes naming the same speaker pair up first, whatever order they are
    // listed in; then quotes naming different speakers, as many as both sides have left.
    const leftB = [...group.b];
    const leftA: AgreementSpan[] = [];
    for (const s of group.a) {
      const i = leftB.findIndex((t) => speakerKey(t.speaker) === speakerKey(s.speaker));
      if (i < 0) leftA.push(s);
      else {
        leftB.splice(i, 1);
        matched++;
        same++;
      }
    }
    const differing = Math.min(leftA.length, leftB.length);
    matched += differing;
    // The unpaired quotes of the larger side may still overlap a quote elsewhere.
    restA.push(...leftA.slice(differing));
    restB.push(...leftB.slice(differing));
  }
  for (const [i, j] of maxOverlapMatching(restA, restB)) {
    matched++;
    if (speakerKey(restA[i]!.speaker) === speakerKey(restB[j]!.speaker)) same++;
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
