import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotatorProgress, type ProgressMember, type ProgressStatus } from './annotator-progress';

const person = (id: string, role: ProgressMember['role'] = 'annotator', more: Partial<ProgressMember> = {}): ProgressMember => ({
  id,
  name: id.toUpperCase(),
  email: `${id}@x.test`,
  role,
  deleted: false,
  member: true,
  ...more,
});
const status = (userId: string, s: string, submittedAt: string | null = null): ProgressStatus => ({ userId, status: s, submittedAt: submittedAt ? new Date(submittedAt) : null });

describe('annotatorProgress', () => {
  it("counts each annotator's submitted, started and untouched articles, with the last submission, by name", () => {
    const rows = annotatorProgress({
      articles: 4,
      people: [person('ben'), person('ana'), person('rui', 'reviewer')],
      statuses: [
        status('ana', 'submitted', '2026-11-02T10:00:00Z'),
        status('ana', 'submitted', '2026-11-05T09:30:00Z'),
        status('ana', 'in_progress'),
        status('ben', 'not_started'),
      ],
    });
    expect(rows).toEqual([
      { userId: 'ana', name: 'ANA', email: 'ana@x.test', deactivated: false, member: true, submitted: 2, inProgress: 1, notStarted: 1, closed: 0, lastSubmittedAt: new Date('2026-11-05T09:30:00Z') },
      { userId: 'ben', name: 'BEN', email: 'ben@x.test', deactivated: false, member: true, submitted: 0, inProgress: 0, notStarted: 4, closed: 0, lastSubmittedAt: null },
    ]);
  });

  it('lists a reviewer or admin who annotates, and a deactivated account or a former member only when they left work behind', () => {
    const rows = annotatorProgress({
      articles: 2,
      people: [
        person('rui', 'reviewer'),
        person('ada', 'admin'),
        person('gone', 'annotator', { deleted: true }),
        person('idle', 'annotator', { deleted: true }),
        person('left', 'annotator', { member: false }),
      ],
      statuses: [status('rui', 'in_progress'), status('gone', 'submitted', '2026-10-01T00:00:00Z'), status('left', 'submitted', '2026-10-02T00:00:00Z')],
    });
    expect(rows.map((r) => [r.userId, r.deactivated, r.member, r.submitted, r.inProgress])).toEqual([
      ['gone', true, true, 1, 0],
      ['left', false, false, 1, 0],
      ['rui', false, true, 0, 1],
    ]);
  });

  it('agrees with a count article by article, for any statuses and closed reviews', () => {
    const users = ['a', 'b', 'c', 'd'];
    const cell = fc.constantFrom('submitted', 'in_progress', 'not_started', 'none');
    const article = fc.record({ closed: fc.boolean(), cells: fc.array(cell, { minLength: 4, maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(article, { maxLength: 12 }), (grid) => {
        // grid[article].cells[user]: one status per (article, user) at most, as the table's unique key allows.
        const statuses = grid.flatMap((row, a) =>
          row.cells.flatMap((s, u) => (s === 'none' ? [] : [{ ...status(users[u]!, s, s === 'submitted' ? `2026-01-${String(a + 1).padStart(2, '0')}T00:00:00Z` : null), articleId: `art-${a}` }])),
        );
        const closed = new Set(grid.flatMap((row, a) => (row.closed ? [`art-${a}`] : [])));
        const rows = annotatorProgress({ articles: grid.length, people: users.map((u) => person(u)), statuses, closed });
        expect(rows.map((r) => r.userId)).toEqual(users);
        rows.forEach((r, u) => {
          const mine = grid.map((row) => ({ s: row.cells[u], closed: row.closed }));
          expect(r.submitted).toBe(mine.filter((m) => m.s === 'submitted').length);
          expect(r.inProgress).toBe(mine.filter((m) => m.s === 'in_progress' && !m.closed).length);
          expect(r.notStarted).toBe(mine.filter((m) => (m.s === 'not_started' || m.s === 'none') && !m.closed).length);
          expect(r.closed).toBe(mine.filter((m) => m.s !== 'submitted' && m.closed).length);
          expect(r.submitted + r.inProgress + r.notStarted + r.closed).toBe(grid.length);
          const last = mine.map((m) => m.s).lastIndexOf('submitted');
          expect(r.lastSubmittedAt?.getUTCDate() ?? null).toBe(last < 0 ? null : last + 1);
        });
      }),
    );
  });
});
