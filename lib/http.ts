import 'server-only';
import { formatBytes } from './byte-size';
import { NextResponse } from 'next/server';
import { BUSY_MESSAGE, BUSY_RETRY_AFTER_SECONDS, isBusyError } from './database/busy';
import { DomainError } from './errors';

/**
 * Wraps a route handler: DomainErrors become JSON answers with their status, a database too busy
 * to take the change a 503 with Retry-After, anything else a logged 500.
 */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      if (args[0] instanceof Request) {
        // An id or option holding a NUL character names nothing, and PostgreSQL cannot even compare with it.
        if (/%00/i.test(args[0].url)) throw new DomainError(422, 'The address holds a NUL character (%00); no id or option contains one.');
        if (crossSiteWrite(args[0])) throw new DomainError(403, 'A change signed in with a browser session must come from Slant\'s own pages; scripts use an API token.');
      }
      return await fn(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * A request that would change something, authenticated by the session cookie (no Bearer token),
 * sent from another site: a page elsewhere making the browser post with the user's cookie. The
 * browser says where a request comes from (Sec-Fetch-Site, else Origin); requests without either
 * (curl, scripts) carry no cookie of a victim and are left alone. Server actions get the same
 * check from Next itself.
 */
export function crossSiteWrite(request: Request): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return false;
  if (/^Bearer\s/i.test(request.headers.get('authorization') ?? '')) return false;
  const site = request.headers.get('sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.get('origin');
  if (!origin) return false;
  // As Next checks its server actions: the first of the forwarded hosts, or the Host header.
  const hosts = [request.headers.get('x-forwarded-host')?.split(',')[0]?.trim(), request.headers.get('host'), new URL(request.url).host].filter(Boolean);
  try {
    return !hosts.includes(new URL(origin).host);
  } catch {
    return true; // "null" (a sandboxed or file page) or garbage
  }
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * Answers for the methods a route does not serve, to export beside the ones it does:
 * `export const { PUT, DELETE, OPTIONS } = otherMethods('GET', 'POST', 'PATCH')`. Without them Next
 * answers a 405 with an empty body; with them, a JSON 405 like every other API error, with the
 * Allow header naming the methods that work. OPTIONS answers with the same Allow header.
 */
export function otherMethods(...served: HttpMethod[]): Record<HttpMethod | 'OPTIONS', (request: Request) => Response> {
  const allow = served.join(', ');
  const refuse = (request: Request) => {
    const response = errorResponse(new DomainError(405, `${request.method} is not served at ${new URL(request.url).pathname.slice(0, 200)}; use ${served.join(' or ')}.`));
    response.headers.set('allow', allow);
    return response;
  };
  const options = () => new Response(null, { status: 204, headers: { allow } });
  refusals.add(refuse);
  return { GET: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse, OPTIONS: options };
}

const refusals = new WeakSet<object>();
/** True for an otherMethods refusal: a method the route exports but does not serve. */
export const isMethodRefusal = (handler: unknown): boolean => typeof handler === 'function' && refusals.has(handler);

export function errorResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    return NextResponse.json({ error: error.message, details: error.details ?? null }, { status: error.status });
  }
  if (isBusyError(error)) {
    return NextResponse.json({ error: BUSY_MESSAGE, details: null }, { status: 503, headers: { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) } });
  }
  console.error('Unexpected error in a route handler:', error);
  return NextResponse.json({ error: 'Something went wrong on the server. The change was not saved.', details: null }, { status: 500 });
}

// A limit is said exactly: "50 MB" when it is a whole number of them (binary), else in bytes ("1,000,000 bytes").
const formatLimit = (bytes: number) => (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? formatBytes(bytes) : `${bytes.toLocaleString('en')} bytes`);

/**
 * Reads the whole body, but never more than `maxBytes`: a declared or actual size past the limit
 * answers 413 naming the limit, and the rest of the upload is not read.
 */
export async function readBytes(request: Request, maxBytes: number, what = 'The request body'): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => new DomainError(413, `${what} is larger than the limit of ${formatLimit(maxBytes)}.`);
  if (Number(request.headers.get('content-length') ?? '0') > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Reads a JSON body, answering 415 for another content type, 422 for anything that is not JSON and 413 past the limit. */
export async function readJson(request: Request, maxBytes = 1024 * 1024, what?: string): Promise<unknown> {
  // JSON only: a form or plain text a page elsewhere can post without asking is not a change.
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new DomainError(415, `Send the body as JSON with "content-type: application/json"${type ? `, not "${type.slice(0, 60)}"` : ''}.`);
  }
  const bytes = await readBytes(request, maxBytes, what);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError(422, 'The request body is not valid UTF-8 text.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError(422, 'The request body is not valid JSON.');
  }
}
