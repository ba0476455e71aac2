import 'server-only';
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
      return await fn(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    return NextResponse.json({ error: error.message, details: error.details ?? null }, { status: error.status });
  }
  if (isBusyError(error)) {
    return NextResponse.json({ error: BUSY_MESSAGE, details: null }, { status: 503, headers: { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) } });
  }
  console.error('Unexpected error in a route handler:', error);
  return NextResponse.json({ error: 'Something went wrong on the server. The change was not saved.' }, { status: 500 });
}

const formatLimit = (bytes: number) => (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MB` : `${bytes} bytes`);

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

/** Reads a JSON body, answering 422 for anything that is not JSON and 413 past the limit. */
export async function readJson(request: Request, maxBytes = 1_000_000): Promise<unknown> {
  const bytes = await readBytes(request, maxBytes);
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
