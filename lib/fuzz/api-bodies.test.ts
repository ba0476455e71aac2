/*
 * Fuzzing of every JSON API body, through the real route handlers in app/api/v1 (the dataset
 * import and its preview, which take files, are in api-import.test.ts). The database is a
 * migrated test database and the caller a signed-in admin (a member of the demo project who
 * owns the spans under test), so permission checks pass and what is exercised is the body:
 * broken JSON, non-objects, wrong types, huge strings, invalid UTF-8, zero-width and bidi
 * characters, offsets out of range or reversed, unknown labels, missing and extra fields, stale
 * and garbage versions. Every answer must be 2xx or 4xx, never 500; every 4xx names the
 * problem; a refused request leaves the database exactly as it was.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { codePointLength } from '../anchoring/code-points';
import { createArticles, setAnnotationStatus } from '../articles/service';
import { createGoldSpan } from '../review/service';
import { createSpan } from '../spans/service';
import { isMethodRefusal } from '../http';
import {
  articlesSpec,
  commentSpec,
  createSpanSpec,
  objectBodies,
  reviewSpec,
  specWords,
  STATE_WORDS,
  statusSpec,
  updateSpanSpec,
  verdictSpec,
  versionOnlySpec,
  goldRemovalSpec,
  type JsonBody,
  type ObjectSpec,
} from './bodies';
import {
  BODY_METHODS,
  build,
  expectWellBehaved,
  IMPORT_FILE,
  OVER_ONE_MEGABYTE,
  payloads,
  PREVIEW_FILE,
  PROJECT,
  route,
  routeFiles,
  SEED,
  send,
  state,
  type Huge,
} from './routes';
import { createFuzzDb } from './support';

vi.mock('@/lib/db', async () => (await import('./routes')).dbModule);
vi.mock('@/lib/auth/session', async () => (await import('./routes')).sessionModule);

// ---- Fixtures ----------------------------------------------------------------------------

const TEXT = 'Mayor 👩‍👩‍👧 Ana said: "Taxes will fall 😀 next year." Cafe\u0301 owners \u202ereplied\u202c: outrageous!';
let textLength: number;
let cleanup: () => Promise<void>;
const ids = {} as Record<
  'spansArticle' | 'editArticle' | 'verdictArticle' | 'goldArticle' | 'goldEditArticle' | 'reviewArticle' | 'statusArticle' | 'patchSpan' | 'deleteSpan' | 'restoreSpan' | 'verdictSpan' | 'goldPatchSpan' | 'goldDeleteSpan',
  string
>;

beforeAll(async () => {
  const created = await createFuzzDb();
  state.db = created.db;
  cleanup = created.cleanup;
  const admin = await state.db.user.findUniqueOrThrow({ where: { id: 'demo-user-admin' } });
  state.user = { id: admin.id, email: admin.email, name: admin.name, role: 'admin' };
  const names = ['spansArticle', 'editArticle', 'verdictArticle', 'goldArticle', 'goldEditArticle', 'reviewArticle', 'statusArticle'] as const;
  const articles = await createArticles(state.db, state.user, { projectId: PROJECT, input: { articles: names.map((n, i) => ({ title: n, text: `${TEXT} #${i}` })) } });
  names.forEach((n, i) => (ids[n] = articles[i]!.id));
  // Every fixture article has this length: out-of-range offsets are out of range for each of them.
  const lengths = new Set((await state.db.article.findMany({ where: { id: { in: names.map((n) => ids[n]) } } })).map((a) => codePointLength(a.text)));
  expect(lengths.size).toBe(1);
  textLength = [...lengths][0]!;
  const span = { label: 'claim', start: 2, end: 9 };
  ids.patchSpan = (await createSpan(state.db, state.user, { articleId: ids.editArticle, input: span })).id;
  ids.deleteSpan = (await createSpan(state.db, state.user, { articleId: ids.editArticle, input: { ...span, label: 'opinion' } })).id;
  ids.restoreSpan = (await createSpan(state.db, state.user, { articleId: ids.editArticle, input: { ...span, label: 'sourced_quote' } })).id;
  await state.db.span.update({ where: { id: ids.restoreSpan }, data: { deletedAt: new Date(), version: { increment: 1 } } });
  // A submitted annotator's span for the reviewer to judge.
  const ann1 = { id: 'demo-user-ann1', role: 'annotator' as const };
  ids.verdictSpan = (await createSpan(state.db, ann1, { articleId: ids.verdictArticle, input: span })).id;
  await setAnnotationStatus(state.db, ann1, { articleId: ids.verdictArticle, input: { action: 'submit' } });
  // A submitted layer, so the review has something to close.
  await createSpan(state.db, ann1, { articleId: ids.reviewArticle, input: span });
  await setAnnotationStatus(state.db, ann1, { articleId: ids.reviewArticle, input: { action: 'submit' } });
  ids.goldPatchSpan = (await createGoldSpan(state.db, state.user, { articleId: ids.goldEditArticle, input: span })).id;
  ids.goldDeleteSpan = (await createGoldSpan(state.db, state.user, { articleId: ids.goldEditArticle, input: { ...span, label: 'opinion' } })).id;
});
afterAll(async () => cleanup());

const spanVersion = async (id: string) => (await state.db.span.findUniqueOrThrow({ where: { id } })).version;
const setDeleted = async (id: string, deleted: boolean) => {
  const span = await state.db.span.findUniqueOrThrow({ where: { id } });
  if ((span.deletedAt !== null) !== deleted) await state.db.span.update({ where: { id }, data: { deletedAt: deleted ? new Date() : null } });
};

// ---- JSON routes -------------------------------------------------------------------------

type JsonRoute = {
  file: string;
  method: (typeof BODY_METHODS)[number];
  url: () => string;
  params: () => Record<string, string>;
  spec: () => ObjectSpec;
  /** Valid bodies the spec does not describe. */
  extra?: fc.Arbitrary<JsonBody>;
  huge?: Huge;
  /** The version a valid body is based on. */
  current?: () => Promise<number>;
  /** Puts the record back in the state the route expects (not deleted, deleted, ...). */
  reset?: () => Promise<void>;
  numRuns: number;
};

