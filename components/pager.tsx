import { useCallback, useState } from 'react';
import { pageOf, pageWindow, type PageWindow } from '@/lib/paging';

/** A page of a long list, with a way to turn pages and to show the page of a given entry. */
export function usePagedList(count: number, pageSize: number) {
  const [page, setPage] = useState(0);
  const shown = pageWindow({ count, pageSize, page });
  const show = useCallback((index: number) => setPage(pageOf(index, pageSize)), [pageSize]);
  return { shown, setPage, show };
}

/** Previous / next buttons and "101–200 of 3,000" for a paged list; nothing when one page holds it all. */
export function Pager({ shown, count, label, onPage }: { shown: PageWindow; count: number; label: string; onPage: (page: number) => void }) {
  if (shown.pageCount <= 1) return null;
  const n = (v: number) => v.toLocaleString('en');
  return (
    <nav className="pager row" aria-label={label}>
      {/* aria-disabled, not disabled: reaching the first or last page must not drop the focus to the page's top (decision 012). */}
      <button type="button" className="button small" aria-disabled={shown.page === 0} onClick={() => shown.page > 0 && onPage(shown.page - 1)}>
        Previous
      </button>
      <span className="muted" aria-live="polite">
        {n(shown.first + 1)}–{n(shown.end)} of {n(count)}
      </span>
      <button
        type="button"
        className="button small"
        aria-disabled={shown.page >= shown.pageCount - 1}
        onClick={() => shown.page < shown.pageCount - 1 && onPage(shown.page + 1)}
      >
        Next
      </button>
    </nav>
  );
}
