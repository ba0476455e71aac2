/** The edit form's range, checked as the server will: inside the text, End after Start, some text marked. */
export function editedRangeProblem(start: number, end: number, text: { length: number; slice: (start: number, end: number) => string }): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return 'Start and End are whole numbers (character positions).';
  if (start < 0) return 'Start cannot be below 0.';
  if (end > text.length) return `End cannot be past the text's end, ${text.length}.`;
  if (end <= start) return 'End must be after Start.';
  if (text.slice(start, end).trim() === '') return 'That range covers only spaces or line breaks; a span must mark some text.';
  return null;
}
