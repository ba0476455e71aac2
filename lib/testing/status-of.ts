import { isBusyError } from '../database/busy';
import { DomainError } from '../errors';

/**
 * The HTTP status a domain call would answer (as lib/http.ts does): 200 when it succeeds, the
 * DomainError's status, or 503 when the database was too busy to take the change.
 */
export async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof DomainError) return error.status;
    if (isBusyError(error)) return 503;
    throw error;
  }
}
