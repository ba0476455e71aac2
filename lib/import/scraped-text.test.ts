import { fixturePath } from '../testing/fixtures';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalText } from './canonical';
import { cleanScrapedText, titleFromBody } from './scraped-text';

const FIXTURE = fixturePath('scraped-opinion-article.txt');

describe('cleanScrapedText on the real scraped opinion article', () => {
  const raw = readFileSync(FIXTURE, 'utf8');
  const canonical = canonicalText(raw);
  const draft = cleanScrapedText(raw);

  it('proposes the metadata hidden in the cruft', () => {
    expect(draft.title).toBe('Sino/Russia Alliance on the World Stage');
    expect(draft.author).toBe('Stephen Lendman');
    expect(draft.topic).toBe('China');
    expect(draft.sourceUrl).toBe('www.universityofreason.com/a/29887/KWADzukm');
    expect(draft.outlet).toBe('universityofreason.com');
    expect(draft.publishedOn).toBe('');
  });

  it('keeps exactly the body, character for character', () => {
    const start = canonical.indexOf('For the second time this year');
    const endMarker = 'time and again.';
    const end = canonical.lastIndexOf(endMarker) + endMarker.length;
    expect(start).toBeGreaterThan(0);
    expect(draft.text).toBe(canonical.slice(start, end));
    expect(draft.text.startsWith('For the second time this year')).toBe(true);
    expect(draft.text.endsWith('smashing other nations its favored strategy time and again.')).toBe(true);
  });

  it('keeps the non-breaking spaces at line ends', () => {
    const nbspInFile = (canonical.match(/\u00a0/g) ?? []).length;
    expect(nbspInFile).toBeGreaterThan(0);
    expect((draft.text.match(/\u00a0/g) ?? []).length).toBe(nbspInFile);
    expect(draft.text).toContain('good neighborliness."\u00a0\n');
  });

  it('leaves none of the cruft in the body', () => {
    for (const cruft of ['Article Image', 'IPFS', 'Written by', 'Subject: China', 'by Stephen Lendman', 'www.universityofreason.com']) {
      expect(draft.text).not.toContain(cruft);
    }
    expect(draft.text).not.toContain('Sino/Russia Alliance on the World Stage');
  });
});

