import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api-error';
import { BUSY_RETRIES, call, retryWait } from './span-api';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const busy = () => json(503, { error: 'The database is busy with other changes right now, so nothing was saved.' }, { 'retry-after': '1' });

describe('call', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it('sends a change refused as busy again, after the wait the server asked for, and answers with the success', async () => {
    fetchMock.mockResolvedValueOnce(busy()).mockResolvedValueOnce(busy()).mockResolvedValueOnce(json(201, { span: { id: 's1' } }));
    const answer = call<{ span: { id: string } }>('/api/v1/articles/a/spans', { method: 'POST', body: { label: 'claim' } });
    await vi.advanceTimersByTimeAsync(999);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(answer).resolves.toEqual({ span: { id: 's1' } });
    expect(fetchMock).toHaveBeenCalledTimes(3);
    // The same request each time.
    for (const [url, init] of fetchMock.mock.calls) {
      expect(url).toBe('/api/v1/articles/a/spans');
      expect(init).toMatchObject({ method: 'POST', body: JSON.stringify({ label: 'claim' }) });
    }
  });

  it('gives up after a few tries with the server’s busy message', async () => {
    fetchMock.mockImplementation(async () => busy());
    const answer = call('/api/v1/spans/s1', { method: 'PATCH', body: { note: 'x', version: 1 } });
    const failure = expect(answer).rejects.toMatchObject({ status: 503, message: expect.stringContaining('busy') });
    await vi.advanceTimersByTimeAsync(BUSY_RETRIES * 1000);
    await failure;
    expect(fetchMock).toHaveBeenCalledTimes(1 + BUSY_RETRIES);
  });

  it('does not send again anything but a busy answer', async () => {
    fetchMock.mockResolvedValueOnce(json(409, { error: 'This span was changed by someone else meanwhile.' }));
    await expect(call('/api/v1/spans/s1', { method: 'DELETE', body: { version: 1 } })).rejects.toMatchObject({ status: 409 });
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    // No answer at all: the request may have reached the server, so a create sent again could be made twice.
    const lost = await call('/api/v1/articles/a/spans', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(ApiError);
    expect((lost as ApiError).unreachable).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});

describe('retryWait', () => {
  it('follows Retry-After in seconds, within limits', () => {
    expect(retryWait('1')).toBe(1000);
    expect(retryWait('0.5')).toBe(500);
    expect(retryWait('120')).toBe(5000);
    expect(retryWait(null)).toBe(1000);
    expect(retryWait('Wed, 21 Oct 2026 07:28:00 GMT')).toBe(1000);
    expect(retryWait('-3')).toBe(1000);
  });
});
