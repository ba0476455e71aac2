import { z } from 'zod';

// Errors that carry the HTTP status they mean, so route handlers and server actions answer
// alike: 401 no session, 403 wrong role, 404 not visible, 409 stale version, 413 too large,
// 422 invalid input.
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422,
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

export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalid(describeZodError(result.error), result.error.issues);
  return result.data;
}
