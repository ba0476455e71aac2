/*
 * Calling the real route handlers of app/api/v1 in a test (not a test file itself): the state the
 * mocked `@/lib/db` and `@/lib/auth/session` read, what to send, and the rules every answer keeps.
 * A suite mocks the two modules with `vi.mock('@/lib/db', async () => (await import('./routes')).dbModule)`
 * and likewise `sessionModule`, then sets `state.db` and `state.user`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { SessionUser } from '../auth/session';
import type { Db } from '../database/client';
import { applyByteOps, applyTextOps, encode, invalidUtf8, nastyString, textOp, toJsonText } from './arbitraries';
import { hasUnstorableText, type JsonBody } from './bodies';
import { expectProblemNamed, fingerprint, type Fingerprint } from './support';

export const state = { db: undefined as unknown as Db, user: undefined as unknown as SessionUser };

export const dbModule = {
  get db() {
    return state.db;
  },
};

/** A signed-in user without next-auth: permission checks then run as usual for `state.user`. */
export const sessionModule = {
  requireApiUser: async () => state.user,
  currentUser: async () => state.user,
  requirePageUser: async () => state.user,
};

export const SEED = Number(process.env.FUZZ_SEED ?? 20_26);
export const PROJECT = 'demo-project';
export const IMPORT_FILE = 'app/api/v1/projects/[projectId]/import/route.ts';
export const PREVIEW_FILE = 'app/api/v1/projects/[projectId]/import/preview/route.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const BODY_METHODS = ['POST', 'PATCH', 'PUT', 'DELETE'] as const;

export type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type RouteModule = Partial<Record<(typeof BODY_METHODS)[number], Handler>>;

export async function route(file: string): Promise<RouteModule> {
  return (await import(path.join(ROOT, file))) as RouteModule;
}

/** The route files under app/api/v1, relative to the repository root. */
export function routeFiles(dir = path.join(ROOT, 'app', 'api', 'v1')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js|mjs)$/.test(entry.name) ? [path.relative(ROOT, full).split(path.sep).join('/')] : [];
  });
}

// ---- Requests ----------------------------------------------------------------------------

/** What is sent: JSON (with the current version filled in), raw text, raw bytes, or a form. */
export type Payload =
  | { kind: 'json'; body: JsonBody }
  | { kind: 'mutated-json'; body: JsonBody; ops: Parameters<typeof applyTextOps>[1] }
  | { kind: 'bad-utf8'; body: JsonBody; at: number; bytes: readonly number[] }
  | { kind: 'text'; text: string }
  | { kind: 'huge' };

/** A body past the route's limit, and what the refusal must name. */
export type Huge = { text: () => string; names: string[]; status: number };
export const OVER_ONE_MEGABYTE: Huge = { text: () => JSON.stringify({ note: 'y'.repeat(1024 * 1024 + 1) }), names: ['limit'], status: 413 };

