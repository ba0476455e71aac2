/**
 * Why a file is not readable as UTF-8, as a message after its name: with a hint when its bytes show
 * UTF-16 (a byte order mark, or a NUL in every other byte of ASCII text), the usual mistake with
 * files saved by Windows tools.
 */
export function notUtf8Message(content: Uint8Array | string): string {
  return `the file is not readable UTF-8 text${looksLikeUtf16(content) ? ' (it looks like UTF-16; save it as UTF-8)' : ''}`;
}

export function looksLikeUtf16(content: Uint8Array | string): boolean {
  if (typeof content === 'string' || content.length < 2) return false;
  if ((content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff)) return true;
  // Without a mark: ASCII letters with a NUL beside each, in the first bytes.
  const head = content.subarray(0, 64);
  let nulAtOdd = 0;
  let nulAtEven = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 0) (i % 2 ? nulAtOdd++ : nulAtEven++);
  const pairs = Math.floor(head.length / 2);
  return pairs >= 4 && (nulAtOdd >= pairs * 0.75 || nulAtEven >= pairs * 0.75);
}