describe('cleanScrapedText general rules', () => {
  it('handles a different kind of scraped page', () => {
    const input = [
      'Skip to content',
      'Menu',
      'Advertisement',
      '',
      'City Council Approves New Transit Budget',
      '',
      'By Jane Doe | Published: March 3, 2024',
      'Topic: Elections',
      '',
      'The city council voted 7-2 on Tuesday to approve a new transit budget.',
      '',
      'Opponents said the plan\u00a0leaves suburbs behind.',
      '',
      'Share this article',
      '',
      'https://example.org/news/1',
      '',
    ].join('\r\n');
    const draft = cleanScrapedText(input);
    expect(draft).toEqual({
      title: 'City Council Approves New Transit Budget',
      author: 'Jane Doe',
      outlet: 'example.org',
      sourceUrl: 'https://example.org/news/1',
      publishedOn: '2024-03-03',
      topic: 'Elections',
      text: 'The city council voted 7-2 on Tuesday to approve a new transit budget.\n\nOpponents said the plan\u00a0leaves suburbs behind.',
    });
  });

  it('passes text without cruft through unchanged', () => {
    const clean =
      'The council met on Tuesday to discuss the budget.\n\n' +
      'Members disagreed about funding for parks and libraries.\n' +
      'A second line in the same paragraph\u00a0ends here.\n\n\n' +
      '"We need more money," said one member.';
    const draft = cleanScrapedText(clean);
    expect(draft.text).toBe(clean);
    expect(draft.title).toBe('The council met on Tuesday to discuss the budget');
    expect(draft.author).toBe('');
    expect(draft.sourceUrl).toBe('');
  });

  it('keeps a hard-wrapped first paragraph whole', () => {
    const text = 'The council met on Tuesday to discuss\nthe budget for next year, and members\nagreed to meet again.\n\nNothing else happened.';
    const draft = cleanScrapedText(text);
    expect(draft.text).toBe(text);
    expect(draft.title).toBe('The council met on Tuesday to discuss');
  });

  it('still separates a Title Case headline set directly above the prose', () => {
    const draft = cleanScrapedText('Share\nCity Council Approves New Budget\nThe vote was close.');
    expect(draft.title).toBe('City Council Approves New Budget');
    expect(draft.text).toBe('The vote was close.');
  });

  it('does not strip NBSP or indentation inside the body, only layout whitespace at its ends', () => {
    const text = '\n\n  \u00a0Indented first line.\n\n  Second.\u00a0\n\n';
    expect(cleanScrapedText(text).text).toBe('\u00a0Indented first line.\n\n  Second.\u00a0');
  });

  it('drops trailing copyright, related links and read-more chrome', () => {
    const draft = cleanScrapedText(
      [
        'Rain Returns to the Valley',
        '',
        'Farmers welcomed the first rain in months.',
        '',
        'Related:',
        'Drought hits harvest',
        'Water prices climb',
        '',
        'Read more',
        '© 2021 Valley Times. All rights reserved.',
      ].join('\n'),
    );
    expect(draft.title).toBe('Rain Returns to the Valley');
    expect(draft.text).toBe('Farmers welcomed the first rain in months.');
  });

  it('keeps a closing paragraph about copyright, and drops a notice that says Copyright with a year', () => {
    const body = 'The court ruled for the publishers on Monday.';
    for (const prose of ['Copyright holders say the ruling goes much too far and will hurt writers.', 'Copyright law, critics say, has not kept pace with technology.']) {
      expect(cleanScrapedText(`Court Backs Publishers\n\n${body}\n\n${prose}`).text).toBe(`${body}\n\n${prose}`);
    }
    expect(cleanScrapedText(`Court Backs Publishers\n\n${body}\n\nCopyright 2026 The Ledger`).text).toBe(body);
    expect(cleanScrapedText(`Court Backs Publishers\n\n${body}\n\nCopyright The Ledger. All rights reserved.`).text).toBe(body);
  });

  it('takes a closing "Source:" line as the outlet only when it names one, not when it is a sentence', () => {
    const body = 'The ministry confirmed the cuts on Friday.';
    const named = cleanScrapedText(`Cuts Confirmed\n\n${body}\n\nSource: Reuters`);
    expect([named.text, named.outlet]).toEqual([body, 'Reuters']);
    const prose = 'Source: a senior official who asked not to be named.';
    const kept = cleanScrapedText(`Cuts Confirmed\n\n${body}\n\n${prose}`);
    expect([kept.text, kept.outlet ?? '']).toEqual([`${body}\n\n${prose}`, '']);
  });

  it('reads labelled source, date and section lines', () => {
    const draft = cleanScrapedText(
      'Section: World\nDate: 2023-11-05\nSource: https://news.example/a/1\n\nEnergy Talks Stall Again\n\nNegotiators left without a deal.',
    );
    expect(draft).toMatchObject({ topic: 'World', publishedOn: '2023-11-05', sourceUrl: 'https://news.example/a/1', title: 'Energy Talks Stall Again', outlet: 'news.example' });
    expect(draft.text).toBe('Negotiators left without a deal.');
  });

  it('removes stand-alone advertisement markers inside the body without leaving a double gap', () => {
    const draft = cleanScrapedText('First paragraph here.\n\nAdvertisement\n\nSecond paragraph here.');
    expect(draft.text).toBe('First paragraph here.\n\nSecond paragraph here.');
  });

  it('removes a byline sitting under a one-sentence standfirst', () => {
    const draft = cleanScrapedText('Prices are rising faster than wages.\n\nBy Maria de la Cruz\n\nInflation reached four percent.');
    expect(draft.author).toBe('Maria de la Cruz');
    expect(draft.text).toBe('Prices are rising faster than wages.\n\nInflation reached four percent.');
  });

  it('does not mistake prose that starts with "By" for a byline', () => {
    const text = 'By the end of the year, prices had doubled.\n\nBy then it was too late.';
    const draft = cleanScrapedText(text);
    expect(draft.author).toBe('');
    expect(draft.text).toBe(text);
  });

  it('ignores "Written by" with nothing usable after it', () => {
    const draft = cleanScrapedText('Written by\n\nHarbour Plans Unveiled\n\nThe port will double in size.');
    expect(draft.author).toBe('');
    expect(draft.title).toBe('Harbour Plans Unveiled');
    expect(draft.text).toBe('The port will double in size.');
  });

  it('lets known metadata win and keeps short headings when the title is known', () => {
    const draft = cleanScrapedText('Background\n\nThe story begins in 1990.', { title: 'Known Title', author: 'A. Writer' });
    expect(draft.title).toBe('Known Title');
    expect(draft.author).toBe('A. Writer');
    expect(draft.text).toBe('Background\n\nThe story begins in 1990.');
  });

  it('takes nothing out of text that never settles into prose', () => {
    const poem = 'Share\nthe quiet morning\nlight on water';
    expect(cleanScrapedText(poem).text).toBe(poem);
  });

  it('keeps the body a contiguous piece of the input for arbitrary mixes of cruft and prose', () => {
    const line = fc.constantFrom(
      '', '', 'Share', 'IPFS', 'Advertising Age Weekly', 'Subject: Trade', 'Published: 2024-01-02',
      'https://example.com/x/1', 'www.example.com/y', 'Read more', '© 2020 Example',
      'A Headline Of Some Sort', 'Prose sentence with an ending.', 'Another line of prose, with commas, ends.',
      '  indented\u00a0prose line.', 'Related:', 'short tail',
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), (lines) => {
        const input = lines.join('\n');
        const draft = cleanScrapedText(input);
        expect(input.includes(draft.text)).toBe(true);
        expect(draft.text).toBe(draft.text.replace(/^[\n \t]+|[\n \t]+$/g, ''));
      }),
      { numRuns: 300 },
    );
  });

  it('passes any run of prose paragraphs through unchanged', () => {
    const word = fc.constantFrom('the', 'council', 'voted', 'on', 'budget', 'parks', 'with', 'quiet', 'money', 'said');
    const sentence = fc.array(word, { minLength: 2, maxLength: 14 }).map((ws) => `${ws[0]!.toUpperCase()}${ws.join(' ').slice(1)}.`);
    // Paragraphs are hard-wrapped every `width` words, as in e-mail or plain-text archives.
    const paragraph = fc
      .tuple(fc.array(sentence, { minLength: 1, maxLength: 3 }), fc.integer({ min: 3, max: 40 }))
      .map(([ss, width]) => {
        const words = ss.join(' ').split(' ');
        const rows: string[] = [];
        for (let i = 0; i < words.length; i += width) rows.push(words.slice(i, i + width).join(' '));
        return rows.join('\n');
      });
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 6 }), (paragraphs) => {
        const text = paragraphs.join('\n\n');
        expect(cleanScrapedText(text).text).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});

