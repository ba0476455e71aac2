/** Popups (the label toolbar, the nested-span chooser) keep this far from the window's edges. */
const MARGIN = 8;

/**
 * The left edge of a popup at most `width` px wide that wants to start at `x`, so that all of it
 * stays inside a window `viewport` px wide (on a phone it may have to be narrower: CSS caps it).
 */
export function popupLeft(x: number, width: number, viewport: number): number {
  const shown = Math.min(width, viewport - 2 * MARGIN);
  return Math.max(MARGIN, Math.min(x, viewport - MARGIN - shown));
}
