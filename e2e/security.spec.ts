import { expect, test } from '@playwright/test';
import { alerts, DEMO_PROJECT, signInAs } from './helpers';

test('pages carry a nonce-based Content-Security-Policy and the other security headers', async ({ page }) => {
  const response = await page.goto('/login');
  const headers = response!.headers();
  const csp = headers['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  // The page still works under the policy: the form signs in.
  await page.getByLabel('Email').fill('ann1@demo.test');
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
});

test('hostile article content renders inert, as visible text', async ({ page }) => {
  await signInAs(page, 'ann1@demo.test');
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const hostile = `Hostile ${Date.now()} <script>alert('script')</script> <img src=x onerror="alert('img')"> <a href="javascript:alert('link')">click</a> \u202Eevil\u202C end.`;
  const created = await page.request.post('/api/v1/projects/demo-project/articles', { data: { articles: [{ title: `Hostile ${Date.now()}`, text: hostile }] } });
  expect(created.status()).toBe(201);
  const id = ((await created.json()) as { articles: { id: string }[] }).articles[0].id;
  await page.goto(`${DEMO_PROJECT}/articles/${id}`);
  const article = page.getByTestId('article-text');
  await expect(article).toContainText("<script>alert('script')</script>");
  await expect(article).toContainText('onerror=');
  await expect(article.locator('script, img, a')).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
  await expect(alerts(page)).toHaveCount(0);
});

test('the session cookie is httpOnly and SameSite=Lax', async ({ page, context }) => {
  await signInAs(page, 'ann1@demo.test');
  const session = (await context.cookies()).find((c) => c.name.endsWith('next-auth.session-token'));
  expect(session).toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe('Lax');
  // Served over plain http in the tests; next-auth marks it Secure (and __Secure-) when NEXTAUTH_URL is https.
  expect(session!.secure).toBe(false);
  await page.goto('/projects');
  expect(await page.evaluate(() => document.cookie)).not.toContain('session-token');
});

test('the early highlight painter runs under the Content-Security-Policy, before hydration', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
  await signInAs(page, 'ann1@demo.test');
  await page.goto(`${DEMO_PROJECT}/articles/demo-article-wind`);
  // public/early-paint.js marks its paint with `early: true`; the workbench's own paint comes later without it.
  const early = await page.waitForFunction(() =>
    performance.getEntriesByName('slant:highlights-painted').find((m) => (m as PerformanceMark).detail?.early === true)?.startTime ?? null,
  );
  const hydrated = await page.waitForFunction(() =>
    performance.getEntriesByName('slant:highlights-painted').find((m) => (m as PerformanceMark).detail?.early === undefined)?.startTime ?? null,
  );
  expect(await early.jsonValue()).toBeLessThanOrEqual((await hydrated.jsonValue()) as number);
  expect(violations).toEqual([]);
});

test('the sign-in page sends people back only to paths on this site, however the address is disguised', async ({ page, baseURL }) => {
  // Signed in, the sign-in page goes straight to its callbackUrl: each of these must land on /projects.
  await signInAs(page, 'ann1@demo.test');
  for (const disguised of ['https://evil.example/', '//evil.example/', '/\\evil.example/', '/%09/evil.example/', '/..//evil.example/']) {
    await page.goto(`/login?callbackUrl=${disguised.startsWith('/%') ? disguised : encodeURIComponent(disguised)}`);
    await expect(page, disguised).toHaveURL(`${baseURL}/projects`);
  }
  // A path on the site is kept, query included.
  await page.goto(`/login?callbackUrl=${encodeURIComponent(`${DEMO_PROJECT}/feedback?x=1`)}`);
  await expect(page).toHaveURL(new RegExp(`${DEMO_PROJECT}/feedback\\?x=1$`));
});
