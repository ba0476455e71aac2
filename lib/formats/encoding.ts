const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * JSON.stringify with U+0085, U+2028 and U+2029 escaped. They are legal unescaped in JSON, but
 * Python's `str.splitlines()` (and some editors) break lines at them, which would cut a JSONL
 * record in two. The escaped form parses to the same string.
 */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\u0085\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Code points Python's `str.splitlines()` treats as line ends. Line-based formats (brat .ann,
 * CoNLL comments) must keep them out of a line, or a Python reader sees extra lines.
 */
export const LINE_BREAK = /[\n\v\f\r\u001c-\u001e\u0085\u2028\u2029]/;

export function isLineBreak(ch: string): boolean {
  return ch.length === 1 && LINE_BREAK.test(ch);
}

/** One-line text for comments and headers: each run of line breaks becomes one space. */
export function oneLine(text: string): string {
  return text.replace(new RegExp(`(?:${LINE_BREAK.source})+`, 'g'), ' ');
}

/**
 * Escapes a value so it fits in the last field of a tab-separated line and can be restored
 * exactly: backslash becomes `\\`, newline, carriage return and tab become `\n`, `\r`, `\t`, other
 * line breaks `\uXXXX`. (Tabs are legal there, but readers that split on every tab would cut the value.)
 */
export function escapeLine(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(new RegExp(`${LINE_BREAK.source}|\t`, 'g'), (ch) =>
    ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : ch === '\t' ? '\\t' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Inverse of `escapeLine`. */
export function unescapeLine(text: string): string {
  return text.replace(/\\(\\|n|r|t|u[0-9a-f]{4})/g, (_, esc: string) =>
    esc === '\\' ? '\\' : esc === 'n' ? '\n' : esc === 'r' ? '\r' : esc === 't' ? '\t' : String.fromCharCode(parseInt(esc.slice(1), 16)),
  );
}