describe('titleFromBody', () => {
  it('uses the first sentence and does not stop at abbreviations', () => {
    expect(titleFromBody('U.S. officials met Mr. Smith today. Then they left.')).toBe('U.S. officials met Mr. Smith today');
    expect(titleFromBody('Is it over? Nobody knows.')).toBe('Is it over?');
  });

  it('starts at the first words after leading blank space and never splits what a reader sees as one character', () => {
    expect(titleFromBody(`${' '.repeat(120)}\n\n   The council met.\nMore here.`)).toBe('The council met');
    const family = '👩\u200d👩\u200d👧';
    // No space to cut at: the cut falls on the 80th character, a family emoji of five code points.
    const title = titleFromBody(`${'a'.repeat(79)}${family}${'b'.repeat(20)}`);
    expect(title).toBe(`${'a'.repeat(79)}${family}…`);
    expect(titleFromBody(`${'a'.repeat(78)}e\u0301\u0301${'b'.repeat(20)}`)).toBe(`${'a'.repeat(78)}e\u0301\u0301b…`);
  });

  it('cuts long sentences at a word boundary near 80 characters', () => {
    const title = titleFromBody(`${'word '.repeat(40)}end.`);
    expect([...title].length).toBeLessThanOrEqual(81);
    expect(title.endsWith('word…')).toBe(true);
  });
});
