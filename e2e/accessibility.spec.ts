import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { createPrismaClient } from '../lib/database/client';
import { caretBefore, selectedText, signInAs, waitForPainter } from './helpers';

// Every page, as the person who uses it, checked by axe-core against WCAG 2.1 A and AA: no
// violation of serious or critical impact. Moderate findings are printed, not failed on.

const PAGES: { user: string | null; path: string; ready: string }[] = [
  { user: null, path: '/login', ready: 'Sign in' },
  { user: 'ann1@demo.test', path: '/projects', ready: 'Projects' },
  { user: 'ann1@demo.test', path: '/projects/demo-project', ready: 'Demo: media bias' },
  { user: 'ann1@demo.test', path: '/projects/demo-project/articles/demo-article-schools', ready: 'Annotations' },
  { user: 'ann1@demo.test', path: '/projects/demo-project/articles/demo-article-schools/edit', ready: 'Save article' },
  { user: 'ann1@demo.test', path: '/projects/demo-project/import', ready: 'Preview' },
  { user: 'ann1@demo.test', path: '/projects/demo-project/feedback', ready: 'Feedback' },
  { user: 'ann1@demo.test', path: '/settings/tokens', ready: 'Create token' },
  { user: 'ann1@demo.test', path: '/settings/password', ready: 'Change password' },
  { user: 'reviewer@demo.test', path: '/projects/demo-review/review', ready: 'Review' },
  { user: 'reviewer@demo.test', path: '/projects/demo-review/articles/demo-review-buses/review', ready: 'Gold layer' },
  { user: 'reviewer@demo.test', path: '/projects/demo-review/agreement', ready: 'Agreement' },
  { user: 'reviewer@demo.test', path: '/projects/demo-project/export', ready: 'Export' },
  { user: 'admin@demo.test', path: '/projects/demo-project/settings', ready: 'Members' },
  { user: 'admin@demo.test', path: '/admin/users', ready: 'Users' },
  { user: 'admin@demo.test', path: '/admin/audit', ready: 'Audit trail' },
  { user: 'admin@demo.test', path: '/admin/deleted', ready: 'Deleted items' },
];

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  for (const v of results.violations.filter((v) => v.impact === 'moderate' || v.impact === 'minor')) console.log(`${page.url()}: ${v.impact} ${v.id} (${v.nodes.length})`);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

for (const { user, path, ready } of PAGES) {
  test(`axe finds no serious violation on ${path}${user ? ` (${user.split('@')[0]})` : ''}`, async ({ page }) => {
    if (user) await signInAs(page, user);
    await page.goto(path);
    await expect(page.getByText(ready, { exact: false }).first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

// WCAG 1.4.10 (Reflow): at 320 CSS px wide (a 1280 px window zoomed to 400%) nothing makes the page
// scroll sideways. A wide data table may scroll inside its own box, which the criterion allows.
for (const { user, path, ready } of PAGES) {
  test(`reflows at 320 px without sideways scrolling: ${path}${user ? ` (${user.split('@')[0]})` : ''}`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    if (user) await signInAs(page, user);
    await page.goto(path);
    await expect(page.getByText(ready, { exact: false }).first()).toBeVisible();
    const overflow = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
    expect(overflow.page, `the page is ${overflow.page} px wide in a ${overflow.view} px window`).toBeLessThanOrEqual(overflow.view);
  });
}

test('reflows at 320 px, and fits a desktop screen, with long unbroken words: a URL as a title and source, a long e-mail address', async ({ page }) => {
  const db = createPrismaClient(`file:${path.join(import.meta.dirname, '..', 'data', 'e2e.db')}`);
  const project = 'reflow-long-words';
  const email = 'maximiliana.wolkenstein-brandenburgerova@a-very-long-university-name.example';
  try {
    await db.project.upsert({ where: { id: project }, update: {}, create: { id: project, name: 'Reflow: long words', guidelines: '' } });
    const user = await db.user.upsert({ where: { email }, update: {}, create: { email, name: 'Maximiliana Wolkenstein-Brandenburgerova', role: 'annotator', passwordHash: null } });
    for (const userId of ['demo-user-admin', user.id]) {
      await db.membership.upsert({ where: { projectId_userId: { projectId: project, userId } }, update: {}, create: { projectId: project, userId } });
    }
  } finally {
    await db.$disconnect();
  }
  await signInAs(page, 'admin@demo.test');
  const long = `https://news.example/${'segment'.repeat(12)}/${Date.now()}`;
  const created = await page.request.post(`/api/v1/projects/${project}/articles`, {
    data: { articles: [{ title: long, sourceUrl: long, author: 'Wolkenstein-Brandenburgerova', text: `${long} was said to be the address. Nothing else happened.` }] },
  });
  expect(created.status()).toBe(201);
  const articleId = ((await created.json()) as { articles: { id: string }[] }).articles[0].id;
  // At 320 px, and on a desktop screen too, where tables do not scroll in a box of their own.
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 640 });
    for (const path of [`/projects/${project}`, `/projects/${project}/articles/${articleId}`, `/projects/${project}/articles/${articleId}/edit`, `/projects/${project}/settings`, `/projects/${project}/export`, '/admin/users', '/admin/audit', '/admin/deleted']) {
      await page.goto(path);
      await expect(page.locator('main h1')).toBeVisible();
      const overflow = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
      expect(overflow.page, `${path} is ${overflow.page} px wide in a ${overflow.view} px window`).toBeLessThanOrEqual(overflow.view);
    }
  }
});

