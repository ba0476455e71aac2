/** "1 article", "3 articles", "1,200 spans": a count with its noun, for English messages. */
export function plural(count: number, noun: string, nounPlural = `${noun}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? noun : nounPlural}`;
}
