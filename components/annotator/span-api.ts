import type { Label } from '@/lib/labels';
import type { SpanView } from '@/lib/spans/schema';
import { ApiError, apiErrorOf } from '../api-error';

// The annotation page's calls to the span API. Every failure becomes an ApiError carrying the
// server's own message (or saying the session has ended), so the page can show it and reload the
// current state.

/** A 503 means the database was too busy and nothing was written: sent again this many times. */
export const BUSY_RETRIES = 3;
const MAX_RETRY_WAIT_MS = 5000;

export async function call<T>(url: string, init: { method: string; body?: unknown }): Promise<T> {
  let response = await send(url, init);
  // Busy is passing (another write holds the database): wait as the server asks and send again,
  // before the page gives up on the change and everything queued behind it.
  for (let retry = 0; response.status === 503 && retry < BUSY_RETRIES; retry++) {
    await new Promise((resolve) => setTimeout(resolve, retryWait(response.headers.get('retry-after'))));
    response = await send(url, init);
  }
  if (!response.ok) throw await apiErrorOf(response);
  try {
    return (await response.json()) as T;
  } catch {
    // The server took the request (its status says so) but its answer was cut off or garbled.
    throw new ApiError(0, "The server's answer could not be read: the change may have been saved. Reload the page to see.");
  }
}

async function send(url: string, init: { method: string; body?: unknown }): Promise<Response> {
  try {
    return await fetch(url, {
      method: init.method,
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: 'no-store',
    });
  } catch {
    throw ApiError.noAnswer();
  }
}

/** Milliseconds to wait for a Retry-After header given in seconds: 1 s when absent or unreadable, at most 5 s. */
export function retryWait(header: string | null): number {
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, MAX_RETRY_WAIT_MS) : 1000;
}

export type SpanChanges = Partial<{ label: Label; note: string; speaker: string; start: number; end: number }>;

export const spanApi = {
  list: (articleId: string) => call<{ spans: SpanView[] }>(`/api/v1/articles/${articleId}/spans`, { method: 'GET' }),
  create: (articleId: string, body: { label: Label; start: number; end: number; note?: string; speaker?: string; textHash: string }) =>
    call<{ span: SpanView }>(`/api/v1/articles/${articleId}/spans`, { method: 'POST', body }),
  update: (spanId: string, body: SpanChanges & { version: number }) =>
    call<{ span: SpanView }>(`/api/v1/spans/${spanId}`, { method: 'PATCH', body }),
  remove: (spanId: string, version: number) => call<{ span: SpanView }>(`/api/v1/spans/${spanId}`, { method: 'DELETE', body: { version } }),
  restore: (spanId: string, version: number) =>
    call<{ span: SpanView }>(`/api/v1/spans/${spanId}/restore`, { method: 'POST', body: { version } }),
  setStatus: (articleId: string, action: 'submit' | 'reopen') =>
    call<{ status: string }>(`/api/v1/articles/${articleId}/status`, { method: 'POST', body: { action } }),
};
