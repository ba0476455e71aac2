import { z } from 'zod';

/**
 * Records carry a version for optimistic concurrency; PostgreSQL stores it as a 4-byte integer.
 * A larger number can never match a record, and sent to the database it would be an error
 * rather than "this record has changed", so the schemas stop it first.
 */
export const MAX_VERSION = 2_147_483_647;

/** A version in a JSON body. */
export const versionField = z.number().int().min(1).max(MAX_VERSION);

/** A version from a form field (text). */
export const formVersionField = z.coerce.number().int().min(1).max(MAX_VERSION);