const JSON_ROUTES: JsonRoute[] = [
  {
    file: 'app/api/v1/articles/[articleId]/spans/route.ts',
    method: 'POST',
    url: () => `/api/v1/articles/${ids.spansArticle}/spans`,
    params: () => ({ articleId: ids.spansArticle }),
    spec: () => createSpanSpec(textLength),
    numRuns: 250,
  },
  {
    file: 'app/api/v1/spans/[spanId]/route.ts',
    method: 'PATCH',
    url: () => `/api/v1/spans/${ids.patchSpan}`,
    params: () => ({ spanId: ids.patchSpan }),
    spec: () => updateSpanSpec(textLength),
    current: () => spanVersion(ids.patchSpan),
    numRuns: 300,
  },
  {
    file: 'app/api/v1/spans/[spanId]/route.ts',
    method: 'DELETE',
    url: () => `/api/v1/spans/${ids.deleteSpan}`,
    params: () => ({ spanId: ids.deleteSpan }),
    spec: () => versionOnlySpec,
    current: () => spanVersion(ids.deleteSpan),
    reset: () => setDeleted(ids.deleteSpan, false),
    numRuns: 150,
  },
  {
    file: 'app/api/v1/spans/[spanId]/restore/route.ts',
    method: 'POST',
    url: () => `/api/v1/spans/${ids.restoreSpan}/restore`,
    params: () => ({ spanId: ids.restoreSpan }),
    spec: () => versionOnlySpec,
    current: () => spanVersion(ids.restoreSpan),
    reset: () => setDeleted(ids.restoreSpan, true),
    numRuns: 150,
  },
  {
    file: 'app/api/v1/spans/[spanId]/verdict/route.ts',
    method: 'POST',
    url: () => `/api/v1/spans/${ids.verdictSpan}/verdict`,
    params: () => ({ spanId: ids.verdictSpan }),
    spec: () => verdictSpec(textLength),
    current: () => spanVersion(ids.verdictSpan),
    numRuns: 250,
  },
  {
    file: 'app/api/v1/spans/[spanId]/comments/route.ts',
    method: 'POST',
    url: () => `/api/v1/spans/${ids.patchSpan}/comments`,
    params: () => ({ spanId: ids.patchSpan }),
    spec: () => commentSpec,
    numRuns: 150,
  },
  {
    file: 'app/api/v1/articles/[articleId]/gold/route.ts',
    method: 'POST',
    url: () => `/api/v1/articles/${ids.goldArticle}/gold`,
    params: () => ({ articleId: ids.goldArticle }),
    spec: () => createSpanSpec(textLength),
    numRuns: 200,
  },
  {
    file: 'app/api/v1/gold/[spanId]/route.ts',
    method: 'PATCH',
    url: () => `/api/v1/gold/${ids.goldPatchSpan}`,
    params: () => ({ spanId: ids.goldPatchSpan }),
    spec: () => updateSpanSpec(textLength),
    current: () => spanVersion(ids.goldPatchSpan),
    numRuns: 250,
  },
  {
    file: 'app/api/v1/gold/[spanId]/route.ts',
    method: 'DELETE',
    url: () => `/api/v1/gold/${ids.goldDeleteSpan}`,
    params: () => ({ spanId: ids.goldDeleteSpan }),
    spec: () => goldRemovalSpec,
    current: () => spanVersion(ids.goldDeleteSpan),
    reset: () => setDeleted(ids.goldDeleteSpan, false),
    numRuns: 150,
  },
  {
    file: 'app/api/v1/articles/[articleId]/review/route.ts',
    method: 'POST',
    url: () => `/api/v1/articles/${ids.reviewArticle}/review`,
    params: () => ({ articleId: ids.reviewArticle }),
    // accept-unanimous takes no other field, and refuses one it is given (a dryRun must not be ignored).
    spec: () => reviewSpec,
    extra: fc.oneof(
      fc.constant<JsonBody>({ value: { action: 'accept-unanimous' }, mustFail: false, names: STATE_WORDS }),
      fc.constantFrom('dryRun', 'version', 'x').map<JsonBody>((key) => ({ value: { action: 'accept-unanimous', [key]: true }, mustFail: true, names: [key] })),
    ),
    current: async () => (await state.db.article.findUniqueOrThrow({ where: { id: ids.reviewArticle } })).version,
    numRuns: 200,
  },
  {
    file: 'app/api/v1/articles/[articleId]/status/route.ts',
    method: 'POST',
    url: () => `/api/v1/articles/${ids.statusArticle}/status`,
    params: () => ({ articleId: ids.statusArticle }),
    spec: () => statusSpec,
    numRuns: 150,
  },
  {
    file: 'app/api/v1/projects/[projectId]/articles/route.ts',
    method: 'POST',
    url: () => `/api/v1/projects/${PROJECT}/articles`,
    params: () => ({ projectId: PROJECT }),
    spec: () => articlesSpec,
    // The limit here is 20 MB, room for five maximum-size articles: one article past its own limit instead.
    huge: { text: () => JSON.stringify({ articles: [{ title: 'Huge', text: 'h'.repeat(1_000_001) }] }), names: ['text', '1,000,000'], status: 422 },
    numRuns: 250,
  },
];

