import { expect, test } from '@playwright/test';
import { alerts, signInAs } from './helpers';

test('a demo annotator signs in with the form and signs out', async ({ page }) => {
  await page.goto('/projects');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Email').fill('ann1@demo.test');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(alerts(page)).toHaveText('The email or password is not right.');
  for (const field of ['Email', 'Password']) {
    await expect(page.getByLabel(field)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel(field)).toHaveAccessibleDescription('The email or password is not right.');
  }

  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Demo: media bias' })).toBeVisible();
  await expect(page.getByText('Ana Annotator')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/projects');
  await expect(page).toHaveURL(/\/login/);
});

test('pages and the API check the role on the server', async ({ page }) => {
  const anonymous = await page.request.get('/api/v1/articles/demo-article-bridge/spans');
  expect(anonymous.status()).toBe(401);

  await signInAs(page, 'ann1@demo.test');
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await page.goto('/projects/demo-project/settings');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  const otherSpan = await page.request.patch('/api/v1/spans/demo-span-ann2-1', { data: { version: 1, note: 'not mine' } });
  expect(otherSpan.status()).toBe(404);
});

test('an admin creates a user and that user can sign in', async ({ page, browser }) => {
  await signInAs(page, 'admin@demo.test');
  await page.goto('/admin/users');
  const email = `new-${Date.now()}@demo.test`;
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create user' }) });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Name').fill('Nia New');
  await form.getByLabel('Role', { exact: true }).selectOption('reviewer');
  await form.getByLabel('Initial password').fill('a-long-password');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('cell', { name: email, exact: true })).toBeVisible();

  const other = await browser.newPage();
  await signInAs(other, email, 'a-long-password');
  await other.goto('/projects');
  await expect(other.getByText('You are not a member of any project yet.')).toBeVisible();
  await other.close();
});

test('sign-in is rate-limited per account: after ten failures even the right password waits', async ({ page, browser }) => {
  // A user of its own, so the lock-out cannot affect the other tests.
  await signInAs(page, 'admin@demo.test');
  const email = `locked-${Date.now()}@demo.test`;
  await page.goto('/admin/users');
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create user' }) });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Initial password').fill('right-password');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('cell', { name: email, exact: true })).toBeVisible();

  const visitor = await browser.newPage();
  const attempt = async (password: string) => {
    const { csrfToken } = (await (await visitor.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const response = await visitor.request.post('/api/auth/callback/credentials', { form: { csrfToken, email, password, json: 'true' } });
    return decodeURIComponent((await response.json()).url as string);
  };
  for (let i = 0; i < 10; i++) expect(await attempt(`wrong-${i}`)).toContain('error=CredentialsSignin');
  expect(await attempt('right-password')).toContain('error=RATE_LIMITED');

  await visitor.goto('/login');
  await visitor.getByLabel('Email').fill(email);
  await visitor.getByLabel('Password').fill('right-password');
  await visitor.getByRole('button', { name: 'Sign in' }).click();
  await expect(alerts(visitor)).toHaveText('Too many sign-in attempts. Wait 15 minutes and try again.');
  await visitor.close();
});
