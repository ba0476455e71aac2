import { LABELS, type Label } from '@/lib/labels';
import { HIGHLIGHT_NAMES, PAINTED_MARK } from './highlights';

// Highlights painted while the page is still loading: public/early-paint.js, placed after the
// article in the server-rendered HTML, registers the spans with the CSS Custom Highlight API as
// soon as the text is parsed, before the JavaScript bundles have loaded and React has hydrated.
// React then takes over and paints the same ranges (highlights.ts).

type Paintable = { label: Label; start: number; end: number };

/** URL of the painter script, served from public/: versioned by its content hash (next.config.ts), cached for good. */
export const EARLY_PAINT_SRC = `/early-paint.js?v=${process.env.SLANT_EARLY_PAINT_VERSION ?? 'dev'}`;

/**
 * The painter's data, for the script element's `data-paint` attribute: the label highlight
 * names, the overlap name, the mark name and the spans as [start, end, label index] triples.
 * Numbers and fixed names only, never article text; React escapes it as any attribute value.
 */
export function earlyPaintData(spans: Paintable[]): string {
  const triples = spans.filter((s) => LABELS.includes(s.label)).map((s) => [s.start, s.end, LABELS.indexOf(s.label)]);
  return JSON.stringify([LABELS.map(HIGHLIGHT_NAMES.label), HIGHLIGHT_NAMES.overlap, PAINTED_MARK, triples]);
}
