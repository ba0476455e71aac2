import 'server-only';
import { headers } from 'next/headers';

/** This request's Content-Security-Policy nonce, set by proxy.ts, for a page's own script elements. */
export async function requestNonce(): Promise<string | undefined> {
  return (await headers()).get('x-nonce') ?? undefined;
}
