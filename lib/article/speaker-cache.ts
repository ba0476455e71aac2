import { MAX_SPEAKER_SUGGESTIONS, mergeSuggestions, namesInText } from './speakers';

// Finding the names in an article is a pass over its whole text (about 100 ms for 60,000 words),
// and the text never changes once anyone has annotated it: the annotation page remembers the
// names per text hash instead of finding them again on every visit.

const CACHED_ARTICLES = 200;
// `known` can only push text names out of the suggestions, so fewer than 2 × the limit never matter.
const KEPT_NAMES = 2 * MAX_SPEAKER_SUGGESTIONS;
const namesByHash = new Map<string, string[]>();

function cachedNames(article: { text: string; textHash: string }): string[] {
  const hit = namesByHash.get(article.textHash);
  if (hit) {
    // Most recently used last, so the oldest entry is the one to drop.
    namesByHash.delete(article.textHash);
    namesByHash.set(article.textHash, hit);
    return hit;
  }
  const names = namesInText(article.text).slice(0, KEPT_NAMES);
  namesByHash.set(article.textHash, names);
  if (namesByHash.size > CACHED_ARTICLES) namesByHash.delete(namesByHash.keys().next().value!);
  return names;
}

/** suggestSpeakers for a stored article, with the names in its text remembered by text hash. */
export function suggestSpeakersFor(article: { text: string; textHash: string }, known: string[]): string[] {
  return mergeSuggestions(known, cachedNames(article));
}
