/*
 * Where JSON text goes wrong, and why, in words for the person who has to fix the file. JSON.parse
 * says neither well: Node 20 gives no position for an unexpected token ("Unexpected token ']',
 * ..."b":2},\n]" is not valid JSON", a raw piece of the file instead), and its wording names the
 * parser's expectations, not the usual mistakes (a trailing comma, single quotes, NaN, a comment).
 * Only called on text JSON.parse refused, so it need not be fast.
 */

export type JsonSyntaxError = {
  /** UTF-16 index of the first character that makes the text invalid (the text's length when it ends too early). */
  at: number;
  reason: string;
};

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
/** Values other languages write that JSON has no word for. */
const NOT_JSON_VALUES: Record<string, string> = {
  NaN: 'NaN is not a JSON value; write null or a number',
  Infinity: 'Infinity is not a JSON value; write null or a number',
  undefined: 'undefined is not a JSON value; write null or leave the field out',
  None: 'None is not a JSON value; write null',
  True: 'True is not a JSON value; write true',
  False: 'False is not a JSON value; write false',
};

/** What stands at `i`, for a message: `']'`, `'N'`, or "the end of the text". */
function shown(text: string, i: number): string {
  if (i >= text.length) return 'the end of the text';
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  return /[\s\p{C}]/u.test(ch) ? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : `'${ch}'`;
}

type Frame = { kind: 'array' | 'object'; open: number };

const CUT_OFF = 'the text ends before every array and object is closed (was the file cut off?)';

/**
 * The first syntax error in `text` (one JSON value, surrounded by whitespace), or undefined when
 * there is none. Iterative: a file may nest deeper than the call stack.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const stack: Frame[] = [];
  const fail = (at: number, reason: string): JsonSyntaxError => ({ at, reason });
  const skipSpace = (): JsonSyntaxError | undefined => {
    while (i < text.length && WHITESPACE.has(text[i]!)) i++;
    return text.startsWith('//', i) || text.startsWith('/*', i) ? fail(i, 'comments are not allowed in JSON') : undefined;
  };

  /** A string at `i` (which is '"'); moves past it. */
  const string = (): JsonSyntaxError | undefined => {
    const open = i;
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail(i, '\\u must be followed by four hexadecimal digits');
          i += 6;
        } else if (e !== undefined && ESCAPES.has(e)) i += 2;
        else return fail(i, `${e === undefined ? 'a backslash at the end' : `\\${e} is not a JSON escape`}; write a backslash as \\\\`);
        continue;
      }
      if (c === '\n' || c === '\r') return fail(i, 'a line break inside a string; write it as \\n');
      if (c.charCodeAt(0) < 0x20) return fail(i, `a control character (${shown(text, i)}) inside a string; write it as an escape such as \\t`);
      i++;
    }
    return fail(open, 'a string that is never closed (no ending ")');
  };

  /** A value that is not an array or object, at `i`; moves past it. */
  const scalar = (): JsonSyntaxError | undefined => {
    const c = text[i];
    if (c === '"') return string();
    if (c === "'") return fail(i, 'single quotes; JSON strings use double quotes');
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    const word = /^-?[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 100))?.[0];
    if (word !== undefined) {
      if (word === 'true' || word === 'false' || word === 'null') {
        i += word.length;
        return undefined;
      }
      const bare = word.replace(/^-/, '');
      return fail(i, NOT_JSON_VALUES[bare] ?? `${word} is not a JSON value; put text in double quotes`);
    }
    if (number && !/^[.\deE+-]/.test(text[i + number[0].length] ?? '')) {
      i += number[0].length;
      return undefined;
    }
    if (number || c === '.' || c === '+' || (c !== undefined && /\d/.test(c))) return fail(i, 'not a valid JSON number');
    return fail(i, i >= text.length ? 'the text is empty' : `${shown(text, i)} where a value should be`);
  };

  /** An object's key and its colon, at `i`; leaves `i` at the value. */
  const key = (): JsonSyntaxError | undefined => {
    const c = text[i];
    if (c === "'") return fail(i, 'single quotes; JSON names fields in double quotes');
    if (c !== '"') {
      if (c !== undefined && /[A-Za-z_$]/.test(c)) return fail(i, 'a field name without quotes; JSON names fields in double quotes');
      return fail(i, i >= text.length ? CUT_OFF : `${shown(text, i)} where a field name in double quotes should be`);
    }
    const problem = string() ?? skipSpace();
    if (problem) return problem;
    if (text[i] !== ':') return fail(i, i >= text.length ? CUT_OFF : `${shown(text, i)} where ':' should be, after the field name`);
    i++;
    return skipSpace();
  };

  let problem = skipSpace();
  if (problem) return problem;
  // Each turn reads one value at `i`, opening a frame for an array or object, then what follows it.
  for (;;) {
    const c = text[i];
    if (c === '[' || c === '{') {
      const kind = c === '[' ? 'array' : 'object';
      stack.push({ kind, open: i });
      i++;
      if ((problem = skipSpace())) return problem;
      if (text[i] !== (kind === 'array' ? ']' : '}')) {
        if (kind === 'object' && (problem = key())) return problem;
        // The first element or field value.
        continue;
      }
      stack.pop();
      i++;
    } else if (i >= text.length && stack.length) {
      return fail(i, CUT_OFF);
    } else if ((problem = scalar())) return problem;

    // After a value: a comma and the next one, the end of the array or object, or the end of the text.
    for (;;) {
      if ((problem = skipSpace())) return problem;
      const frame = stack[stack.length - 1];
      if (!frame) return i < text.length ? fail(i, `${shown(text, i)} after the end of the JSON value`) : undefined;
      const close = frame.kind === 'array' ? ']' : '}';
      if (text[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ',') return fail(i, i >= text.length ? CUT_OFF : `${shown(text, i)} where ',' or '${close}' should be (a missing comma?)`);
      const comma = i;
      i++;
      if ((problem = skipSpace())) return problem;
      if (text[i] === close) return fail(comma, `a comma before '${close}'; JSON allows none after the last ${frame.kind === 'array' ? 'element' : 'field'}`);
      if (frame.kind === 'object' && (problem = key())) return problem;
      break;
    }
  }
}

/**
 * Why JSON.parse refused `text`, as a short reason and, where known, the UTF-16 index of the fault.
 * Node's own message is the fallback, without the piece of the file it quotes.
 */
export function jsonErrorReason(text: string, error: unknown): { at?: number; reason: string } {
  const found = findJsonSyntaxError(text);
  if (found) return found;
  const message = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(message);
  const reason = message
    .replace(/^Unexpected token (.+?), .*is not valid JSON$/s, 'unexpected token $1')
    .replace(/ in JSON at position \d+.*$/s, '');
  return at ? { at: Number(at[1]), reason } : { reason };
}
