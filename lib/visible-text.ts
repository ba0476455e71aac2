/**
 * Whether a text shows anything: `trim()` leaves zero-width characters (U+200B–U+200D, U+2060,
 * U+FEFF) and other invisible format characters, so a comment of only those would pass for
 * written and show as nothing.
 */
export function hasVisibleText(text: string): boolean {
  return /[^\s\p{Cf}]/u.test(text);
}
