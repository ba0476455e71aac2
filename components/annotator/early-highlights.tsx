import { memo } from 'react';
import { EARLY_PAINT_SRC } from './early-paint';

/**
 * Rendered right after the article text: loads public/early-paint.js, which paints the spans'
 * highlights while the page loads, before React hydrates. The spans travel as an attribute
 * (`paint`, from earlyPaintData: offsets and label numbers only); the script carries the
 * request's CSP nonce (requestNonce in nonce.ts). The attribute never changes after hydration.
 */
export const EarlyHighlights = memo(function EarlyHighlights({ paint, nonce }: { paint: string; nonce: string | undefined }) {
  return <script nonce={nonce} src={EARLY_PAINT_SRC} data-paint={paint} />;
});
