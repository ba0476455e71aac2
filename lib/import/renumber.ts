/**
 * The server numbers the articles of a save as it received them ("Article 2 has the same text as
 * …"); the import page sends only the ticked ones, and shows every draft with its own number. This
 * puts the page's numbers back into such a message: `pageNumbers[k]` is the page's number (from 1)
 * of the k-th article sent. A number it does not know is left as it is, and so is anything inside
 * “…”, where the server quotes titles (a title may say "Article 5" itself).
 */
export function renumberArticles(message: string, pageNumbers: readonly number[]): string {
  return message.replace(/“[^”]*”|\b(Article|article) (\d+)\b/g, (whole, word: string | undefined, n: string | undefined) => {
    if (word === undefined || n === undefined) return whole;
    const shown = pageNumbers[Number(n) - 1];
    return shown === undefined ? whole : `${word} ${shown}`;
  });
}
