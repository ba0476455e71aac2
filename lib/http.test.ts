import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { errorResponse, readBytes, readJson } from './http';

const streamed = (chunks: Uint8Array[]) =>
  new Request('http://x/', {
    method: 'POST',
    body: new ReadableStream({
      start(controller) {
        for (const c of chunks) controller.enqueue(c);
        controller.close();
      },
    }),
    // @ts-expect-error Node's fetch needs `duplex` for a streamed body; the DOM types lack it.
    duplex: 'half',
  });

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('request bodies', () => {
  it('answers 413 naming the limit when the declared size is too large, before reading', async () => {
    const request = new Request('http://x/', { method: 'POST', body: 'x', headers: { 'content-length': String(60 * 1024 * 1024) } });
    const error = await failure(readBytes(request, 50 * 1024 * 1024, 'The dataset'));
    expect(error.status).toBe(413);
    expect(error.message).toBe('The dataset is larger than the limit of 50 MB.');
  });

  it('stops reading a streamed body without a length as soon as it passes the limit', async () => {
    const error = await failure(readBytes(streamed([new Uint8Array(600), new Uint8Array(600)]), 1000));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/limit of 1000 bytes/);
    expect(await readBytes(streamed([new Uint8Array(400), new Uint8Array(600)]), 1000)).toHaveLength(1000);
  });

  it('names invalid UTF-8 and invalid JSON as such', async () => {
    const bad = await failure(readJson(new Request('http://x/', { method: 'POST', body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) })));
    expect([bad.status, bad.message]).toEqual([422, 'The request body is not valid UTF-8 text.']);
    const broken = await failure(readJson(new Request('http://x/', { method: 'POST', body: '{"label": ' })));
    expect([broken.status, broken.message]).toEqual([422, 'The request body is not valid JSON.']);
    expect(await readJson(new Request('http://x/', { method: 'POST', body: '{"a":1}' }))).toEqual({ a: 1 });
  });
});

describe('error answers', () => {
  it('answers a database too busy to take the change with 503, a message and Retry-After, and anything unknown with 500', async () => {
    // The shape Prisma gives when a transaction could not start within its wait (lib/database/busy.ts).
    const busy = Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), { code: 'P2028' });
    const answer = errorResponse(busy);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect((await answer.json()).error).toMatch(/busy.*nothing was saved.*try again/i);
    const unknown = errorResponse(new Error('boom'));
    expect(unknown.status).toBe(500);
    expect((await unknown.json()).error).not.toContain('boom');
  });
});