test('on a 320 px screen the label toolbar shows whole, wherever the selection is', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await signInAs(page, 'ann2@demo.test');
  const created = await page.request.post('/api/v1/projects/demo-project/articles', {
    data: { articles: [{ title: `Narrow toolbar ${Date.now()}`, text: `Narrow toolbar ${Date.now()}.\n\nThe mayor said the bridge will open in May, and critics doubt it very much indeed.` }] },
  });
  expect(created.status()).toBe(201);
  const articleId = ((await created.json()) as { articles: { id: string }[] }).articles[0].id;
  await page.goto(`/projects/demo-project/articles/${articleId}`);
  await expect(page.getByRole('heading', { name: 'Annotations' })).toBeVisible();
  // The page answers selections once it is hydrated (its painter has run), as the other keyboard tests wait for.
  await waitForPainter(page);
  const toolbar = page.getByRole('toolbar', { name: 'Label the selection' });
  for (const word of ['The mayor', 'indeed']) {
    await caretBefore(page, word);
    await page.keyboard.press('Shift+Control+ArrowRight');
    await expect(toolbar).toBeVisible();
    const box = (await toolbar.boundingBox())!;
    expect(box.x, `toolbar over "${word}"`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `toolbar over "${word}"`).toBeLessThanOrEqual(320);
    await page.keyboard.press('Escape');
  }
});

test('axe finds no serious violation on the review board with an edit form and a comment form open', async ({ page }) => {
  await signInAs(page, 'reviewer@demo.test');
  await page.goto('/projects/demo-review/articles/demo-review-buses/review');
  await page.getByRole('button', { name: /^Edit / }).first().click();
  // Another span's comment form: a span shows one form at a time.
  await page.getByRole('button', { name: /^Comment / }).nth(1).click();
  await expect(page.getByRole('button', { name: 'Accept edited' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Post comment' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('axe finds no serious violation on the annotate page with the label toolbar, then the span details, open', async ({ page }) => {
  await signInAs(page, 'ann2@demo.test');
  const created = await page.request.post('/api/v1/projects/demo-project/articles', {
    data: { articles: [{ title: `Axe ${Date.now()}`, text: `Checked by axe at ${Date.now()}.\n\nThe mayor said the bridge will open in May.` }] },
  });
  expect(created.status()).toBe(201);
  const articleId = ((await created.json()) as { articles: { id: string }[] }).articles[0].id;
  await page.goto(`/projects/demo-project/articles/${articleId}`);
  await expect(page.getByRole('heading', { name: 'Annotations' })).toBeVisible();
  // The page answers keys once it is hydrated (its painter has run): the side panel's heading can come first.
  await waitForPainter(page);
  await caretBefore(page, 'The mayor');
  await page.keyboard.press('Shift+Control+ArrowRight');
  await expect.poll(() => selectedText(page)).toMatch(/^The\s?$/);
  await expect(page.getByRole('toolbar', { name: 'Label the selection' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('1');
  await expect(page.getByTestId('span-details')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Label lines' }).check();
  expect(await seriousViolations(page)).toEqual([]);
});
