// Who may use which page, route handler and server action: one row per entry point, one
// column per kind of visitor. `e2e/access.spec.ts` walks every row against the running app and
// fails when the app answers differently, when a row's entry point no longer exists, or when
// the build has an entry point without a row. `docs/access-control.md` is rendered from here.

export const VISITORS = ['anonymous', 'member', 'outsider', 'reviewer', 'admin'] as const;
export type Visitor = (typeof VISITORS)[number];

export const VISITOR_NAMES: Record<Visitor, string> = {
  anonymous: 'Anonymous',
  member: 'Annotator, member',
  outsider: 'Annotator, not a member',
  reviewer: 'Reviewer, member',
  admin: 'Admin',
};

/**
 * An HTTP status, or a redirect: `→/login` (pages send visitors without a session to sign in).
 * For server actions the status is the one the action answers in its result (`{ error, status }`),
 * 200 when it succeeds; actions always travel over HTTP 200, as Next sends them.
 */
export type Outcome = 200 | 201 | 401 | 403 | 404 | 422 | 500 | '→/login' | '→/projects';

export type AccessRow = {
  kind: 'page' | 'route' | 'action';
  /** Pages and routes: the app path pattern; actions: `file#exportedName`. */
  target: string;
  /** Route handlers: the HTTP method. */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** What the walk asks for, in words. */
  request: string;
  access: Record<Visitor, Outcome>;
};

type Five = [Outcome, Outcome, Outcome, Outcome, Outcome];
const as = (outcomes: Five): Record<Visitor, Outcome> => Object.fromEntries(VISITORS.map((v, i) => [v, outcomes[i]])) as Record<Visitor, Outcome>;

// The recurring patterns, in VISITORS order.
const PUBLIC: Five = [200, 200, 200, 200, 200];
const SIGNED_IN_PAGE: Five = ['→/login', 200, 200, 200, 200];
const MEMBER_PAGE: Five = ['→/login', 200, 404, 200, 200];
const REVIEWER_PAGE: Five = ['→/login', 403, 404, 200, 200];
const ADMIN_PAGE: Five = ['→/login', 403, 403, 403, 200];
const PROJECT_ADMIN_PAGE: Five = ['→/login', 403, 404, 403, 200];
const SIGNED_IN: Five = [401, 200, 200, 200, 200];
const MEMBER: Five = [401, 200, 404, 200, 200];
const MEMBER_CREATES: Five = [401, 201, 404, 201, 201];
const REVIEWER: Five = [401, 403, 404, 200, 200];
const REVIEWER_CREATES: Five = [401, 403, 404, 201, 201];
const OWNER_ONLY: Five = [401, 200, 404, 404, 404];
const ADMIN: Five = [401, 403, 403, 403, 200];
const PROJECT_ADMIN: Five = [401, 403, 404, 403, 200];

const page = (target: string, request: string, outcomes: Five): AccessRow => ({ kind: 'page', target, request, access: as(outcomes) });
const route = (method: AccessRow['method'], target: string, request: string, outcomes: Five): AccessRow => ({ kind: 'route', method, target, request, access: as(outcomes) });
const action = (target: string, request: string, outcomes: Five): AccessRow => ({ kind: 'action', target, request, access: as(outcomes) });

const P = '/projects/[projectId]';
const A = `${P}/articles/[articleId]`;

