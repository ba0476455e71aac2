import 'server-only';
import { NextResponse } from 'next/server';
import { DomainError } from './errors';

/** Wraps a route handler: DomainErrors become JSON answers with their status; anything else is a logged 500. */
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
  console.error('Unexpected error in a route handler:', error);
  return NextResponse.json({ error: 'Something went wrong on the server. The change was not saved.' }, { status: 500 });
}

/** Reads a JSON body, answering 422 for anything that is not JSON and 413 past the limit. */
export async function readJson(request: Request, maxBytes = 1_000_000): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new DomainError(413, `The request body is larger than the limit of ${maxBytes} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new DomainError(413, `The request body is larger than the limit of ${maxBytes} bytes.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError(422, 'The request body is not valid JSON.');
  }
}
