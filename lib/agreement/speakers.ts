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
    const pairs = Math.min(group.a.length, group.b.length);
    if (pairs === 0) {
      restA.push(...group.a);
      restB.push(...group.b);
      continue;
    }
    // Within one place, as many pairs as possible name the same speaker.
    const speakersB = new Map<string, number>();
    for (const s of group.b) speakersB.set(speakerKey(s.speaker), (speakersB.get(speakerKey(s.speaker)) ?? 0) + 1);
    let agreeing = 0;
    for (const s of group.a) {
      const left = speakersB.get(speakerKey(s.speaker)) ?? 0;
      if (left > 0) {
        speakersB.set(speakerKey(s.speaker), left - 1);
        agreeing++;
      }
    }
    matched += pairs;
    same += Math.min(agreeing, pairs);
    // The unpaired quotes of the larger side may still overlap a quote elsewhere.
    (group.a.length > pairs ? restA : restB).push(...(group.a.length > pairs ? group.a : group.b).slice(pairs));
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
