import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSpanMatches } from './span-f1';
import { maxOverlapMatching } from './interval-matching';
import { countSpeakerMatches, speakerAgreement, speakerKey } from './speakers';
import type { AgreementSpan } from './types';

describe('speakerKey', () => {
  it('ignores case and spacing, and treats a missing speaker as none', () => {
    expect(speakerKey('  Ines\tDuarte ')).toBe(speakerKey('ines duarte'));
    expect(speakerKey(undefined)).toBe('');
    expect(speakerKey('Ines Duarte')).not.toBe(speakerKey('Ines Duart'));
  });
});

describe('countSpeakerMatches', () => {
  const span = fc
    .record({
      label: fc.constantFrom('sourced_quote', 'claim'),
      start: fc.integer({ min: 0, max: 40 }),
      length: fc.integer({ min: 1, max: 12 }),
      speaker: fc.constantFrom('', 'A', 'a ', 'B'),
    })
    .map(({ label, start, length, speaker }): AgreementSpan => ({ label, start, end: start + length, speaker }));

  it('never matches more quotes than overlap F1 does, nor counts more same speakers than matches; a layer agrees with itself', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 8 }), fc.array(span, { maxLength: 8 }), (a, b) => {
        const counts = countSpeakerMatches(a, b);
        expect(counts.matched).toBeLessThanOrEqual(countSpanMatches(a, b, 'overlap').sourced_quote?.tp ?? 0);
        expect(counts.same).toBeLessThanOrEqual(counts.matched);
        // A layer against itself names the same speaker for every quote.
        const self = countSpeakerMatches(a, a);
        expect(self.same).toBe(self.matched);
      }),
    );
  });

  it('pairs quotes with the same boundaries first, and among them the same speakers', () => {
    const q = (start: number, end: number, speaker: string): AgreementSpan => ({ label: 'sourced_quote', start, end, speaker });
    // Overlapping quotes of one person: paired by place, not crosswise by overlap.
    expect(countSpeakerMatches([q(27, 32, ''), q(25, 32, 'B')], [q(27, 32, ''), q(25, 32, 'B')])).toEqual({ matched: 2, same: 2 });
    // Two quotes in one place: the matching speakers pair up, whatever their order.
    expect(countSpeakerMatches([q(0, 5, 'A'), q(0, 5, 'B')], [q(0, 5, 'B'), q(0, 5, 'C')])).toEqual({ matched: 2, same: 1 });
    // A leftover quote of a place still pairs with an overlapping quote elsewhere.
    expect(countSpeakerMatches([q(0, 5, 'A'), q(0, 5, 'B')], [q(0, 5, 'A'), q(3, 9, 'B')])).toEqual({ matched: 2, same: 2 });
  });

  it('counts the same whatever order the spans are listed in, and whichever side is first', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 7 }), fc.array(span, { maxLength: 7 }), fc.nat(), (a, b, seed) => {
        const counts = countSpeakerMatches(a, b);
        // Database rows tied on start and end come in no fixed order.
        const shuffled = (list: AgreementSpan[]) => list.map((s, i) => ({ s, k: (i * 7919 + seed) % 101 })).sort((x, y) => x.k - y.k).map((x) => x.s);
        expect(countSpeakerMatches(shuffled(a), shuffled(b))).toEqual(counts);
        expect(countSpeakerMatches(b, a)).toEqual(counts);
      }),
    );
    const q = (start: number, end: number, speaker: string): AgreementSpan => ({ label: 'sourced_quote', start, end, speaker });
    expect(countSpeakerMatches([q(0, 10, 'X'), q(5, 15, 'Y')], [q(0, 10, 'Y'), q(0, 10, 'X')])).toEqual({ matched: 2, same: 2 });
  });

  it('of the pairings with the most pairs, takes one with the most same speakers, even across places', () => {
    const q = (start: number, end: number, speaker: string): AgreementSpan => ({ label: 'sourced_quote', start, end, speaker });
    // Overlap alone could pair [0,10)X with [6,11)Y and [5,20)Y with [2,30)X: no speaker alike.
    // Both pairs can name the same speaker instead, and that is the pairing counted.
    expect(countSpeakerMatches([q(0, 10, 'X'), q(5, 20, 'Y')], [q(6, 11, 'Y'), q(2, 30, 'X')])).toEqual({ matched: 2, same: 2 });
    // One pair more outweighs same speakers: [0,4)A–[3,8)B and [5,9)B–[8,12)A, not [5,9)B–[3,8)B alone.
    expect(countSpeakerMatches([q(0, 4, 'A'), q(5, 9, 'B')], [q(3, 8, 'B'), q(8, 12, 'A')])).toEqual({ matched: 2, same: 0 });
  });

  it('agrees in how many quotes it pairs with the maximum overlap matching of span F1', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 8 }), fc.array(span, { maxLength: 8 }), (a, b) => {
        const quotes = (list: AgreementSpan[]) => list.filter((s) => s.label === 'sourced_quote' && s.end > s.start);
        expect(countSpeakerMatches(a, b).matched).toBe(maxOverlapMatching(quotes(a), quotes(b)).length);
      }),
    );
  });

  it('gives an undefined share, not 0 or 1, when nothing was matched', () => {
    expect(speakerAgreement({ matched: 0, same: 0 }).share).toBeNull();
    expect(speakerAgreement({ matched: 4, same: 3 }).share).toBe(0.75);
  });
});
