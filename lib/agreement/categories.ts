import { LABELS } from '../labels';

/** Category of a unit that no span covers. */
export const NONE = 'none';

const KNOWN: readonly string[] = LABELS;

/** Known labels first in `LABELS` order, then `NONE`, then anything else by code unit order. */
export function compareCategories(a: string, b: string): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function rank(category: string): number {
  const i = KNOWN.indexOf(category);
  if (i >= 0) return i;
  return category === NONE ? KNOWN.length : KNOWN.length + 1;
}

export function sortCategories(categories: Iterable<string>): string[] {
  return [...new Set(categories)].sort(compareCategories);
}
