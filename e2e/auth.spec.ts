import { expect, test } from '@playwright/test';
import { alerts, signInAs } from './helpers';

test('a demo annotator signs in with the form and signs out', async ({ page }) => {
  await page.goto('/projects');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Email').fill('ann1@demo.test');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(alerts(page)).toHaveText('The e-mail or password is not right.');

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
  await expect(page.getByRole('cell', { name: email })).toBeVisible();

  const other = await browser.newPage();
  await signInAs(other, email, 'a-long-password');
  await other.goto('/projects');
  await expect(other.getByText('You are not a member of any project yet.')).toBeVisible();
  await other.close();
});
