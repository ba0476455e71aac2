// Long lists (an annotator's 3,000 spans, a review's 2,000 clusters) are shown a page at a time:
// rendering every entry costs seconds of server rendering, HTML and hydration, and nobody reads
// them all at once. Pages are fixed slices of the list in its own order.

export type PageWindow = { page: number; pageCount: number; first: number; end: number };

/** The slice of a `count`-long list that page `page` shows (clamped to the pages that exist). */
export function pageWindow(args: { count: number; pageSize: number; page: number }): PageWindow {
  if (!Number.isInteger(args.pageSize) || args.pageSize < 1) throw new Error(`pageSize must be a positive integer, got ${args.pageSize}`);
  const pageCount = Math.max(1, Math.ceil(args.count / args.pageSize));
  const page = Math.min(Math.max(0, Math.trunc(args.page) || 0), pageCount - 1);
  const first = page * args.pageSize;
  return { page, pageCount, first, end: Math.min(args.count, first + args.pageSize) };
}

/** The page that shows the entry at `index`. */
export const pageOf = (index: number, pageSize: number) => Math.floor(Math.max(0, index) / pageSize);
