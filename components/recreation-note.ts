/**
 * Notes a page leaves for its own next version. Submitting an article or closing a review makes the
 * page re-create its client part (it is keyed on the status or version), and what the old part
 * knew, such as which button had the focus, goes with it. The action leaves a note under the
 * article's id, and the new part reads it when it mounts. A note older than `MAX_AGE_MS` was left
 * by a change whose page never came back (the user went elsewhere), and is dropped, so it cannot
 * take the focus on some later visit.
 */
const MAX_AGE_MS = 15_000;

export function recreationNotes<T>() {
  const notes = new Map<string, { value: T; at: number }>();
  const read = (key: string): T | undefined => {
    const note = notes.get(key);
    if (note && Date.now() - note.at > MAX_AGE_MS) notes.delete(key);
    return notes.get(key)?.value;
  };
  return {
    leave: (key: string, value: T) => void notes.set(key, { value, at: Date.now() }),
    /** The note, left in place (for a second reader). */
    peek: read,
    /** The note, removed. */
    take: (key: string): T | undefined => {
      const value = read(key);
      notes.delete(key);
      return value;
    },
    drop: (key: string) => void notes.delete(key),
  };
}