describe('JSON bodies through the route handlers', () => {
  for (const r of JSON_ROUTES) {
    it(`${r.method} ${r.file.replace(/^app|\/route\.ts$/g, '')}: never 500, 4xx names the problem, a refusal writes nothing`, async () => {
      const handler = (await route(r.file))[r.method];
      if (!handler) throw new Error(`${r.file} has no ${r.method}`);
      const spec = r.spec();
      const words = [...specWords(spec), 'JSON'];
      const bodies = r.extra ? fc.oneof({ arbitrary: objectBodies(spec), weight: 9 }, r.extra) : objectBodies(spec);
      let refused = 0;
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(payloads(bodies), async (payload) => {
          await r.reset?.();
          const built = build(payload, { current: await r.current?.(), words, huge: r.huge ?? OVER_ONE_MEGABYTE });
          const outcome = await send({ handler, url: r.url(), method: r.method, params: r.params(), body: built.body });
          expectWellBehaved(outcome, built, `${r.method} ${r.url()}`);
          if (outcome.status < 300) accepted++;
          else refused++;
        }),
        { numRuns: r.numRuns, seed: SEED },
      );
      expect(refused).toBeGreaterThan(r.numRuns / 4);
      expect(accepted).toBeGreaterThan(0);
    });
  }
});

