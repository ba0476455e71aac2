import { z } from 'zod';
import { isIsoDate } from '../import/dates';

// The audit trail page's filters, read from its URL: who, which article, which project, what kind
// of record, and a
// date range in UTC days (both ends included). A cursor pages back through older events.

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use the form YYYY-MM-DD')
  .refine(isIsoDate, 'is not a calendar date');

/** A cursor's time must be one an event can have: Date would take "2024-99-99T1Z" as Invalid Date. */
const cursorTime = (cursor: string) => {
  const at = new Date(cursor.slice(0, cursor.indexOf('_')));
  return !Number.isNaN(at.getTime()) && at.toISOString() === cursor.slice(0, cursor.indexOf('_'));
};

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const filterSchema = z.object({
  user: optional(z.string().max(200)),
  article: optional(z.string().trim().max(500)),
  project: optional(z.string().max(200)),
  kind: optional(z.enum(['span', 'article', 'project', 'user', 'membership', 'annotation-status'])),
  from: optional(day),
  to: optional(day),
  before: optional(z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[\w-]+$/, 'is not a page cursor').refine(cursorTime, 'is not a page cursor')),
});

export type AuditFilters = z.infer<typeof filterSchema>;

/** The command line (npm run slant) acts without a user; the filter names it so. */
export const COMMAND_LINE = 'command-line';

export type ParsedFilters = { filters: AuditFilters; problems: string[] };

/** Reads filters from search params; a bad value is dropped and named, never a crash. */
export function parseAuditFilters(params: Record<string, string | string[] | undefined>): ParsedFilters {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const problems: string[] = [];
  const filters: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(filterSchema.shape)) {
    const result = (schema as z.ZodType).safeParse(flat[key]);
    if (result.success) {
      if (result.data !== undefined) filters[key] = result.data;
    } else {
      problems.push(`${key}: ${result.error.issues.map((i) => i.message).join(', ')}`);
    }
  }
  const parsed = filters as AuditFilters;
  if (parsed.from && parsed.to && parsed.from > parsed.to) {
    // Ignored as the page says: both days dropped, rather than a range no event can fall in.
    problems.push(`from: ${parsed.from} is after to: ${parsed.to}`);
    delete parsed.from;
    delete parsed.to;
  }
  return { filters: parsed, problems };
}

/** The createdAt range the day filters mean: [from 00:00 UTC, the day after `to` 00:00 UTC). */
export function dateRange(filters: AuditFilters): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (filters.from) range.gte = new Date(`${filters.from}T00:00:00Z`);
  if (filters.to) range.lt = new Date(Date.parse(`${filters.to}T00:00:00Z`) + 24 * 3600 * 1000);
  return range;
}

export function encodeCursor(event: { createdAt: Date; id: string }): string {
  return `${event.createdAt.toISOString()}_${event.id}`;
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const at = cursor.indexOf('_');
  return { createdAt: new Date(cursor.slice(0, at)), id: cursor.slice(at + 1) };
}
