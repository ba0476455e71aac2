import { describe, expect, it } from 'vitest';
import { dateRange, decodeCursor, encodeCursor, parseAuditFilters } from './filters';

describe('audit trail filters', () => {
  it('reads user, article, project, kind and a date range, ignoring empty fields', () => {
    const { filters, problems } = parseAuditFilters({ user: 'u1', article: ' Bridge ', project: '', kind: 'span', from: '2026-11-01', to: '2026-11-27' });
    expect(problems).toEqual([]);
    expect(filters).toEqual({ user: 'u1', article: 'Bridge', kind: 'span', from: '2026-11-01', to: '2026-11-27' });
  });

  it('names each bad value and drops it instead of failing', () => {
    const { filters, problems } = parseAuditFilters({ from: 'yesterday', to: '2026-02-31x', kind: 'planet', before: 'garbage' });
    expect(filters).toEqual({});
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^kind: /);
    expect(problems.join(' ')).toMatch(/from: use the form YYYY-MM-DD/);
    expect(problems.join(' ')).toMatch(/before: is not a page cursor/);
  });

  it('refuses a day that is no calendar date, and a cursor whose time is no real time (it would reach the query as Invalid Date)', () => {
    expect(parseAuditFilters({ from: '2024-02-31' }).problems).toEqual(['from: is not a calendar date']);
    expect(parseAuditFilters({ from: '2024-02-29' }).problems).toEqual([]);
    const bad = parseAuditFilters({ before: '2024-99-99T1Z_x' });
    expect(bad.filters).toEqual({});
    expect(bad.problems).toEqual(['before: is not a page cursor']);
  });

  it('says when the range is reversed', () => {
    const reversed = parseAuditFilters({ from: '2026-11-27', to: '2026-11-01' });
    expect(reversed.problems).toEqual(['from: 2026-11-27 is after to: 2026-11-01']);
    // Listed as ignored, and ignored: no range is applied.
    expect(reversed.filters).toEqual({});
    expect(dateRange(reversed.filters)).toEqual({});
  });

  it('includes the whole "to" day, in UTC', () => {
    const range = dateRange({ from: '2026-11-01', to: '2026-11-01' });
    expect(range.gte?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(range.lt?.toISOString()).toBe('2026-11-02T00:00:00.000Z');
  });

  it('round-trips a page cursor', () => {
    const event = { createdAt: new Date('2026-11-27T10:11:12.345Z'), id: 'cmabc_12' };
    const cursor = encodeCursor(event);
    expect(parseAuditFilters({ before: cursor }).filters.before).toBe(cursor);
    expect(decodeCursor(cursor)).toEqual(event);
  });
});
