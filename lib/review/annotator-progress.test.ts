import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotatorProgress, type ProgressMember, type ProgressStatus } from './annotator-progress';

const member = (id: string, role: ProgressMember['role'] = 'annotator', deleted = false): ProgressMember => ({ id, name: id.toUpperCase(), email: `${id}@x.test`, role, deleted });
const status = (userId: string, s: string, submittedAt: string | null = null): ProgressStatus => ({ userId, status: s, submittedAt: submittedAt ? new Date(submittedAt) : null });

describe('annotatorProgress', () => {
  it('counts each annotator\'s submitted, started and untouched articles, with the last submission, by name', () => {
    const rows = annotatorProgress({
      articles: 4,
      members: [member('ben'), member('ana'), member('rui', 'reviewer')],
      statuses: [
        status('ana', 'submitted', '2026-11-02T10:00:00Z'),
        status('ana', 'submitted', '2026-11-05T09:30:00Z'),
        status('ana', 'in_progress'),
        status('ben', 'not_started'),
      ],
    });
    expect(rows).toEqual([
      { userId: 'ana', name: 'ANA', email: 'ana@x.test', deactivated: false, submitted: 2, inProgress: 1, notStarted: 1, lastSubmittedAt: new Date('2026-11-05T09:30:00Z') },
      { userId: 'ben', name: 'BEN', email: 'ben@x.test', deactivated: false, submitted: 0, inProgress: 0, notStarted: 4, lastSubmittedAt: null },
    ]);
  });

  it('lists a reviewer or admin who annotates, and a deactivated account only when it left work behind', () => {
    const rows = annotatorProgress({
      articles: 2,
      members: [member('rui', 'reviewer'), member('ada', 'admin'), member('gone', 'annotator', true), member('left', 'annotator', true)],
      statuses: [status('rui', 'in_progress'), status('gone', 'submitted', '2026-10-01T00:00:00Z'), status('outsider', 'submitted', '2026-10-01T00:00:00Z')],
    });
    expect(rows.map((r) => [r.userId, r.deactivated, r.submitted, r.inProgress])).toEqual([
      ['gone', true, 1, 0],
      ['rui', false, 0, 1],
    ]);
  });

  it('always adds up to the number of articles for each row', () => {
    const states = fc.constantFrom('submitted', 'in_progress', 'not_started');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), states), { maxLength: 30 }), (pairs) => {
        // One status per (user, article): the articles are the pairs' positions per user.
        const perUser = new Map<string, number>();
        const statuses = pairs.map(([u, s]) => {
          perUser.set(u, (perUser.get(u) ?? 0) + 1);
          return status(u, s, s === 'submitted' ? '2026-01-01T00:00:00Z' : null);
        });
        const articles = Math.max(0, ...perUser.values());
        for (const row of annotatorProgress({ articles, members: [member('a'), member('b'), member('c')], statuses })) {
          expect(row.submitted + row.inProgress + row.notStarted).toBe(articles);
          expect(row.submitted).toBe(pairs.filter(([u, s]) => u === row.userId && s === 'submitted').length);
        }
      }),
    );
  });
});
