import { describe, expect, it } from 'vitest';
import { renumberArticles } from './renumber';

describe('renumberArticles', () => {
  it("puts the page's numbers into the server's message, wherever an article is named", () => {
    // Articles 2, 5 and 6 of the page were sent (1, 3 and 4 unticked).
    const message = 'Article 2 has the same text as “Budget”, already in this project.\nArticle 3 (“Ferry”) has the same text as article 1; import it once.';
    expect(renumberArticles(message, [2, 5, 6])).toBe(
      'Article 5 has the same text as “Budget”, already in this project.\nArticle 6 (“Ferry”) has the same text as article 2; import it once.',
    );
  });

  it('leaves titles alone, even one that names an article', () => {
    expect(renumberArticles('Article 1 has the same text as “Article 2 of the treaty”, already in this project.', [4, 9])).toBe(
      'Article 4 has the same text as “Article 2 of the treaty”, already in this project.',
    );
  });

  it('leaves numbers it does not know, and other numbers, as they are', () => {
    expect(renumberArticles('Article 9: the text is longer than 200,000 characters.', [1, 2])).toBe('Article 9: the text is longer than 200,000 characters.');
    expect(renumberArticles('Articles 2 and 3 were not saved.', [7, 8, 9])).toBe('Articles 2 and 3 were not saved.');
  });
});