// Broken JSON, JSON that is not an object, and JSON nested far deeper than any call stack.
const ODD_JSON = [
  ...['', ' ', 'null', '{', '{"a":', '[1,', 'undefined', "{'label':'claim'}", '\ufeff{}', '{"version": NaN}', '{"start": Infinity}', '{"a":1}{"b":2}', '{"a":1,}', '// c\n{}'],
  ...['"\\ud800"', '{"body":"\\u12"}', '[]', '{}', '{"__proto__":{"version":1}}'],
  `{"label":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
  `{"note":${'{"a":'.repeat(50_000)}"\\udc00"${'}'.repeat(50_000)}}`,
];

export function payloads(bodies: fc.Arbitrary<JsonBody>): fc.Arbitrary<Payload> {
  return fc.oneof(
    { arbitrary: bodies.map((body): Payload => ({ kind: 'json', body })), weight: 12 },
    { arbitrary: fc.tuple(bodies, fc.array(textOp, { minLength: 1, maxLength: 3 })).map(([body, ops]): Payload => ({ kind: 'mutated-json', body, ops })), weight: 3 },
    { arbitrary: fc.tuple(bodies, fc.nat(), invalidUtf8).map(([body, at, bytes]): Payload => ({ kind: 'bad-utf8', body, at, bytes })), weight: 2 },
    { arbitrary: fc.oneof(fc.constantFrom(...ODD_JSON), nastyString(10)).map((text): Payload => ({ kind: 'text', text })), weight: 2 },
    { arbitrary: fc.constant<Payload>({ kind: 'huge' }), weight: 1 },
  );
}

const UTF8 = new TextDecoder('utf-8');

/** What a server reading `text` as UTF-8 sees: lone surrogates were encoded as U+FFFD. */
const asSent = (text: string) => UTF8.decode(encode(text));

export type Built = { body: string | Uint8Array<ArrayBuffer>; mustFail: boolean; names: string[]; status?: number };

/** The bytes to send and what to expect, given the current version of the record under test. */
export function build(payload: Payload, args: { current: number | undefined; words: string[]; huge: Huge }): Built {
  const fill = (literal: string) => (literal === 'CURRENT' ? String(args.current ?? 1) : literal);
  const generalNames = args.words;
  const parsedExpectation = (text: string, original?: JsonBody): Omit<Built, 'body'> => {
    let value: unknown;
    try {
      value = JSON.parse(asSent(text));
    } catch {
      return { mustFail: true, names: ['JSON'], status: 422 };
    }
    // A mutation that changed nothing that JSON sees (white space, a line dropped and restored).
    if (original && JSON.stringify(value) === asSent(toJsonText(original.value, fill))) return { mustFail: original.mustFail, names: original.names };
    if (hasUnstorableText(value)) return { mustFail: true, names: ['surrogate', 'NUL'], status: 422 };
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { mustFail: true, names: ['input', 'object', ...generalNames] };
    return { mustFail: false, names: generalNames };
  };
  switch (payload.kind) {
    case 'json': {
      const text = toJsonText(payload.body.value, fill);
      return { body: text, mustFail: payload.body.mustFail, names: payload.body.names };
    }
    case 'mutated-json': {
      const text = applyTextOps(toJsonText(payload.body.value, fill), payload.ops);
      return { body: text, ...parsedExpectation(text, payload.body) };
    }
    case 'bad-utf8': {
      const bytes = applyByteOps(encode(toJsonText(payload.body.value, fill)), [{ op: 'insert', at: payload.at, bytes: payload.bytes }]);
      return { body: bytes, mustFail: true, names: ['UTF-8'], status: 422 };
    }
    case 'text':
      return { body: payload.text, ...parsedExpectation(payload.text) };
    case 'huge':
      return { body: args.huge.text(), mustFail: true, names: args.huge.names, status: args.huge.status };
  }
}

export type Outcome = { status: number; json: Record<string, unknown>; before: Fingerprint; after: Fingerprint };

export async function send(args: { handler: Handler; url: string; method: string; params: Record<string, string>; body: BodyInit; headers?: Record<string, string> }): Promise<Outcome> {
  const before = await fingerprint(state.db);
  const request = new Request(`http://slant.test${args.url}`, { method: args.method, body: args.body, headers: args.headers ?? { 'content-type': 'application/json' } });
  const response = await args.handler(request, { params: Promise.resolve(args.params) });
  const after = await fingerprint(state.db);
  const text = await response.text();
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`${args.method} ${args.url} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, json, before, after };
}

/** The rules every answer keeps; returns the outcome for route-specific checks. */
export function expectWellBehaved(outcome: Outcome, expected: Omit<Built, 'body'>, what: string): void {
  const { status, json, before, after } = outcome;
  const ok = status >= 200 && status < 300;
  const refused = status >= 400 && status < 500;
  if (!ok && !refused) throw new Error(`${what}: answered ${status}: ${JSON.stringify(json).slice(0, 300)}`);
  if (refused) {
    expectProblemNamed(json['error'], expected.names);
    // Nothing partly written.
    expect(after, `${what}: refused with ${status} but the database changed`).toEqual(before);
    if (expected.status !== undefined) expect(status, `${what}: ${String(json['error'])}`).toBe(expected.status);
  } else if (expected.mustFail) {
    throw new Error(`${what}: accepted (${status}) a body that must be refused: ${JSON.stringify(json).slice(0, 300)}`);
  }
}

