import { headers } from 'next/headers';
import type { Label } from '@/lib/labels';
import { EARLY_PAINT_SRC, earlyPaintData } from './early-paint';

/**
 * Server-rendered after the article: loads public/early-paint.js, which paints the spans'
 * highlights while the page loads, before React hydrates. The spans travel as an attribute
 * (offsets and label numbers only); the script carries the request's CSP nonce.
 */
export async function EarlyHighlights({ spans }: { spans: { label: Label; start: number; end: number }[] }) {
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return <script nonce={nonce} src={EARLY_PAINT_SRC} data-paint={earlyPaintData(spans)} />;
}
