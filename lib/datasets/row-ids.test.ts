import { describe, expect, it } from 'vitest';
import { COUNTER_SPACE, newRowId, rowIdMaker } from './row-ids';

/** Where a list of ids is not strictly increasing (so not all different), or 'in order'. */
function order(ids: string[]): string {
  const at = ids.findIndex((id, i) => i > 0 && !(ids[i - 1]! < id));
  return at === -1 ? 'in order' : `${ids[at - 1]} before ${ids[at]}`;
}

describe('row ids', () => {
  it('look like Prisma cuids and sort in the order they were made, so no two are alike', () => {
    const ids = Array.from({ length: 50_000 }, () => newRowId());
    for (const id of [ids[0]!, ids[1000]!, ids.at(-1)!]) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    expect(order(ids)).toBe('in order');
  });

  it('stay in order when the counter starts over within a millisecond', () => {
    const next = rowIdMaker(COUNTER_SPACE - 5);
    const ids = Array.from({ length: 20 }, () => next());
    expect(ids.map((id) => id.slice(9, 13))).toContain('0000');
    expect(order(ids)).toBe('in order');
  });
});
