import { memo } from 'react';
import type { Label } from '@/lib/labels';
import { EARLY_PAINT_SRC, earlyPaintData } from './early-paint';

/**
 * Rendered right after the article text: loads public/early-paint.js, which paints the spans'
 * highlights while the page loads, before React hydrates. The spans travel as an attribute
 * (offsets and label numbers only) made from the spans the page has anyway, so they cross the
 * network once; the script carries the request's CSP nonce (requestNonce in nonce.ts).
 * Memoised on the initial spans, so the attribute never changes after hydration.
 */
export const EarlyHighlights = memo(function EarlyHighlights({ spans, nonce }: { spans: { label: Label; start: number; end: number }[]; nonce: string | undefined }) {
  return <script nonce={nonce} src={EARLY_PAINT_SRC} data-paint={earlyPaintData(spans)} />;
});
