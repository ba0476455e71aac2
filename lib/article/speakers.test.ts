import { fixturePath } from '../testing/fixtures';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_SPEAKER_SUGGESTIONS, suggestSpeakers } from './speakers';

const FIXTURE = fixturePath('scraped-opinion-article.txt');

describe('suggestSpeakers on the scraped opinion article', () => {
  const text = readFileSync(FIXTURE, 'utf8');
  const result = suggestSpeakers(text);

  it('finds the people quoted in the article', () => {
    expect(result).toContain('Vladimir Putin');
    expect(result.some((n) => n === 'Xi Jinping' || n === 'Xi')).toBe(true);
    expect(result).toContain('Yuri Ushakov');
    expect(result).toContain('Maria Zakharova');
    expect(result).toContain('Sergey Ryabkov');
  });

  it('does not suggest sentence-initial words, dates, titles or organisations', () => {
    for (const bad of ['The', 'In February', 'February', 'In', 'On Wednesday', 'Wednesday', 'Article Image',
      'Global Times', 'Winter Olympics', 'Cold War', 'Russian Foreign Ministry', 'Deputy Foreign Minister Sergey Ryabkov',
      'According', 'Following Wednesday']) {
      expect(result).not.toContain(bad);
    }
  });

  it('ranks people attributed with speech verbs above names merely mentioned', () => {
    // Igor Sechin "accused" (not a speech verb) and is mentioned once.
    expect(result).toContain('Igor Sechin');
    const sechin = result.indexOf('Igor Sechin');
    for (const speaker of ['Vladimir Putin', 'Yuri Ushakov', 'Maria Zakharova', 'Sergey Ryabkov']) {
      expect(result.indexOf(speaker)).toBeLessThan(sechin);
    }
  });

  it('returns each name once, merging later surname-only mentions into the full name', () => {
    expect(new Set(result).size).toBe(result.length);
    expect(result).not.toContain('Putin');
    expect(result).not.toContain('Ushakov');
  });
});

describe('suggestSpeakers heuristics', () => {
  it('returns known speakers first, de-duplicated case-insensitively', () => {
    const text = 'Angela Merkel said the plan was sound. Later, Olaf Scholz told reporters otherwise.';
    const result = suggestSpeakers(text, ['Olaf Scholz', ' olaf scholz ', 'Anonymous official', '']);
    expect(result.slice(0, 2)).toEqual(['Olaf Scholz', 'Anonymous official']);
    expect(result).toContain('Angela Merkel');
    expect(result.filter((n) => n.toLowerCase() === 'olaf scholz')).toHaveLength(1);
  });

  it('strips titles and keeps particles and initials', () => {
    const text = [
      'European Commission President Ursula von der Leyen said the deal was close.',
      'Former President George W. Bush told the audience a story.',
      'Dr. Anthony Fauci said masks help.',
    ].join('\n');
    const result = suggestSpeakers(text);
    expect(result).toContain('Ursula von der Leyen');
    expect(result).toContain('George W. Bush');
    expect(result).toContain('Anthony Fauci');
    expect(result.some((n) => /President|Dr\.|Commission/.test(n))).toBe(false);
  });

  it('strips a possessive and ignores the owner noun', () => {
    const result = suggestSpeakers("Joe Biden's plan was criticised. Mitch McConnell's office said it would fail.");
    expect(result).toContain('Joe Biden');
    expect(result).toContain('Mitch McConnell');
    expect(result.some((n) => n.includes("'s"))).toBe(false);
  });

  it('includes a lone surname only when it is attributed speech and is a proper noun', () => {
    const text = 'The talks stalled. Officials met Kowalski on Tuesday. Kowalski said nothing changed. Critics said it was a farce.';
    const result = suggestSpeakers(text);
    expect(result).toContain('Kowalski');
    expect(result).not.toContain('Critics');
    expect(result).not.toContain('Officials');
    expect(result).not.toContain('Tuesday');
  });

  it('recognises inverted and "according to" attributions', () => {
    const text =
      '"We will not retreat," said Kremlin spokesman Dmitry Peskov. ' +
      'Meanwhile, according to economist Jane Doe, prices will rise. Some argue John Roe is wrong.';
    const result = suggestSpeakers(text);
    expect(result.slice(0, 2).sort()).toEqual(['Dmitry Peskov', 'Jane Doe']);
    expect(result).toContain('John Roe');
  });

  it('does not treat months, days or sentence-initial words as names', () => {
    const result = suggestSpeakers('In March, ministers met. On Monday The Council voted. This Week Sarah Connor said no.');
    expect(result).toEqual(['Sarah Connor']);
  });

  it('skips runs of more than four capitalised words and Title Case headlines', () => {
    const text = 'Breaking News From The Big Apple Tonight\nWe watched Big Bad Wolf Red Riding Hood and later Maria Lopez said hello.';
    const result = suggestSpeakers(text);
    expect(result).toEqual(['Maria Lopez']);
  });

  it('returns at most 20 suggestions, known first', () => {
    const first = ['Anna', 'Boris', 'Clara', 'Dmitri', 'Elena', 'Fyodor', 'Galina', 'Hans', 'Irina', 'Jakob', 'Karla', 'Lena'];
    const last = ['Smith', 'Jones', 'Brown', 'Taylor', 'Wilson', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright'];
    const sentences = first.flatMap((f) => last.map((l) => `${f} ${l} said yes.`));
    const result = suggestSpeakers(sentences.join(' '), ['Known Person']);
    expect(result).toHaveLength(MAX_SPEAKER_SUGGESTIONS);
    expect(result[0]).toBe('Known Person');
    expect(result[1]).toBe('Anna Smith');
  });

  it('returns only the known speakers for text without names', () => {
    expect(suggestSpeakers('', ['A B'])).toEqual(['A B']);
    expect(suggestSpeakers('no capitals here at all, said nobody.')).toEqual([]);
  });

  it('handles accented and hyphenated names', () => {
    const result = suggestSpeakers('Jean-Luc Mélenchon said no. Bashar al-Assad told state media the same.');
    expect(result).toContain('Jean-Luc Mélenchon');
    expect(result).toContain('Bashar al-Assad');
  });

  it('copes with a long article', () => {
    const text = readFileSync(FIXTURE, 'utf8').repeat(60); // ~340 KB
    const result = suggestSpeakers(text);
    expect(result).toContain('Vladimir Putin');
  });
});
