import 'server-only';
import { BUSY_MESSAGE, isBusyError } from './database/busy';
import { DomainError } from './errors';

/** What a server action answers when it refuses: the message for the form and the HTTP-like status. */
export type ActionError = { error: string; status: number };
export type ActionState = { error?: string; status?: number; ok?: string };

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
    if (error instanceof DomainError) return { error: error.message, status: error.status };
    if (isBusyError(error)) return { error: BUSY_MESSAGE, status: 503 };
    throw error;
  }
}
