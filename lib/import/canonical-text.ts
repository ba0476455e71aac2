// No Node modules here: the import page's preview checks drafts in the browser with it.

/**
 * The one normalisation every stored body goes through, so that hashes and
 * annotation offsets are stable regardless of how the text reached us.
 * Deliberately minimal: anything more (trimming, NBSP folding) would move
 * offsets and change what annotators see.
 */
export function canonicalText(raw: string): string {
  const withoutBom = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return withoutBom.replace(/\r\n?/g, '\n').normalize('NFC');
}

/** Metadata fields are shown in single-line inputs, so any whitespace run (NBSP included) becomes one space. */
export function oneLine(value: string): string {
  return canonicalText(value).replace(/\s+/gu, ' ').trim();
}
