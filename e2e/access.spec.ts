// Walks lib/auth/access-table.ts against the running production build: every page, route
// handler and server action, as each of five visitors. The entry points come from the build
// itself (Next's manifests and the route files), so a new one without a row fails here.
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ACCESS_TABLE, rowKey, VISITORS, type AccessRow, type Outcome, type Visitor } from '../lib/auth/access-table';
import { hashPassword } from '../lib/auth/password';
import { createPrismaClient, type Db } from '../lib/database/client';

const ROOT = path.resolve(import.meta.dirname, '..');
const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const PASSWORD = 'access-walk-password';
const PROJECT = 'access-project';

// ---------------------------------------------------------------------------------------------
// The entry points the build has.

function builtEntryPoints(): string[] {
  const routes = JSON.parse(readFileSync(path.join(ROOT, '.next', 'app-path-routes-manifest.json'), 'utf8')) as Record<string, string>;
  const keys: string[] = [];
  for (const [file, urlPath] of Object.entries(routes)) {
    if (file.endsWith('/page')) keys.push(rowKey({ kind: 'page', target: urlPath }));
    else if (file.endsWith('/route') && !existsSync(path.join(ROOT, 'app', `${file}.ts`))) {
      // A metadata file such as app/icon.svg: Next serves it as a GET route of its own.
      expect(existsSync(path.join(ROOT, 'app', urlPath)), `${file} is neither a route file nor a metadata file`).toBe(true);
      keys.push(rowKey({ kind: 'route', method: 'GET', target: urlPath }));
    } else if (file.endsWith('/route')) {
      const source = readFileSync(path.join(ROOT, 'app', `${file}.ts`), 'utf8');
      const methods = new Set<string>();
      for (const m of source.matchAll(/export\s+(?:const|async\s+function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) methods.add(m[1]);
      for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) for (const n of m[1].matchAll(/\bas\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(n[1]);
      expect(methods.size, `${file}.ts exports no HTTP method the walk recognises`).toBeGreaterThan(0);
      for (const method of methods) keys.push(rowKey({ kind: 'route', method: method as AccessRow['method'], target: urlPath }));
    } else throw new Error(`Unknown kind of entry point in the build: ${file}`);
  }
  const actions = JSON.parse(readFileSync(path.join(ROOT, '.next', 'server', 'server-reference-manifest.json'), 'utf8')).node as Record<string, { filename: string; exportedName: string }>;
  for (const a of Object.values(actions)) keys.push(rowKey({ kind: 'action', target: `${a.filename}#${a.exportedName}` }));
  return [...new Set(keys)].sort();
}

function actionIds(): Map<string, string> {
  const actions = JSON.parse(readFileSync(path.join(ROOT, '.next', 'server', 'server-reference-manifest.json'), 'utf8')).node as Record<string, { filename: string; exportedName: string }>;
  return new Map(Object.entries(actions).map(([id, a]) => [`${a.filename}#${a.exportedName}`, id]));
}

// ---------------------------------------------------------------------------------------------
// Talking to the app as a visitor.

type Observed = Outcome | number | string;

async function signedIn(email: string | null): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  if (!email) return context;
  const { csrfToken } = (await (await context.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await context.post('/api/auth/callback/credentials', { form: { csrfToken, email, password: PASSWORD, json: 'true' } });
  const session = (await (await context.get('/api/auth/session')).json()) as { user?: { email?: string } };
  expect(session.user?.email, `signing in as ${email}`).toBe(email);
  return context;
}

async function pageOutcome(context: APIRequestContext, urlPath: string): Promise<Observed> {
  const response = await context.get(urlPath, { maxRedirects: 0 });
  if (response.status() >= 300 && response.status() < 400) return `→${new URL(response.headers().location, baseURL).pathname}`;
  return response.status();
}

const statusOf = (response: APIResponse) => response.status();

// Server actions are called the way the browser calls them: React's reply encoding, the action
// id from the build's manifest in the Next-Action header. Their answer is a React Server
// Components stream whose first row points at the action's result.
const rsc = createRequire(path.join(ROOT, 'package.json'))('next/dist/compiled/react-server-dom-turbopack/client.node.js') as {
  encodeReply: (value: unknown[]) => Promise<string | FormData>;
};

async function callAction(context: APIRequestContext, ids: Map<string, string>, target: string, args: unknown[]): Promise<{ status: number; result: Record<string, unknown> }> {
  const id = ids.get(target);
  if (!id) throw new Error(`The build has no server action ${target}`);
  const body = await rsc.encodeReply(args);
  const headers = { 'next-action': id, accept: 'text/x-component' };
  const response =
    typeof body === 'string'
      ? await context.post('/projects', { headers: { ...headers, 'content-type': 'text/plain;charset=UTF-8' }, data: body, maxRedirects: 0 })
      : // The FormData itself, in its order: the reply's root field must come after the parts it refers to.
        await context.post('/projects', { headers, multipart: body, maxRedirects: 0 });
  expect(response.status(), `HTTP status of ${target}`).toBe(200);
  // A redirect after success (creating a project, deleting an article) comes as a header.
  if (response.headers()['x-action-redirect']) return { status: 200, result: { redirect: response.headers()['x-action-redirect'] } };
  const rows = new Map((await response.text()).split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]));
  const head = JSON.parse(rows.get('0') ?? 'null') as { a?: string } | null;
  const ref = /^\$@([0-9a-f]+)$/.exec(head?.a ?? '');
  if (!ref) throw new Error(`Unexpected answer from ${target}: ${[...rows.values()].join('\n').slice(0, 300)}`);
  const result = JSON.parse(rows.get(ref[1]) ?? 'null') as Record<string, unknown>;
  return { status: typeof result?.status === 'number' ? result.status : 200, result };
}

// ---------------------------------------------------------------------------------------------
// The data the walk works on: a project of its own, so the other specs' data stays as it was.

const USERS: Record<Exclude<Visitor, 'anonymous'> | 'member2', { id: string; role: string }> = {
  member: { id: 'access-member', role: 'annotator' },
  member2: { id: 'access-member2', role: 'annotator' },
  outsider: { id: 'access-outsider', role: 'annotator' },
  reviewer: { id: 'access-reviewer', role: 'reviewer' },
  admin: { id: 'access-admin', role: 'admin' },
};
const emailOf = (id: string) => `${id}@access.test`;

const LOREM =
  'Officials said the new bridge would open in spring, while critics argued the budget was never realistic. ' +
  '"We expect delays," said the transport minister, adding that costs had risen by a third. ';
const ARTICLE_TEXT = LOREM.repeat(20);

type World = {
  db: Db;
  as: Record<Visitor | 'member2', APIRequestContext>;
  ids: Map<string, string>;
  annotate: string; // article the member annotates
  reviewed: string; // article the member has submitted
  pool: { id: string; version: number }[]; // submitted spans of the member, one per verdict
  counter: number;
};

async function createUsers(db: Db) {
  const passwordHash = await hashPassword(PASSWORD);
  for (const [, u] of Object.entries(USERS)) {
    await db.user.upsert({ where: { id: u.id }, update: {}, create: { id: u.id, email: emailOf(u.id), name: u.id, role: u.role, passwordHash } });
  }
  await db.project.upsert({ where: { id: PROJECT }, update: {}, create: { id: PROJECT, name: 'Access walk', guidelines: 'Label claims.' } });
  for (const key of ['member', 'member2', 'reviewer', 'admin'] as const) {
    await db.membership.upsert({
      where: { projectId_userId: { projectId: PROJECT, userId: USERS[key].id } },
      update: {},
      create: { projectId: PROJECT, userId: USERS[key].id },
    });
  }
}

async function createArticle(world: Pick<World, 'as'>, title: string): Promise<string> {
  const response = await world.as.admin.post(`/api/v1/projects/${PROJECT}/articles`, {
    data: { articles: [{ title, text: `${title}. ${ARTICLE_TEXT}` }] },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { articles: { id: string }[] }).articles[0].id;
}

async function memberSpan(world: World, articleId = world.annotate, as: APIRequestContext = world.as.member) {
  const start = (world.counter++ * 7) % 2000;
  const response = await as.post(`/api/v1/articles/${articleId}/spans`, { data: { label: 'claim', start, end: start + 12 } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { span: { id: string; version: number } }).span;
}

async function goldSpan(world: World) {
  const start = (world.counter++ * 11) % 2000;
  const response = await world.as.admin.post(`/api/v1/articles/${world.reviewed}/gold`, { data: { label: 'opinion', start, end: start + 9 } });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { id?: string; version?: number; span?: { id: string; version: number } };
  return body.span ?? (body as { id: string; version: number });
}

async function freshUser(world: World): Promise<string> {
  const id = `access-fresh-${world.counter++}`;
  await world.db.user.create({ data: { id, email: emailOf(id), name: id, role: 'annotator', passwordHash: 'not-a-hash' } });
  return id;
}

// ---------------------------------------------------------------------------------------------
// How each row is asked, by row key. The answer is compared with the table.

type Ask = (world: World, visitor: Visitor, context: APIRequestContext) => Promise<Observed>;

const P = `/projects/${PROJECT}`;
const action = (target: string, args: (world: World, visitor: Visitor) => Promise<unknown[]> | unknown[]): Ask => async (world, visitor, context) =>
  (await callAction(context, world.ids, target, await args(world, visitor))).status;
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const EDIT_ACTIONS = 'app/projects/[projectId]/articles/[articleId]/edit/actions.ts';

const ASK: Record<string, Ask> = {
  'page /': (_w, _v, c) => pageOutcome(c, '/'),
  'page /login': (_w, _v, c) => pageOutcome(c, '/login'),
  'page /_not-found': (_w, _v, c) => pageOutcome(c, '/_not-found'),
  'page /_global-error': (_w, _v, c) => pageOutcome(c, '/_global-error'),
  'page /projects': (_w, _v, c) => pageOutcome(c, '/projects'),
  'page /projects/[projectId]': (_w, _v, c) => pageOutcome(c, P),
  'page /projects/[projectId]/agreement': (_w, _v, c) => pageOutcome(c, `${P}/agreement`),
  'page /projects/[projectId]/articles/[articleId]': (w, _v, c) => pageOutcome(c, `${P}/articles/${w.annotate}`),
  'page /projects/[projectId]/articles/[articleId]/edit': (w, _v, c) => pageOutcome(c, `${P}/articles/${w.annotate}/edit`),
  'page /projects/[projectId]/articles/[articleId]/review': (w, _v, c) => pageOutcome(c, `${P}/articles/${w.reviewed}/review`),
  'page /projects/[projectId]/export': (_w, _v, c) => pageOutcome(c, `${P}/export`),
  'page /projects/[projectId]/feedback': (_w, _v, c) => pageOutcome(c, `${P}/feedback`),
  'page /projects/[projectId]/import': (_w, _v, c) => pageOutcome(c, `${P}/import`),
  'page /projects/[projectId]/review': (_w, _v, c) => pageOutcome(c, `${P}/review`),
  'page /projects/[projectId]/settings': (_w, _v, c) => pageOutcome(c, `${P}/settings`),
  'page /settings/tokens': (_w, _v, c) => pageOutcome(c, '/settings/tokens'),
  'page /settings/password': (_w, _v, c) => pageOutcome(c, '/settings/password'),
  'page /admin/users': (_w, _v, c) => pageOutcome(c, '/admin/users'),
  'page /admin/audit': (_w, _v, c) => pageOutcome(c, '/admin/audit'),
  'page /admin/deleted': (_w, _v, c) => pageOutcome(c, '/admin/deleted'),

  'route GET /icon.svg': async (_w, _v, c) => statusOf(await c.get('/icon.svg')),
  'route GET /api/auth/[...nextauth]': async (_w, _v, c) => statusOf(await c.get('/api/auth/providers')),
  'route GET /api/health': async (_w, _v, c) => statusOf(await c.get('/api/health')),
  ...Object.fromEntries(
    (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method) => [
      `route ${method} /api/v1/[...path]`,
      async (_w: unknown, _v: unknown, c: APIRequestContext) => {
        const response = await c.fetch('/api/v1/no-such-route', { method, ...(method === 'GET' ? {} : { data: {} }) });
        expect(response.headers()['content-type']).toContain('application/json');
        expect(((await response.json()) as { error: string }).error).toContain('no API route at /api/v1/no-such-route');
        return statusOf(response);
      },
    ]),
  ),
  'route POST /api/auth/[...nextauth]': async (_w, _v, c) => {
    const { csrfToken } = (await (await c.get('/api/auth/csrf')).json()) as { csrfToken: string };
    // Its own client address, so these failures count against nobody else's sign-in limit.
    const response = await c.post('/api/auth/callback/credentials', {
      headers: { 'x-forwarded-for': '203.0.113.61' },
      form: { csrfToken, email: 'nobody@access.test', password: 'wrong-password', json: 'true' },
    });
    return statusOf(response);
  },
  'route GET /api/v1/projects': async (_w, _v, c) => statusOf(await c.get('/api/v1/projects')),
  'route GET /api/v1/projects/[projectId]/articles': async (_w, _v, c) => statusOf(await c.get(`/api/v1/projects/${PROJECT}/articles`)),
  'route POST /api/v1/projects/[projectId]/articles': async (w, v, c) =>
    statusOf(await c.post(`/api/v1/projects/${PROJECT}/articles`, { data: { articles: [{ title: `Saved by ${v} ${w.counter++}`, text: `By ${v}. ${LOREM}` }] } })),
  'route GET /api/v1/projects/[projectId]/agreement': async (_w, _v, c) => statusOf(await c.get(`/api/v1/projects/${PROJECT}/agreement`)),
  'route GET /api/v1/projects/[projectId]/export': async (_w, _v, c) => statusOf(await c.get(`/api/v1/projects/${PROJECT}/export?format=jsonl&layer=gold`)),
  'route POST /api/v1/projects/[projectId]/import': async (w, v, c) => {
    const line = JSON.stringify({ text: `Imported by ${v} ${w.counter++}. ${LOREM}`, label: [[0, 8, 'claim']] });
    return statusOf(await c.post(`/api/v1/projects/${PROJECT}/import?format=doccano&layer=gold`, { headers: { 'content-type': 'application/jsonl' }, data: `${line}\n` }));
  },
  'route POST /api/v1/projects/[projectId]/import/preview': async (_w, _v, c) =>
    statusOf(await c.post(`/api/v1/projects/${PROJECT}/import/preview`, { multipart: { text: `A pasted title\n\n${LOREM}` } })),
  'route GET /api/v1/articles/[articleId]/spans': async (w, _v, c) => statusOf(await c.get(`/api/v1/articles/${w.annotate}/spans`)),
  'route POST /api/v1/articles/[articleId]/spans': async (w, _v, c) => statusOf(await c.post(`/api/v1/articles/${w.annotate}/spans`, { data: { label: 'opinion', start: 0, end: 8 } })),
  // Submitted first: reopening what was never submitted is refused (409) whoever asks.
  'route POST /api/v1/articles/[articleId]/status': async (w, _v, c) => {
    await c.post(`/api/v1/articles/${w.annotate}/status`, { data: { action: 'submit' } });
    return statusOf(await c.post(`/api/v1/articles/${w.annotate}/status`, { data: { action: 'reopen' } }));
  },
  'route GET /api/v1/articles/[articleId]/review': async (w, _v, c) => statusOf(await c.get(`/api/v1/articles/${w.reviewed}/review`)),
  'route POST /api/v1/articles/[articleId]/review': async (w, _v, c) => statusOf(await c.post(`/api/v1/articles/${w.reviewed}/review`, { data: { action: 'accept-unanimous' } })),
  'route POST /api/v1/articles/[articleId]/gold': async (w, _v, c) => {
    const start = (w.counter++ * 13) % 2000;
    return statusOf(await c.post(`/api/v1/articles/${w.reviewed}/gold`, { data: { label: 'claim', start, end: start + 5 } }));
  },
  'route PATCH /api/v1/gold/[spanId]': async (w, _v, c) => {
    const gold = await goldSpan(w);
    return statusOf(await c.patch(`/api/v1/gold/${gold.id}`, { data: { version: gold.version, label: 'claim' } }));
  },
  'route DELETE /api/v1/gold/[spanId]': async (w, _v, c) => {
    const gold = await goldSpan(w);
    return statusOf(await c.delete(`/api/v1/gold/${gold.id}`, { data: { version: gold.version } }));
  },
  'route PATCH /api/v1/spans/[spanId]': async (w, _v, c) => {
    const span = await memberSpan(w);
    return statusOf(await c.patch(`/api/v1/spans/${span.id}`, { data: { version: span.version, label: 'opinion' } }));
  },
  'route DELETE /api/v1/spans/[spanId]': async (w, _v, c) => {
    const span = await memberSpan(w);
    return statusOf(await c.delete(`/api/v1/spans/${span.id}`, { data: { version: span.version } }));
  },
  'route POST /api/v1/spans/[spanId]/restore': async (w, _v, c) => {
    const span = await memberSpan(w);
    const deleted = await w.as.member.delete(`/api/v1/spans/${span.id}`, { data: { version: span.version } });
    expect(deleted.status()).toBe(200);
    return statusOf(await c.post(`/api/v1/spans/${span.id}/restore`, { data: { version: span.version + 1 } }));
  },
  'route POST /api/v1/spans/[spanId]/verdict': async (w, _v, c) => {
    // "Accept all unanimous" may have judged it already: send the version it has now.
    const span = await w.db.span.findUniqueOrThrow({ where: { id: w.pool.pop()!.id } });
    return statusOf(await c.post(`/api/v1/spans/${span.id}/verdict`, { data: { verdict: 'rejected', version: span.version } }));
  },
  'route POST /api/v1/spans/[spanId]/comments': async (w, v, c) => statusOf(await c.post(`/api/v1/spans/${w.pool[0].id}/comments`, { data: { body: `A comment by ${v}.` } })),

  'action app/projects/actions.ts#createProjectAction': action('app/projects/actions.ts#createProjectAction', (w) => [{}, form({ name: `Walk project ${w.counter++}` })]),
  'action app/projects/actions.ts#updateProjectAction': action('app/projects/actions.ts#updateProjectAction', async (w) => {
    const project = await w.db.project.findUniqueOrThrow({ where: { id: PROJECT } });
    return [PROJECT, {}, form({ name: project.name, guidelines: project.guidelines, version: String(project.version), requiredSubmissions: '2' })];
  }),
  'action app/projects/actions.ts#addMemberAction': action('app/projects/actions.ts#addMemberAction', async (w) => [PROJECT, {}, form({ email: emailOf(await freshUser(w)) })]),
  'action app/projects/actions.ts#removeMemberAction': action('app/projects/actions.ts#removeMemberAction', async (w) => {
    const id = await freshUser(w);
    await w.db.membership.create({ data: { projectId: PROJECT, userId: id } });
    return [PROJECT, id];
  }),
  'action app/admin/users/actions.ts#createUserAction': action('app/admin/users/actions.ts#createUserAction', (w) => [
    {},
    form({ email: `walk-${w.counter++}@access.test`, name: 'Walk', role: 'annotator', password: 'a-long-enough-password' }),
  ]),
  'action app/admin/users/actions.ts#setRoleAction': action('app/admin/users/actions.ts#setRoleAction', async (w) => [await freshUser(w), {}, form({ role: 'reviewer' })]),
  'action app/admin/users/actions.ts#setPasswordAction': action('app/admin/users/actions.ts#setPasswordAction', async (w) => [
    await freshUser(w),
    {},
    form({ password: 'a-long-enough-password' }),
  ]),
  'action app/settings/password/actions.ts#changePasswordAction': action('app/settings/password/actions.ts#changePasswordAction', () => [
    {},
    form({ current: 'not-the-password', password: 'a-long-enough-password', confirm: 'a-long-enough-password' }),
  ]),
  'action app/admin/actions.ts#deactivateUserAction': action('app/admin/actions.ts#deactivateUserAction', async (w) => [await freshUser(w)]),
  'action app/admin/actions.ts#restoreAction': action('app/admin/actions.ts#restoreAction', async (w) => {
    const span = await memberSpan(w);
    expect((await w.as.member.delete(`/api/v1/spans/${span.id}`, { data: { version: span.version } })).status()).toBe(200);
    return ['span', span.id];
  }),
  'action app/settings/tokens/actions.ts#createTokenAction': action('app/settings/tokens/actions.ts#createTokenAction', (w) => [{}, form({ name: `walk ${w.counter++}` })]),
  'action app/settings/tokens/actions.ts#revokeTokenAction': action('app/settings/tokens/actions.ts#revokeTokenAction', async (w) => {
    const created = await callAction(w.as.member, w.ids, 'app/settings/tokens/actions.ts#createTokenAction', [{}, form({ name: `to revoke ${w.counter++}` })]);
    expect(created.status, JSON.stringify(created.result)).toBe(200);
    const token = await w.db.apiToken.findFirstOrThrow({ where: { userId: USERS.member.id, name: String(created.result.name) } });
    return [token.id];
  }),
  [`action ${EDIT_ACTIONS}#updateArticleAction`]: action(`${EDIT_ACTIONS}#updateArticleAction`, async (w, v) => {
    const article = await w.db.article.findUniqueOrThrow({ where: { id: w.annotate } });
    return [article.id, {}, form({ title: article.title, topic: `checked by ${v}`, version: String(article.version) })];
  }),
  [`action ${EDIT_ACTIONS}#deleteArticleAction`]: action(`${EDIT_ACTIONS}#deleteArticleAction`, async (w) => [await createArticle(w, `To delete ${w.counter++}`), 1]),
};

// ---------------------------------------------------------------------------------------------

let world: World;

test.beforeAll(async () => {
  const file = path.join(ROOT, 'data', 'e2e.db');
  expect(existsSync(file), 'the e2e server prepares data/e2e.db').toBe(true);
  const db = createPrismaClient(`file:${file}`);
  await createUsers(db);
  const as = {} as World['as'];
  as.anonymous = await signedIn(null);
  for (const key of ['member', 'member2', 'outsider', 'reviewer', 'admin'] as const) as[key] = await signedIn(emailOf(USERS[key].id));
  world = { db, as, ids: actionIds(), annotate: '', reviewed: '', pool: [], counter: 1 };
  // Unique titles: Playwright runs beforeAll again in a new worker after a failed test.
  const run = Date.now().toString(36);
  world.annotate = await createArticle(world, `Article to annotate ${run}`);
  world.reviewed = await createArticle(world, `Article under review ${run}`);
  for (let i = 0; i < 8; i++) world.pool.push(await memberSpan(world, world.reviewed));
  expect((await as.member.post(`/api/v1/articles/${world.reviewed}/status`, { data: { action: 'submit' } })).status()).toBe(200);
  // A second layer: with one, nothing is unanimous and "accept all" is refused for everyone (409).
  await memberSpan(world, world.reviewed, as.member2);
  expect((await as.member2.post(`/api/v1/articles/${world.reviewed}/status`, { data: { action: 'submit' } })).status()).toBe(200);
});

test.afterAll(async () => {
  for (const context of Object.values(world?.as ?? {})) await context.dispose();
  await world?.db.$disconnect();
});

test('every page, route handler and server action of the build has a row in the access table, and every row a request', () => {
  const built = builtEntryPoints();
  const listed = ACCESS_TABLE.map(rowKey).sort();
  expect(built.filter((k) => !listed.includes(k)), 'entry points without a row in lib/auth/access-table.ts').toEqual([]);
  expect(listed.filter((k) => !built.includes(k)), 'rows whose entry point the build does not have').toEqual([]);
  expect(listed.filter((k) => !ASK[k]), 'rows the walk does not know how to ask').toEqual([]);
});

test('the app answers every row of the access table as the table says, for every visitor', async () => {
  test.setTimeout(240_000);
  const mismatches: string[] = [];
  // Sign-in attempts last: a failed sign-in must not disturb the other rows' sessions.
  const rows = [...ACCESS_TABLE].sort((a, b) => Number(a.target.startsWith('/api/auth')) - Number(b.target.startsWith('/api/auth')));
  let checked = 0;
  for (const row of rows) {
    for (const visitor of VISITORS) {
      const observed = await ASK[rowKey(row)](world, visitor, world.as[visitor]);
      checked++;
      if (observed !== row.access[visitor]) mismatches.push(`${rowKey(row)} as ${visitor}: expected ${row.access[visitor]}, got ${observed}`);
    }
  }
  expect(mismatches).toEqual([]);
  expect(checked).toBe(ACCESS_TABLE.length * VISITORS.length);
});

test.describe('IDOR: ids of other people and other projects lead nowhere', () => {
  test("another annotator of the same project cannot read, edit, delete, restore or comment on a member's span", async () => {
    const span = await memberSpan(world);
    const other = world.as.member2;
    expect((await other.patch(`/api/v1/spans/${span.id}`, { data: { version: span.version, label: 'opinion' } })).status()).toBe(404);
    expect((await other.delete(`/api/v1/spans/${span.id}`, { data: { version: span.version } })).status()).toBe(404);
    expect((await other.post(`/api/v1/spans/${span.id}/restore`, { data: { version: span.version } })).status()).toBe(404);
    expect((await other.post(`/api/v1/spans/${span.id}/comments`, { data: { body: 'peek' } })).status()).toBe(404);
    const theirs = (await (await other.get(`/api/v1/articles/${world.annotate}/spans`)).json()) as { spans: { id: string }[] };
    expect(theirs.spans.map((s) => s.id)).not.toContain(span.id);
    expect((await other.get(`/api/v1/articles/${world.annotate}/spans?layer=all`)).status()).toBe(403);
    const stored = await world.db.span.findUniqueOrThrow({ where: { id: span.id } });
    expect([stored.label, stored.version, stored.deletedAt]).toEqual(['claim', span.version, null]);
  });

  test('tab titles name the project and article for members only', async () => {
    const { title, project } = await world.db.article.findUniqueOrThrow({ where: { id: world.annotate }, include: { project: true } });
    const titleOf = async (context: APIRequestContext, url: string) => /<title>([^<]*)<\/title>/.exec(await (await context.get(url)).text())?.[1];
    expect(await titleOf(world.as.member, `/projects/${PROJECT}/articles/${world.annotate}`)).toBe(`${title} · Slant`);
    expect(await titleOf(world.as.member, `/projects/${PROJECT}`)).toBe(`${project.name} · Slant`);
    expect(await titleOf(world.as.reviewer, `/projects/${PROJECT}/articles/${world.reviewed}/review`)).toMatch(/^Review: Article under review .* · Slant$/);
    for (const url of [`/projects/${PROJECT}/articles/${world.annotate}`, `/projects/${PROJECT}`]) {
      const page = await (await world.as.outsider.get(url)).text();
      expect(page).not.toContain(title);
      expect(page).not.toContain(project.name);
    }
  });

  test("a member of another project cannot read this project's articles, spans, review or export", async () => {
    const outsider = world.as.outsider;
    expect((await outsider.get(`/api/v1/articles/${world.annotate}/spans`)).status()).toBe(404);
    expect((await outsider.get(`/api/v1/articles/${world.reviewed}/review`)).status()).toBe(404);
    expect((await outsider.get(`/api/v1/projects/${PROJECT}/export?articleId=${world.reviewed}&layer=all`)).status()).toBe(404);
    expect((await outsider.get(`/api/v1/projects/${PROJECT}/articles`)).status()).toBe(404);
    // Nor the other way round: this project's reviewer cannot export the demo project.
    expect((await world.as.reviewer.get('/api/v1/projects/demo-project/export?layer=all')).status()).toBe(404);
    expect((await world.as.reviewer.get('/api/v1/articles/demo-article-bridge/review')).status()).toBe(404);
  });

  test('a revoked API token, and the token of a deactivated account, are refused with 401', async () => {
    const created = await callAction(world.as.member2, world.ids, 'app/settings/tokens/actions.ts#createTokenAction', [{}, form({ name: 'soon revoked' })]);
    const token = String(created.result.token);
    const bearer = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    expect((await bearer.get('/api/v1/projects')).status()).toBe(200);
    const row = await world.db.apiToken.findFirstOrThrow({ where: { userId: USERS.member2.id, name: 'soon revoked' } });
    expect((await callAction(world.as.member2, world.ids, 'app/settings/tokens/actions.ts#revokeTokenAction', [row.id])).status).toBe(200);
    const refused = await bearer.get('/api/v1/projects');
    expect(refused.status()).toBe(401);
    expect(((await refused.json()) as { error: string }).error).toMatch(/unknown or revoked/);
    expect((await bearer.post(`/api/v1/articles/${world.annotate}/spans`, { data: { label: 'claim', start: 0, end: 4 } })).status()).toBe(401);
    await bearer.dispose();

    const id = await freshUser(world);
    await world.db.membership.create({ data: { projectId: PROJECT, userId: id } });
    await world.db.user.update({ where: { id }, data: { passwordHash: await hashPassword(PASSWORD) } });
    const leaver = await signedIn(emailOf(id));
    const leaverToken = String((await callAction(leaver, world.ids, 'app/settings/tokens/actions.ts#createTokenAction', [{}, form({ name: 'leaver' })])).result.token);
    expect((await callAction(world.as.admin, world.ids, 'app/admin/actions.ts#deactivateUserAction', [id])).status).toBe(200);
    const afterLeaving = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${leaverToken}` } });
    expect((await afterLeaving.get('/api/v1/projects')).status()).toBe(401);
    // The session cookie stops working at once too.
    expect((await leaver.get('/api/v1/projects')).status()).toBe(401);
    await afterLeaving.dispose();
    await leaver.dispose();
  });
});

test('parallel saves of one version over HTTP: exactly one wins, the others get 409 and the current record', async () => {
  const outcomes = async (requests: Promise<number>[]) => (await Promise.all(requests)).sort();

  const span = await memberSpan(world);
  const spanSaves = ['opinion', 'sourced_quote', 'opinion'].map(async (label) =>
    (await world.as.member.patch(`/api/v1/spans/${span.id}`, { data: { version: span.version, label } })).status(),
  );
  expect(await outcomes(spanSaves)).toEqual([200, 409, 409]);
  const stale = await world.as.member.patch(`/api/v1/spans/${span.id}`, { data: { version: span.version, label: 'claim' } });
  expect(stale.status()).toBe(409);
  expect(((await stale.json()) as { details: { current: { version: number } } }).details.current.version).toBe(span.version + 1);

  const gold = await goldSpan(world);
  const goldSaves = [world.as.reviewer, world.as.admin, world.as.reviewer].map(async (c) =>
    (await c.patch(`/api/v1/gold/${gold.id}`, { data: { version: gold.version, label: 'claim' } })).status(),
  );
  expect(await outcomes(goldSaves)).toEqual([200, 409, 409]);

  const article = await world.db.article.findUniqueOrThrow({ where: { id: world.annotate } });
  const articleSaves = ['One', 'Two', 'Three'].map(
    async (topic, i) =>
      (
        await callAction([world.as.member, world.as.reviewer, world.as.admin][i], world.ids, `${EDIT_ACTIONS}#updateArticleAction`, [
          article.id,
          {},
          form({ title: article.title, topic, version: String(article.version) }),
        ])
      ).status,
  );
  expect(await outcomes(articleSaves)).toEqual([200, 409, 409]);

  const project = await world.db.project.findUniqueOrThrow({ where: { id: PROJECT } });
  const projectSaves = ['A', 'B', 'C'].map(
    async (suffix) =>
      (
        await callAction(world.as.admin, world.ids, 'app/projects/actions.ts#updateProjectAction', [
          PROJECT,
          {},
          form({ name: `${project.name} ${suffix}`, guidelines: project.guidelines, version: String(project.version), requiredSubmissions: '2' }),
        ])
      ).status,
  );
  expect(await outcomes(projectSaves)).toEqual([200, 409, 409]);
  expect((await world.db.project.findUniqueOrThrow({ where: { id: PROJECT } })).version).toBe(project.version + 1);
});
