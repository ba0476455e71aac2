import { describe, expect, it } from 'vitest';
import type { ArticleDraft } from './types';
import { draftIssues, previewProblems, validateDraft } from './validate';

const good: ArticleDraft = {
  title: 'A title',
  author: '',
  outlet: '',
  sourceUrl: 'https://example.org/a',
  publishedOn: '2024-02-29',
  topic: '',
  text: 'Body.',
};

describe('validateDraft', () => {
  it('accepts a complete draft', () => {
    expect(validateDraft(good)).toEqual([]);
    expect(validateDraft({ ...good, publishedOn: '', sourceUrl: '' })).toEqual([]);
  });

  it('reports an empty title and empty or whitespace-only text', () => {
    const problems = validateDraft({ ...good, title: '  ', text: ' \n\t\u00a0' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/title is empty/i);
    expect(problems[1]).toMatch(/text is empty/i);
  });

  it('names the field of each problem, as zod issues do, for a refused form to mark', () => {
    expect(draftIssues({ ...good, title: ' ', publishedOn: '2023-02-29', sourceUrl: 'javascript:alert(1)' }).map((i) => i.path[0])).toEqual(['title', 'publishedOn', 'sourceUrl']);
    expect(draftIssues({ ...good, text: '' })).toEqual([{ path: ['text'], message: 'The text is empty.' }]);
    expect(draftIssues(good)).toEqual([]);
  });

  it('reports text over the limit with its length', () => {
    const [problem] = validateDraft({ ...good, text: 'x'.repeat(1_000_001) });
    expect(problem).toMatch(/1,000,001 characters long; the limit is 1,000,000/);
  });

  it('rejects dates that are not real YYYY-MM-DD dates', () => {
    for (const publishedOn of ['March 3, 2024', '2024-3-3', '2023-02-29', '2024-13-01']) {
      const problems = validateDraft({ ...good, publishedOn });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`"${publishedOn}"`);
    }
  });

  it('rejects script-bearing URL schemes, however disguised', () => {
    for (const sourceUrl of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:x', 'data:text/html,<b>', 'vbscript:x']) {
      const problems = validateDraft({ ...good, sourceUrl });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/source URL uses a "(javascript|data|vbscript):"/);
    }
    expect(validateDraft({ ...good, sourceUrl: 'www.example.com/javascript:x' })).toEqual([]);
  });

  it('rejects half a surrogate pair in any field, naming the field and where (found by lib/fuzz)', () => {
    // The database would store the half as three U+FFFD: the text, its hash and every offset after it would change.
    expect(validateDraft({ ...good, text: 'Body \ud800 more.' })).toEqual(['The text holds half of a UTF-16 surrogate pair (\\ud800) at character 6, which is not Unicode text.']);
    expect(validateDraft({ ...good, title: '\udc00' })[0]).toMatch(/^The title holds half/);
    expect(validateDraft({ ...good, author: 'A 😀 \ud83d' })[0]).toMatch(/^The author .* at character 5,/);
    expect(validateDraft({ ...good, text: 'Emoji 😀 are whole pairs.' })).toEqual([]);
  });

  it('rejects a NUL character, which PostgreSQL cannot store, on both engines alike', () => {
    expect(validateDraft({ ...good, text: 'Body\u0000 more.' })).toEqual(['The text holds a NUL character (\\u0000) at character 5, which cannot be stored.']);
    expect(validateDraft({ ...good, topic: 'a\u0000' })[0]).toMatch(/^The topic holds a NUL character/);
  });
});

describe('the preview check', () => {
  it('names a field longer than the save takes, with its length and the limit', () => {
    expect(validateDraft({ ...good, title: 't'.repeat(501) })).toEqual(['The title is too long: 501 characters, at most 500.']);
    expect(validateDraft({ ...good, sourceUrl: `https://example.org/${'a'.repeat(1990)}` })).toEqual(['The source URL is too long: 2010 characters, at most 2000.']);
    expect(validateDraft({ ...good, title: 't'.repeat(500) })).toEqual([]);
  });

  it('flags a text repeated among the chosen drafts (after the same clean-up as saving), counting articles as the page does', () => {
    const drafts = [
      { ...good, text: 'Le café ferme.' },
      { ...good, text: 'Another text.', include: false },
      // Decomposed é: the same text once stored (NFC).
      { ...good, text: 'Le cafe\u0301 ferme.' },
      { ...good, text: 'Another text.' },
    ];
    expect(previewProblems(drafts).map((p) => p.map((x) => x.message))).toEqual([[], [], ["The text is the same as Article 1's; import it once."], []]);
    // Unchosen, the repeat is no problem.
    expect(previewProblems([drafts[0]!, { ...drafts[2]!, include: false }]).flat()).toEqual([]);
  });
});
