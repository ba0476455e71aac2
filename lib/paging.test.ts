import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageOf, pageWindow } from './paging';

describe('pageWindow', () => {
  it('slices the list into pages of pageSize, the last one shorter', () => {
    expect(pageWindow({ count: 250, pageSize: 100, page: 0 })).toEqual({ page: 0, pageCount: 3, first: 0, end: 100 });
    expect(pageWindow({ count: 250, pageSize: 100, page: 2 })).toEqual({ page: 2, pageCount: 3, first: 200, end: 250 });
  });

  it('clamps a page that no longer exists (the list shrank) to the last one, and an empty list has one empty page', () => {
    expect(pageWindow({ count: 150, pageSize: 100, page: 5 })).toEqual({ page: 1, pageCount: 2, first: 100, end: 150 });
    expect(pageWindow({ count: 0, pageSize: 100, page: 3 })).toEqual({ page: 0, pageCount: 1, first: 0, end: 0 });
    expect(pageWindow({ count: 10, pageSize: 100, page: -2 })).toEqual({ page: 0, pageCount: 1, first: 0, end: 10 });
  });

  it('refuses a page size that is not a positive integer', () => {
    expect(() => pageWindow({ count: 10, pageSize: 0, page: 0 })).toThrow(/pageSize/);
    expect(() => pageWindow({ count: 10, pageSize: 2.5, page: 0 })).toThrow(/pageSize/);
  });

  it('shows every entry on exactly one page, and pageOf finds it', () => {
    fc.assert(
      fc.property(fc.nat(2_000), fc.integer({ min: 1, max: 150 }), (count, pageSize) => {
        const { pageCount } = pageWindow({ count, pageSize, page: 0 });
        let shown = 0;
        for (let page = 0; page < pageCount; page++) {
          const w = pageWindow({ count, pageSize, page });
          expect(w.first).toBe(shown);
          shown = w.end;
        }
        expect(shown).toBe(count);
        for (const index of [0, Math.floor(count / 2), count - 1].filter((i) => i >= 0 && i < count)) {
          const w = pageWindow({ count, pageSize, page: pageOf(index, pageSize) });
          expect(index >= w.first && index < w.end).toBe(true);
        }
      }),
    );
  });
});
