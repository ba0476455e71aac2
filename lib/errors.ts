import { z } from 'zod';

// Errors that carry the HTTP status they mean, so route handlers and server actions answer
// alike: 401 no session, 403 wrong role, 404 not visible, 409 stale version, 413 too large,
// 422 invalid input, 429 too many attempts, 503 busy (nothing saved, try again).
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 503,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError(404, `${what} not found.`);
export const conflict = (message: string, current?: unknown) => new DomainError(409, message, { current });
export const invalid = (message: string, details?: unknown) => new DomainError(422, message, details);

/** Readable one-line summary of zod issues, naming each field. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : 'input';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What makes a string unstorable, or null when nothing does:
 * - half of a UTF-16 surrogate pair (a JSON "\ud800" escape on its own) is not Unicode text: the
 *   database would store it as three U+FFFD, changing the text and every offset after it;
 * - a NUL character (U+0000): PostgreSQL cannot store it in text at all, so the same input would
 *   be kept on SQLite and fail on PostgreSQL.
 */
export function describeUnstorableText(text: string): string | null {
  const nul = text.indexOf('\u0000');
  const match = LONE_SURROGATE.exec(text);
  if (nul >= 0 && (!match || nul < match.index)) {
    return `holds a NUL character (\\u0000) at character ${Array.from(text.slice(0, nul)).length + 1}, which cannot be stored`;
  }
  if (!match) return null;
  const unit = match[0].charCodeAt(0).toString(16);
  const at = Array.from(text.slice(0, match.index)).length + 1;
  return `holds half of a UTF-16 surrogate pair (\\u${unit}) at character ${at}, which is not Unicode text`;
}

type Node = { value: unknown; key?: string; parent?: Node };

/** The keys leading to `node`; a very deep path shows only its ends, so the message stays readable. */
function pathOf(node: Node): string[] {
  const keys: string[] = [];
  for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) keys.push(n.key);
  keys.reverse();
  return keys.length > 8 ? [...keys.slice(0, 4), `…(${keys.length - 6} more)…`, ...keys.slice(-2)] : keys;
}

/**
 * The first string or key in `input` that cannot be stored (`describeUnstorableText`), named by its path. Iterative,
 * with paths built only for the answer: parsed JSON may nest far deeper than the call stack.
 */
function unstorableTextIn(input: unknown): string | null {
  const stack: Node[] = [{ value: input }];
  while (stack.length) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      const problem = describeUnstorableText(value);
      if (problem) return `${pathOf(node).join('.') || 'input'}: ${problem}`;
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const problem = describeUnstorableText(key);
        if (problem) return `${[...pathOf(node), JSON.stringify(key)].join('.')}: the key ${problem}`;
        stack.push({ value: child, key, parent: node });
      }
    }
  }
  return null;
}

export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  // Before the schema: a string the database cannot store as sent must not reach it, whatever the field.
  const unstorable = unstorableTextIn(input);
  if (unstorable) throw invalid(`${unstorable}; send well-formed text.`);
  const result = schema.safeParse(input);
  if (!result.success) throw invalid(describeZodError(result.error), result.error.issues);
  return result.data;
}
