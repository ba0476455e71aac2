import { DomainError } from '../errors';

/** The HTTP status a domain call would answer: 200 when it succeeds, else the DomainError's status. */
export async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof DomainError) return error.status;
    throw error;
  }
}
