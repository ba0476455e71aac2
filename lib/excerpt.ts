/** A passage cut to at most `max` characters for a list, a menu or an announcement, with "…" where it was cut. */
export function excerpt(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}…` : text;
}
