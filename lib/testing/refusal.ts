import { expect } from 'vitest';
import type { DatasetOutcome } from '../datasets/import';
import { DomainError } from '../errors';

/** The DomainError an import answers with, its outcome attached; fails the test if it succeeds. */
export async function refusal(attempt: Promise<unknown>): Promise<DomainError & { details: DatasetOutcome }> {
  const error = await attempt.then(
    () => new Error('the import was expected to be refused'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError & { details: DatasetOutcome };
}
