/** "1 article", "3 articles", "1,200 spans": a count with its noun, for English messages. */
export function plural(count: number, noun: string, nounPlural = `${noun}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? noun : nounPlural}`;
}

/** "A", "A and B", "A, B and C". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
