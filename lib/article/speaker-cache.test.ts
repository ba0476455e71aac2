import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../testing/fixtures';
import { suggestSpeakersFor } from './speaker-cache';
import { suggestSpeakers } from './speakers';

const text = readFileSync(fixturePath('scraped-opinion-article.txt'), 'utf8');
const manyNames = ['Anna', 'Boris', 'Clara', 'Dmitri', 'Elena', 'Fyodor', 'Galina']
  .flatMap((f) => ['Smith', 'Jones', 'Brown', 'Taylor', 'Wilson', 'Evans'].map((l) => `${f} ${l} said yes.`))
  .join(' ');

describe('suggestSpeakersFor (names remembered per text hash)', () => {
  it('suggests exactly what suggestSpeakers does, whatever the known speakers, first visit or later', () => {
    const knownLists = [[], ['Known Person'], ['anna smith', 'Someone Else'], Array.from({ length: 25 }, (_, i) => `Known ${i}`)];
    for (const [hash, body] of [['hash-article', text], ['hash-many-names', manyNames]] as const) {
      for (const known of knownLists) {
        const expected = suggestSpeakers(body, known);
        expect(suggestSpeakersFor({ text: body, textHash: hash }, known)).toEqual(expected);
        expect(suggestSpeakersFor({ text: body, textHash: hash }, known)).toEqual(expected);
      }
    }
  });

  it('reads the text once per hash: a second visit does not look at the text again', () => {
    const first = suggestSpeakersFor({ text: manyNames, textHash: 'hash-once' }, []);
    expect(first.length).toBeGreaterThan(0);
    // Same hash, so the same (immutable) text: the remembered names are used.
    expect(suggestSpeakersFor({ text: '', textHash: 'hash-once' }, [])).toEqual(first);
    expect(suggestSpeakersFor({ text: '', textHash: 'hash-other' }, [])).toEqual([]);
  });
});