describe('body limits', () => {
  it('POST .../articles refuses a body past its 20 MB limit with 413 naming the limit, and writes nothing', async () => {
    const handler = (await route('app/api/v1/projects/[projectId]/articles/route.ts')).POST!;
    // Six maximum-size articles in four-byte characters: five fit, with room for their JSON.
    const body = JSON.stringify({ articles: Array.from({ length: 6 }, (_, i) => ({ title: `Big ${i}`, text: '😀'.repeat(1_000_000) })) });
    const outcome = await send({ handler, url: `/api/v1/projects/${PROJECT}/articles`, method: 'POST', params: { projectId: PROJECT }, body });
    expectWellBehaved(outcome, { mustFail: true, names: ['limit'], status: 413 }, 'POST 20 MB of articles');
  });
});

// ---- Coverage: every body-taking handler is fuzzed ----------------------------------------

// The dataset import and its preview are fuzzed in api-import.test.ts; the catch-all for unknown
// addresses reads no body and is checked below.
const CATCH_ALL = 'app/api/v1/[...path]/route.ts';
const COVERED = new Set([
  ...JSON_ROUTES.map((r) => `${r.method} ${r.file}`),
  `POST ${IMPORT_FILE}`,
  `POST ${PREVIEW_FILE}`,
  ...['POST', 'PUT', 'PATCH', 'DELETE'].map((m) => `${m} ${CATCH_ALL}`),
]);

describe('unknown addresses', () => {
  it('answer 404 in JSON whatever the body, and write nothing', async () => {
    const mod = await route(CATCH_ALL);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE'), payloads(fc.constant<JsonBody>({ value: { a: 1 }, mustFail: true, names: ['route'] })), async (method, payload) => {
        const built = build(payload, { current: 1, words: ['route'], huge: OVER_ONE_MEGABYTE });
        // The params are not read; the handler answers from the address alone.
        const outcome = await send({ handler: mod[method as 'POST']!, url: '/api/v1/no/such/route', method, params: {}, body: built.body });
        expect(outcome.status).toBe(404);
        expect(outcome.after).toEqual(outcome.before);
        expect((outcome.json as { error: string }).error).toContain('no API route at /api/v1/no/such/route');
      }),
      { numRuns: 20, seed: SEED },
    );
  });
});

describe('coverage', () => {
  it('fuzzes every POST, PATCH, PUT and DELETE handler under app/api/v1, and only handlers that exist', async () => {
    const found: string[] = [];
    for (const file of routeFiles()) {
      const mod = await route(file);
      for (const method of BODY_METHODS) if (typeof mod[method] === 'function' && !isMethodRefusal(mod[method])) found.push(`${method} ${file}`);
    }
    expect(found.length).toBeGreaterThan(0);
    expect([...found].sort()).toEqual([...COVERED].sort());
  });
});
