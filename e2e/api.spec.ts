import { expect, test } from '@playwright/test';
import { alerts, signInAs } from './helpers';

test('a personal API token is shown once, acts with its owner\'s role, and stops working when revoked', async ({ page, playwright, baseURL }) => {
  await signInAs(page, 'ann1@demo.test');
  await page.goto('/settings/tokens');
  await page.getByLabel('Token name').fill('notebook');
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())!.trim();
  expect(token).toMatch(/^slant_[A-Za-z0-9_-]{43}$/);
  await page.reload();
  await expect(page.getByTestId('new-token')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Your tokens' })).toContainText(token.slice(0, 12));

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const projects = await api.get('/api/v1/projects');
  expect(projects.status()).toBe(200);
  expect(((await projects.json()) as { projects: { id: string }[] }).projects.map((p) => p.id)).toContain('demo-project');
  expect((await api.get('/api/v1/projects/demo-project/articles')).status()).toBe(200);
  // The token carries the annotator's role: reports and other people's spans stay closed.
  expect((await api.get('/api/v1/projects/demo-project/agreement')).status()).toBe(403);
  expect((await api.patch('/api/v1/spans/demo-span-ann2-1', { data: { version: 1, note: 'x' } })).status()).toBe(404);
  const invalid = await api.post('/api/v1/articles/demo-article-wind/spans', { data: { label: 'rumour', start: 0, end: 3 } });
  expect(invalid.status()).toBe(422);
  expect(((await invalid.json()) as { error: string }).error).toMatch(/^label:/);

  // Revoking is for good: the button asks first.
  await page.getByRole('button', { name: 'Revoke notebook' }).click();
  await expect(page.getByText('Scripts using it stop at once, for good?')).toBeVisible();
  await page.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(page.getByRole('table', { name: 'Your tokens' })).toContainText('Revoked');
  const revoked = await api.get('/api/v1/projects');
  expect(revoked.status()).toBe(401);
  expect(((await revoked.json()) as { error: string }).error).toMatch(/unknown or revoked/);

  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.get('/api/v1/projects')).status()).toBe(401);
  const forged = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: 'Bearer slant_not-a-real-token' } });
  expect((await forged.get('/api/v1/projects')).status()).toBe(401);
  await Promise.all([api.dispose(), anonymous.dispose(), forged.dispose()]);

  // Another scheme is not Slant's (a proxy's password prompt in front of the app sends Basic on
  // every request): the session cookie still speaks.
  expect((await page.request.get('/api/v1/projects', { headers: { authorization: 'Basic dXNlcjpwYXNz' } })).status()).toBe(200);
});

test('a token form refused because the session ended keeps the name; signed in again, it creates the token and clears', async ({ page, context }) => {
  await signInAs(page, 'ann2@demo.test');
  await page.goto('/settings/tokens');
  const name = page.getByLabel('Token name');
  await name.fill('pipeline after lunch');
  await context.clearCookies();
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(alerts(page)).toHaveText(/You are signed out/);
  await expect(name).toHaveValue('pipeline after lunch');
  await expect(page.getByTestId('new-token')).toHaveCount(0);

  const other = await context.newPage();
  await signInAs(other, 'ann2@demo.test');
  await other.close();
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByTestId('new-token')).toHaveText(/^slant_/);
  await expect(page.getByRole('status')).toContainText('New token “pipeline after lunch”');
  await expect(name).toHaveValue('');
});

test('a method a route does not serve answers a JSON 405 naming the ones it does, with Allow', async ({ page }) => {
  await signInAs(page, 'ann1@demo.test');
  const wrong = await page.request.put('/api/v1/projects/demo-project/articles', { data: {} });
  expect(wrong.status()).toBe(405);
  expect(wrong.headers()['allow']).toBe('GET, POST');
  expect(wrong.headers()['content-type']).toContain('application/json');
  expect(((await wrong.json()) as { error: string }).error).toBe('PUT is not served at /api/v1/projects/demo-project/articles; use GET or POST.');
  const get = await page.request.get('/api/v1/spans/demo-span-ann1-1');
  expect(get.status()).toBe(405);
  expect(get.headers()['allow']).toBe('PATCH, DELETE');
  const options = await page.request.fetch('/api/health', { method: 'OPTIONS' });
  expect(options.status()).toBe(204);
  expect(options.headers()['allow']).toBe('GET');
});
