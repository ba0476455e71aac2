import { expect, test, type Browser, type Page } from '@playwright/test';
import path from 'node:path';
import { hashPassword } from '../lib/auth/password';
import { createPrismaClient } from '../lib/database/client';
import { alerts, signInAs } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '..');
const db = createPrismaClient(`file:${path.join(ROOT, 'data', 'e2e.db')}`);
test.afterAll(async () => db.$disconnect());

/** A user of this test alone (the demo users' passwords must stay as they are for the other tests). */
async function freshUser(name: string, password: string): Promise<string> {
  const email = `${name.toLowerCase()}-${Date.now().toString(36)}@password.test`;
  await db.user.create({ data: { email, name, role: 'annotator', passwordHash: await hashPassword(password) } });
  return email;
}

async function signedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, email, password);
  return page;
}

/** Whether the page's session still counts: a signed-in page answers, an ended session goes to sign in. */
async function stillSignedIn(page: Page): Promise<boolean> {
  await page.goto('/projects');
  return !new URL(page.url()).pathname.startsWith('/login');
}

test('a user changes their password: a wrong current one is refused, then every session ends and only the new one signs in', async ({ browser }) => {
  const email = await freshUser('Self', 'first-password');
  const page = await signedInPage(browser, email, 'first-password');
  const elsewhere = await signedInPage(browser, email, 'first-password');

  await page.goto('/projects');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Password' }).click();
  await page.getByLabel('Current password').fill('not-my-password');
  await page.getByLabel('New password', { exact: true }).fill('second-password');
  await page.getByLabel('New password again').fill('second-password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(alerts(page)).toHaveText('The current password is not right.');
  await expect(page.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Current password')).toBeFocused();
  expect(await stillSignedIn(elsewhere)).toBe(true);

  await page.goto('/settings/password');
  await page.getByLabel('Current password').fill('first-password');
  await page.getByLabel('New password', { exact: true }).fill('second-password');
  await page.getByLabel('New password again').fill('second-password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/login\?notice=password-changed$/);
  await expect(page.getByRole('status')).toHaveText('Your password was changed and every session of yours has ended. Sign in with the new password.');
  // The other browser, signed in before the change, is signed out too.
  expect(await stillSignedIn(elsewhere)).toBe(false);

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('first-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(alerts(page)).toHaveText('The email or password is not right.');
  await page.getByLabel('Password').fill('second-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await elsewhere.context().close();
  await page.context().close();
});

test('an admin gives a user a new password, and ends their sessions; a deactivated account comes back without its old sessions', async ({ browser, page }) => {
  const email = await freshUser('Forgetful', 'forgotten-password');
  const user = await signedInPage(browser, email, 'forgotten-password');
  await signInAs(page, 'admin@demo.test');
  await page.goto('/admin/users');
  const row = page.getByRole('row').filter({ hasText: email });
  await row.getByText('New password').click();
  await row.getByLabel(`New password for ${email}`).fill('given-by-the-admin');
  await row.getByRole('button', { name: 'Set password' }).click();
  await expect(row.getByRole('status')).toHaveText('Password set; their sessions have ended. Tell them the new one in person or another safe way.');
  expect(await stillSignedIn(user)).toBe(false);
  await signInAs(user, email, 'given-by-the-admin');
  expect(await stillSignedIn(user)).toBe(true);

  // Deactivated, then restored: the session from before the deactivation stays ended.
  await row.getByRole('button', { name: `Deactivate ${email}` }).click();
  await row.getByRole('button', { name: 'Yes, deactivate' }).click();
  await expect(page.getByRole('row').filter({ hasText: email })).toHaveCount(0);
  expect(await stillSignedIn(user)).toBe(false);
  await page.goto('/admin/deleted');
  await page.getByRole('button', { name: `Restore account ${email}` }).click();
  await expect(page.getByRole('button', { name: `Restore account ${email}` })).toHaveCount(0);
  expect(await stillSignedIn(user)).toBe(false);
  await signInAs(user, email, 'given-by-the-admin');
  expect(await stillSignedIn(user)).toBe(true);
  await user.context().close();
});
