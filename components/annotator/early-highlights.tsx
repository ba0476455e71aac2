import { headers } from 'next/headers';
import type { Label } from '@/lib/labels';
import { earlyPaintScript } from './early-paint';

/**
 * Server-rendered after the article: paints the spans' highlights while the page loads, before
 * React hydrates (early-paint.ts). The script holds offsets and label numbers only, and carries
 * the request's CSP nonce.
 */
export async function EarlyHighlights({ spans }: { spans: { label: Label; start: number; end: number }[] }) {
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: earlyPaintScript(spans) }} />;
}