export const ACCESS_TABLE: AccessRow[] = [
  // Pages
  page('/', 'home', ['→/login', '→/projects', '→/projects', '→/projects', '→/projects']),
  page('/login', 'sign-in form (signed-in visitors go on to their projects)', [200, '→/projects', '→/projects', '→/projects', '→/projects']),
  page('/_not-found', "Next's not-found page", [404, 404, 404, 404, 404]),
  page('/_global-error', "Next's built-in error page (static, no data)", [500, 500, 500, 500, 500]),
  page('/projects', 'project list (only your projects)', SIGNED_IN_PAGE),
  page(P, 'project overview', MEMBER_PAGE),
  page(`${P}/agreement`, 'agreement figures', REVIEWER_PAGE),
  page(A, 'annotation workbench', MEMBER_PAGE),
  page(`${A}/edit`, 'article metadata form', MEMBER_PAGE),
  page(`${A}/review`, 'review of a submitted article', REVIEWER_PAGE),
  page(`${P}/export`, 'export form', REVIEWER_PAGE),
  page(`${P}/feedback`, 'your verdicts and comments', MEMBER_PAGE),
  page(`${P}/import`, 'import form', MEMBER_PAGE),
  page(`${P}/review`, 'review queue', REVIEWER_PAGE),
  page(`${P}/settings`, 'project settings and members', PROJECT_ADMIN_PAGE),
  page('/settings/tokens', 'your API tokens', SIGNED_IN_PAGE),
  page('/settings/password', 'change your password', SIGNED_IN_PAGE),
  page('/admin/users', 'users and roles', ADMIN_PAGE),
  page('/admin/audit', 'audit trail', ADMIN_PAGE),
  page('/admin/deleted', 'deleted items', ADMIN_PAGE),

  // Route handlers
  route('GET', '/icon.svg', 'the app icon (a static file)', PUBLIC),
  route('GET', '/api/auth/[...nextauth]', 'sign-in providers (public by design)', PUBLIC),
  route('GET', '/api/health', 'health check for load balancers (public by design; says only ok or unavailable)', PUBLIC),
  route('POST', '/api/auth/[...nextauth]', 'sign-in with a wrong password', [401, 401, 401, 401, 401]),
  ...(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method) =>
    route(method, '/api/v1/[...path]', 'an address no API route handles: a JSON 404 (reads nothing)', [404, 404, 404, 404, 404]),
  ),
  route('GET', '/api/v1/projects', 'your projects', SIGNED_IN),
  route('GET', '/api/v1/projects/[projectId]/articles', "the project's articles", MEMBER),
  route('POST', '/api/v1/projects/[projectId]/articles', 'save an article', MEMBER_CREATES),
  route('GET', '/api/v1/projects/[projectId]/agreement', 'agreement report', REVIEWER),
  route('GET', '/api/v1/projects/[projectId]/export', 'gold export', REVIEWER),
  route('POST', '/api/v1/projects/[projectId]/import', 'import a dataset into the gold layer', [401, 403, 404, 201, 201]),
  route('POST', '/api/v1/projects/[projectId]/import/preview', 'preview pasted text', MEMBER),
  route('GET', '/api/v1/articles/[articleId]/spans', 'your spans on an article', MEMBER),
  route('POST', '/api/v1/articles/[articleId]/spans', 'create a span', MEMBER_CREATES),
  route('POST', '/api/v1/articles/[articleId]/status', 'reopen your work on an article', MEMBER),
  route('GET', '/api/v1/articles/[articleId]/review', 'review data of a submitted article', REVIEWER),
  route('POST', '/api/v1/articles/[articleId]/review', 'accept all unanimous spans', REVIEWER),
  route('POST', '/api/v1/articles/[articleId]/gold', 'add a gold span', REVIEWER_CREATES),
  route('PATCH', '/api/v1/gold/[spanId]', 'relabel a gold span', REVIEWER),
  route('DELETE', '/api/v1/gold/[spanId]', 'remove a gold span', REVIEWER),
  route('PATCH', '/api/v1/spans/[spanId]', "edit the member's span", OWNER_ONLY),
  route('DELETE', '/api/v1/spans/[spanId]', "delete the member's span", OWNER_ONLY),
  route('POST', '/api/v1/spans/[spanId]/restore', "undo the deletion of the member's span", OWNER_ONLY),
  route('POST', '/api/v1/spans/[spanId]/verdict', "accept the member's submitted span", REVIEWER),
  route('POST', '/api/v1/spans/[spanId]/comments', "comment on the member's submitted span", MEMBER_CREATES),

  // Server actions
  action('app/projects/actions.ts#createProjectAction', 'create a project', ADMIN),
  action('app/projects/actions.ts#updateProjectAction', 'save project settings', PROJECT_ADMIN),
  action('app/projects/actions.ts#addMemberAction', 'add a member', PROJECT_ADMIN),
  action('app/projects/actions.ts#removeMemberAction', 'remove a member', PROJECT_ADMIN),
  action('app/admin/users/actions.ts#createUserAction', 'create a user', ADMIN),
  action('app/admin/users/actions.ts#setRoleAction', "change a user's role", ADMIN),
  action('app/admin/users/actions.ts#setPasswordAction', "give a user a new password", ADMIN),
  action('app/admin/actions.ts#deactivateUserAction', 'deactivate an account', ADMIN),
  action('app/admin/actions.ts#restoreAction', 'restore a deleted span', ADMIN),
  action('app/settings/tokens/actions.ts#createTokenAction', 'create an API token', SIGNED_IN),
  action('app/settings/tokens/actions.ts#revokeTokenAction', "revoke the member's token", OWNER_ONLY),
  // Sent with a wrong current password: a right one would end the walking visitor's own sessions.
  action('app/settings/password/actions.ts#changePasswordAction', 'change your own password (with a wrong current one: refused, 422, once signed in)', [401, 422, 422, 422, 422]),
  action(`app${A}/edit/actions.ts#updateArticleAction`, 'save article metadata', MEMBER),
  action(`app${A}/edit/actions.ts#deleteArticleAction`, 'delete an article', REVIEWER),
];

export const rowKey = (row: Pick<AccessRow, 'kind' | 'target' | 'method'>) => `${row.kind} ${row.method ? `${row.method} ` : ''}${row.target}`;

/** The table as Markdown, for docs/access-control.md. */
export function accessTableMarkdown(): string {
  const head = `| Kind | Entry point | What is asked | ${VISITORS.map((v) => VISITOR_NAMES[v]).join(' | ')} |`;
  const rule = `|${' --- |'.repeat(3 + VISITORS.length)}`;
  const lines = ACCESS_TABLE.map((row) => {
    const target = row.kind === 'route' ? `${row.method} ${row.target}` : row.target;
    return `| ${row.kind} | \`${target}\` | ${row.request} | ${VISITORS.map((v) => String(row.access[v])).join(' | ')} |`;
  });
  return [head, rule, ...lines].join('\n');
}
