import { describe, expect, it, vi } from 'vitest';
import { DomainError } from './errors';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { crossSiteWrite, errorResponse, handle, HTTP_METHODS, otherMethods, readBytes, readJson } from './http';

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
    expect(error.message).toMatch(/limit of 1,000 bytes/);
    expect(await readBytes(streamed([new Uint8Array(400), new Uint8Array(600)]), 1000)).toHaveLength(1000);
  });

  const json = { 'content-type': 'application/json' };
  it('names invalid UTF-8 and invalid JSON as such', async () => {
    const bad = await failure(readJson(new Request('http://x/', { method: 'POST', body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), headers: json })));
    expect([bad.status, bad.message]).toEqual([422, 'The request body is not valid UTF-8 text.']);
    const broken = await failure(readJson(new Request('http://x/', { method: 'POST', body: '{"label": ', headers: json })));
    expect([broken.status, broken.message]).toEqual([422, 'The request body is not valid JSON.']);
    expect(await readJson(new Request('http://x/', { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json; charset=utf-8' } }))).toEqual({ a: 1 });
  });

  it('takes a JSON body only with a JSON content type (a form or plain text from another site is no change)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      const refused = await failure(readJson(new Request('http://x/', { method: 'POST', body: '{"a":1}', headers: { 'content-type': type } })));
      expect(refused.status).toBe(415);
      expect(refused.message).toContain('application/json');
    }
    // A body with no type at all (fetch would label a string text/plain) is refused too.
    const untyped = new Request('http://x/', { method: 'POST', body: new Uint8Array([0x7b, 0x7d]) });
    expect((await failure(readJson(untyped))).status).toBe(415);
    expect(await readJson(new Request('http://x/', { method: 'POST', body: '{}', headers: { 'content-type': 'application/merge-patch+json' } }))).toEqual({});
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

describe('handle', () => {
  it('answers an address holding a NUL character with 422 before the handler queries anything', async () => {
    let ran = false;
    const route = handle(async (_request: Request) => {
      ran = true;
      return new Response('ok');
    });
    const refused = await route(new Request('http://x/api/v1/articles/%00/spans'));
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: string }).error).toMatch(/NUL character/);
    expect(ran).toBe(false);
    expect((await route(new Request('http://x/api/v1/articles/a/spans'))).status).toBe(200);
  });

  it('gives every error answer the same JSON shape, a 500 included', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const body = await errorResponse(new Error('boom')).json();
    spy.mockRestore();
    expect(body).toEqual({ error: expect.any(String), details: null });
  });
});

describe('cross-site writes', () => {
  const request = (method: string, headers: Record<string, string>) => new Request('http://slant.test/api/v1/articles/a/spans', { method, headers: { host: 'slant.test', ...headers } });
  it('refuses a cookie-signed change sent from another site, by Sec-Fetch-Site or Origin', () => {
    expect(crossSiteWrite(request('POST', { 'sec-fetch-site': 'cross-site' }))).toBe(true);
    expect(crossSiteWrite(request('DELETE', { 'sec-fetch-site': 'same-site' }))).toBe(true);
    expect(crossSiteWrite(request('POST', { origin: 'https://evil.example' }))).toBe(true);
    expect(crossSiteWrite(request('PATCH', { origin: 'null' }))).toBe(true);
  });
  it('leaves alone reads, Slant\'s own pages, scripts without a browser, and requests with a token', () => {
    expect(crossSiteWrite(request('GET', { 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(crossSiteWrite(request('POST', { 'sec-fetch-site': 'same-origin', origin: 'http://slant.test' }))).toBe(false);
    expect(crossSiteWrite(request('POST', { origin: 'http://slant.test' }))).toBe(false);
    expect(crossSiteWrite(request('POST', {}))).toBe(false);
    expect(crossSiteWrite(request('POST', { origin: 'https://evil.example', authorization: 'Bearer slant_x' }))).toBe(false);
    // Behind proxies: the first forwarded host, or the Host header, as Next checks its actions.
    expect(crossSiteWrite(request('POST', { origin: 'https://slant.example.org', 'x-forwarded-host': 'slant.example.org, proxy2' }))).toBe(false);
    expect(crossSiteWrite(request('POST', { origin: 'http://slant.test', 'x-forwarded-host': 'internal-lb' }))).toBe(false);
    expect(crossSiteWrite(request('POST', { origin: 'https://evil.example', 'x-forwarded-host': 'slant.example.org' }))).toBe(true);
  });
});

describe('otherMethods', () => {
  it('answers a JSON 405 naming the served methods, with Allow; OPTIONS answers 204 with the same Allow', async () => {
    const others = otherMethods('GET', 'POST');
    const response = others.DELETE(new Request('http://x/api/v1/projects/p/articles', { method: 'DELETE' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    expect(await response.json()).toEqual({ error: 'DELETE is not served at /api/v1/projects/p/articles; use GET or POST.', details: null });
    const options = others.OPTIONS(new Request('http://x/api/v1/projects/p/articles', { method: 'OPTIONS' }));
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, POST');
  });

  it('is exported by every API route for exactly the methods it does not serve, and names the ones it does', () => {
    const root = path.resolve(__dirname, '..', 'app', 'api');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('route.ts') && !f.includes('[...'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = readFileSync(path.join(root, file), 'utf8');
      const served = HTTP_METHODS.filter((m) => new RegExp(`export\\s+(const|async\\s+function)\\s+${m}\\b`).test(source));
      const call = /export const \{([^}]*)\} = otherMethods\(([^)]*)\)/.exec(source);
      expect(call, `${file} exports no otherMethods(...)`).not.toBeNull();
      const refused = call![1].split(',').map((n) => n.trim()).filter((n) => n !== 'OPTIONS');
      const named = call![2].split(',').map((n) => n.trim().replace(/'/g, ''));
      expect([...served].sort(), `${file}: otherMethods(...) names what it serves`).toEqual([...named].sort());
      expect([...served, ...refused].sort(), `${file}: every method answered`).toEqual([...HTTP_METHODS].sort());
    }
  });
});
