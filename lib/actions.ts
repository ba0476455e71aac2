import 'server-only';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { BUSY_MESSAGE, isBusyError } from './database/busy';
import { DomainError } from './errors';
import { MAX_VERSION } from './versions';

/** What a server action answers when it refuses: the message for the form and the HTTP-like status. */
export type ActionError = { error: string; status: number; fields?: string[] };
export type ActionState = { error?: string; status?: number; ok?: string; fields?: string[] };

/**
 * Runs a server action's whole body, the session and role checks included, and turns a
 * DomainError (401, 403, 404, 409, 422 …) into `{ error, status }` for the form to show, and a
 * database too busy to take the change into 503 with a message to try again. Anything
 * else, including Next's redirect signal, propagates.
 */
export async function actionResult<T extends object>(fn: () => Promise<T>): Promise<T | ActionError> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError) {
      const fields = fieldsOf(error.details);
      return fields.length ? { error: error.message, status: error.status, fields } : { error: error.message, status: error.status };
    }
    if (isBusyError(error)) return { error: BUSY_MESSAGE, status: 503 };
    throw error;
  }
}

/**
 * Revalidates `path` after an action, refused or not (after a 409 a stale form then shows the
 * current record), except when the session has ended: the page would then be re-rendered
 * signed out, which sends the person to the sign-in page and loses what they typed. The form shows
 * the 401's message instead, and keeps its fields for them to save again once signed in.
 */
export function revalidateUnlessSignedOut(state: object, path: string, type?: 'layout' | 'page'): void {
  if ('status' in state && state.status === 401) return;
  revalidatePath(path, type);
}

/*
 * A server action's arguments come from the client as they are: the ids a page bound into it can
 * be replaced by anything a request carries (an object, a number, nothing). Each action checks
 * them before any query, so a forged argument is a 422 naming it, never a query that picks a
 * record nobody named.
 */
const idSchema = z.string().min(1).max(200).regex(/^[^\u0000-\u001f]+$/);

/** An id argument (`name` says which, for the message). */
export function idArgument(value: unknown, name: string): string {
  const parsed = idSchema.safeParse(value);
  if (!parsed.success) throw new DomainError(422, `${name} must be an id (a short string), not ${describe(value)}.`);
  return parsed.data;
}

/** A record version argument: a whole number the database can hold. */
export function versionArgument(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_VERSION) {
    throw new DomainError(422, `version must be a whole number, not ${describe(value)}.`);
  }
  return value;
}

/** One of a fixed set of values. */
export function choiceArgument<T extends string>(value: unknown, choices: readonly T[], name: string): T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  throw new DomainError(422, `${name} must be one of ${choices.join(', ')}, not ${describe(value)}.`);
}

/** The form a form action was posted with. */
export function formArgument(value: unknown): FormData {
  if (value instanceof FormData) return value;
  throw new DomainError(422, 'The action expects a form.');
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : JSON.stringify(value);
  if (value === null || value === undefined) return 'nothing';
  return typeof value === 'object' ? (Array.isArray(value) ? 'a list' : 'an object') : `a ${typeof value}`;
}

/**
 * The input fields a refusal names (the first step of each zod issue's path), so the form can mark
 * them invalid and tie the message to them. Nothing for refusals that name no field.
 */
export function fieldsOf(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  const fields = details.flatMap((issue) => {
    const first = (issue as { path?: unknown[] } | null)?.path?.[0];
    return typeof first === 'string' ? [first] : [];
  });
  return [...new Set(fields)];
}
