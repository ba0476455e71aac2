import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { createPrismaClient } from '../lib/database/client';
import { alerts, DEMO_PROJECT, dragSelect, signInAs, waitForPainter, waitForSaved } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '..');
const db = createPrismaClient(`file:${path.join(ROOT, 'data', 'e2e.db')}`);
const PROJECT = 'admin-spec-project';

test.beforeAll(async () => {
  // A project of its own, with ann1 as a member, so the demo project's queue stays as it was.
  await db.project.upsert({ where: { id: PROJECT }, update: {}, create: { id: PROJECT, name: 'Admin spec', guidelines: '' } });
  for (const userId of ['demo-user-ann1', 'demo-user-reviewer']) {
    await db.membership.upsert({ where: { projectId_userId: { projectId: PROJECT, userId } }, update: {}, create: { projectId: PROJECT, userId } });
  }
});
test.afterAll(async () => db.$disconnect());

async function newArticle(page: Page, title: string): Promise<string> {
  const response = await page.request.post(`/api/v1/projects/${PROJECT}/articles`, {
    data: { articles: [{ title, text: `${title}. The mayor said the plan would cut traffic by half, which critics doubt.` }] },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { articles: { id: string }[] }).articles[0].id;
}

test("an admin restores an annotator's deleted span from Deleted items, and finds both steps in the audit trail", async ({ page, browser }) => {
  const title = `Restore me ${Date.now()}`;
  const annotator = await browser.newPage();
  await signInAs(annotator, 'ann1@demo.test');
  const articleId = await newArticle(annotator, title);
  const created = await annotator.request.post(`/api/v1/articles/${articleId}/spans`, { data: { label: 'claim', start: 0, end: 9 } });
  const span = ((await created.json()) as { span: { id: string; version: number; quote: string } }).span;
  expect((await annotator.request.delete(`/api/v1/spans/${span.id}`, { data: { version: span.version } })).status()).toBe(200);

  await signInAs(page, 'admin@demo.test');
  await page.goto('/admin/deleted');
  const row = page.getByRole('table', { name: 'Deleted annotations' }).getByRole('row').filter({ hasText: title });
  await expect(row).toContainText('ann1@demo.test');
  await expect(row).toContainText(`“${span.quote}”`);
  await row.getByRole('button', { name: /^Restore/ }).click();
  await expect(row).toHaveCount(0);
  const spans = (await (await annotator.request.get(`/api/v1/articles/${articleId}/spans`)).json()) as { spans: { id: string }[] };
  expect(spans.spans.map((s) => s.id)).toContain(span.id);

  // The audit trail, filtered by the article's title words, shows who did what.
  await page.goto('/admin/audit');
  await page.getByLabel('Article (id or words of the title)').fill(title);
  await page.getByRole('button', { name: 'Filter' }).click();
  const events = page.getByRole('table', { name: 'Audit events' });
  await expect(events.getByRole('row').filter({ hasText: 'span.restore' })).toContainText('admin@demo.test');
  await expect(events.getByRole('row').filter({ hasText: 'span.delete' })).toContainText('ann1@demo.test');
  await expect(events.getByRole('row').filter({ hasText: 'span.create' })).toContainText('label: claim');

  // By user: only that user's events. By date: today has them, a day long past has none.
  await page.getByRole('combobox', { name: /^User\b/ }).selectOption({ label: 'admin@demo.test' });
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(events.getByRole('row').filter({ hasText: 'span.delete' })).toHaveCount(0);
  await expect(events.getByRole('row').filter({ hasText: 'span.restore' })).toHaveCount(1);
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('From', { exact: true }).fill(today);
  await page.getByLabel('To', { exact: true }).fill(today);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(events.getByRole('row').filter({ hasText: 'span.restore' })).toHaveCount(1);
  await page.getByLabel('From', { exact: true }).fill('2001-01-01');
  await page.getByLabel('To', { exact: true }).fill('2001-01-31');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('No events match.')).toBeVisible();
  await annotator.close();
});

test('a reviewer deletes an article, it leaves the project, and an admin restores it', async ({ page, browser }) => {
  const title = `Delete me ${Date.now()}`;
  await signInAs(page, 'reviewer@demo.test');
  const articleId = await newArticle(page, title);
  await page.goto(`/projects/${PROJECT}/articles/${articleId}/edit`);
  await page.getByRole('button', { name: `Delete article ${title}` }).click();
  await page.getByRole('button', { name: 'Yes, delete article' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${PROJECT}$`));
  await expect(page.getByRole('link', { name: title })).toHaveCount(0);

  const admin = await browser.newPage();
  await signInAs(admin, 'admin@demo.test');
  // The audit trail names the deleted article without a link to a page it no longer has.
  const trail = async () => {
    await admin.goto(`/admin/audit?article=${encodeURIComponent(title)}`);
    return admin.getByRole('table', { name: 'Audit events' }).getByRole('row').filter({ hasText: 'article.delete' });
  };
  await expect(await trail()).toContainText(`${title} (deleted)`);
  await expect((await trail()).getByRole('link', { name: title })).toHaveCount(0);
  await admin.goto('/admin/deleted');
  await admin.getByRole('button', { name: `Restore article ${title}` }).click();
  await expect(admin.getByRole('button', { name: `Restore article ${title}` })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  // Back, it links to its review board, which an admin may open in any project.
  await (await trail()).getByRole('link', { name: title }).click();
  await expect(admin).toHaveURL(new RegExp(`/articles/${articleId}/review$`));
  await expect(admin.getByRole('heading', { name: title })).toBeVisible();
  await admin.close();
});

test('annotators see no delete button and get the 403 page on admin pages', async ({ page }) => {
  await signInAs(page, 'ann1@demo.test');
  const response = await page.goto('/admin/audit');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await page.goto(`${DEMO_PROJECT}/articles/demo-article-wind/edit`);
  await expect(page.getByRole('heading', { name: 'Edit article' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Delete article/ })).toHaveCount(0);
});

test('a text edit refused because the article was annotated meanwhile is kept beside the form, which no longer offers the text', async ({ page, browser }) => {
  await signInAs(page, 'reviewer@demo.test');
  const articleId = await newArticle(page, `Locked meanwhile ${Date.now()}`);
  await page.goto(`/projects/${PROJECT}/articles/${articleId}/edit`);
  const typed = 'The mayor said the plan would cut traffic by a third.';
  const textField = page.locator('textarea[name="text"]');
  await textField.fill(typed);
  // Meanwhile an annotator marks a span: the text is locked from now on.
  const annotator = await browser.newPage();
  await signInAs(annotator, 'ann1@demo.test');
  expect((await annotator.request.post(`/api/v1/articles/${articleId}/spans`, { data: { label: 'claim', start: 0, end: 9 } })).status()).toBe(201);
  await annotator.close();

  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(alerts(page)).toHaveText(/The text can no longer change/);
  await expect(textField).toHaveCount(0);
  const kept = page.getByRole('group', { name: /Your changes, not saved/ });
  await expect(kept).toContainText('the form no longer offers these fields');
  await expect(kept.getByLabel('Text, not saved')).toHaveValue(typed);
  expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).text).not.toBe(typed);
});

test('a stale article form gets a 409 message and then shows the current record', async ({ page, browser }) => {
  await signInAs(page, 'reviewer@demo.test');
  const articleId = await newArticle(page, `Edited twice ${Date.now()}`);
  const other = await browser.newPage();
  await signInAs(other, 'ann1@demo.test');
  const url = `/projects/${PROJECT}/articles/${articleId}/edit`;
  await page.goto(url);
  await other.goto(url);

  await other.getByLabel('Topic').fill('Transport');
  await other.getByRole('button', { name: 'Save article' }).click();
  await expect(other.getByRole('status')).toHaveText('Saved.');

  // The first tab still holds version 1: its save is refused and the form shows what is stored now.
  await page.getByLabel('Author').fill('Stale Writer');
  await page.getByLabel('Publication date').fill('2026-03-14');
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(alerts(page)).toHaveText(/Someone else changed this article meanwhile/);
  await expect(page.getByLabel('Topic')).toHaveValue('Transport');
  await expect(page.getByLabel('Author', { exact: true })).toHaveValue('');
  // What the refused save had changed is kept beside the form, to apply again: a date too.
  const kept = page.getByRole('group', { name: /Your changes, not saved/ });
  await expect(kept.getByLabel('Author, not saved')).toHaveValue('Stale Writer');
  await expect(kept.getByLabel('Publication date, not saved')).toHaveValue('2026-03-14');
  await expect(kept.getByRole('textbox')).toHaveCount(2);
  // Applying the change again, on the current version, works.
  await page.getByLabel('Author', { exact: true }).fill('Fresh Writer');
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect(kept).toHaveCount(0);
  const stored = await db.article.findUniqueOrThrow({ where: { id: articleId } });
  expect([stored.topic, stored.author, stored.version]).toEqual(['Transport', 'Fresh Writer', 3]);
  // A second save is announced again: the status empties while saving (the save is held back
  // here, so the empty state can be seen) and then says it once more.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**${url}`, async (route) => {
    if (route.request().method() === 'POST') await held;
    await route.continue();
  });
  await page.getByLabel('Author').fill('Fresh Writer II');
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(page.getByRole('status')).toHaveText('');
  release();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect.poll(async () => (await db.article.findUniqueOrThrow({ where: { id: articleId } })).author).toBe('Fresh Writer II');
  await other.close();
});

test('a span drawn on a page whose text was edited since is refused with the reason; reloaded, the page marks the words chosen', async ({ page, browser }) => {
  await signInAs(page, 'reviewer@demo.test');
  const title = `Corrected ${Date.now()}`;
  const articleId = await newArticle(page, title);
  const annotator = await browser.newPage();
  await signInAs(annotator, 'ann1@demo.test');
  await annotator.goto(`/projects/${PROJECT}/articles/${articleId}`);
  await waitForPainter(annotator);

  // Nobody has annotated yet, so the text may still be corrected: every offset after the start moves.
  await page.goto(`/projects/${PROJECT}/articles/${articleId}/edit`);
  await page.getByLabel('Text').fill(`Correction: ${title}. The mayor said the plan would cut traffic by half, which critics doubt.`);
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');

  await dragSelect(annotator, 'The mayor', 'said');
  await annotator.keyboard.press('1');
  await expect(alerts(annotator)).toContainText("The article's text was edited after this page was loaded, so this selection no longer marks the words you chose. Reload the page to annotate the current text.");
  expect(await db.span.count({ where: { articleId } })).toBe(0);

  await annotator.reload();
  await waitForPainter(annotator);
  await dragSelect(annotator, 'The mayor', 'said');
  await annotator.keyboard.press('1');
  await waitForSaved(annotator);
  expect((await db.span.findMany({ where: { articleId } })).map((s) => [s.label, s.quote])).toEqual([['claim', 'The mayor said']]);
  await annotator.close();
});

test('an invalid save keeps what the user typed and names the problem', async ({ page }) => {
  await signInAs(page, 'reviewer@demo.test');
  const articleId = await newArticle(page, `Typed ${Date.now()}`);
  await page.goto(`/projects/${PROJECT}/articles/${articleId}/edit`);
  await page.getByLabel('Topic').fill('Kept topic');
  await page.getByLabel('Title').fill('');
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(alerts(page)).toHaveText(/title/i);
  await expect(page.getByLabel('Topic')).toHaveValue('Kept topic');
  // The field the message is about is marked, described by the message, and has the focus.
  await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Title')).toHaveAccessibleDescription(/title/i);
  await expect(page.getByLabel('Title')).toBeFocused();
  await expect(page.getByLabel('Topic')).not.toHaveAttribute('aria-invalid');
  // Put right, the mark goes.
  await page.getByLabel('Title').fill('A title again');
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(page.getByRole('status').filter({ hasText: /saved/i })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Title' })).not.toHaveAttribute('aria-invalid');
});

test('a session that ends while a form is open: saving says so and keeps what was typed, and it saves once signed in again', async ({ page, context }) => {
  await signInAs(page, 'reviewer@demo.test');
  const articleId = await newArticle(page, `Session ends ${Date.now()}`);
  await page.goto(`/projects/${PROJECT}/articles/${articleId}/edit`);
  await page.getByLabel('Topic').fill('Typed before the session ended');
  await context.clearCookies();
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(alerts(page)).toHaveText('You are signed out: your session has ended. Sign in again in another tab, then try once more.');
  // Still the form, with what was typed: not sent to the sign-in page.
  await expect(page).toHaveURL(new RegExp(`/articles/${articleId}/edit$`));
  await expect(page.getByLabel('Topic')).toHaveValue('Typed before the session ended');
  expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).topic).toBe('');

  // Signed in again (in another tab, which shares the cookies), the same form saves.
  const other = await context.newPage();
  await signInAs(other, 'reviewer@demo.test');
  await other.close();
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).topic).toBe('Typed before the session ended');
});

test('a confirmation question takes the focus on Cancel; Escape or Cancel gives it back to the button', async ({ page }) => {
  await signInAs(page, 'admin@demo.test');
  await page.goto('/admin/users');
  const deactivate = page.getByRole('button', { name: 'Deactivate ann2@demo.test' });
  await deactivate.focus();
  await page.keyboard.press('Enter');
  const question = page.getByRole('group', { name: 'Confirm: Deactivate ann2@demo.test' });
  await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(deactivate).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  await expect(deactivate).toBeFocused();
  // Nothing was deactivated (a deactivated account leaves the list): the question was cancelled twice.
  await page.reload();
  await expect(page.getByRole('cell', { name: 'ann2@demo.test', exact: true })).toBeVisible();
});

test('removing a member says so and hands the focus to the member who takes the row', async ({ page }) => {
  await db.membership.upsert({
    where: { projectId_userId: { projectId: PROJECT, userId: 'demo-user-ann2' } },
    update: {},
    create: { projectId: PROJECT, userId: 'demo-user-ann2' },
  });
  await signInAs(page, 'admin@demo.test');
  await page.goto(`/projects/${PROJECT}/settings`);
  await page.getByRole('button', { name: 'Remove ann2@demo.test' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('group', { name: 'Confirm: Remove ann2@demo.test' }).getByRole('button', { name: 'Yes, remove' }).click();
  await expect(page.getByRole('cell', { name: 'ann2@demo.test', exact: true })).toHaveCount(0);
  await expect(page.getByTestId('page-status')).toHaveText('Member removed.');
  // The rows are in e-mail order: the reviewer's row took ann2's place.
  await expect(page.getByRole('button', { name: 'Remove reviewer@demo.test' })).toBeFocused();
  expect(await db.membership.count({ where: { projectId: PROJECT, userId: 'demo-user-ann2' } })).toBe(0);
});

test('oversized uploads are answered 413 with the limit in the message, and nothing is imported', async ({ page }) => {
  await signInAs(page, 'reviewer@demo.test');
  const before = await db.article.count({ where: { projectId: PROJECT } });
  await page.goto(`/projects/${PROJECT}/import`);
  await page.getByLabel('Or upload files').setInputFiles({ name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(11 * 1024 * 1024, 'a') });
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(alerts(page)).toHaveText(/huge\.txt: larger than the limit of 10 MB per file/);

  const dataset = await page.request.post(`/api/v1/projects/${PROJECT}/import?format=doccano`, {
    headers: { 'content-type': 'application/jsonl' },
    data: Buffer.alloc(51 * 1024 * 1024, ' '),
  });
  expect(dataset.status()).toBe(413);
  expect(((await dataset.json()) as { error: string }).error).toBe('The dataset is larger than the limit of 50 MB.');
  const json = await page.request.post('/api/v1/articles/demo-article-wind/spans', {
    headers: { 'content-type': 'application/json' },
    data: `{"label":"claim","start":0,"end":4,"note":"${'y'.repeat(1_100_000)}"}`,
  });
  expect(json.status()).toBe(413);
  expect(((await json.json()) as { error: string }).error).toMatch(/limit of 1 MB\.$/);
  expect(await db.article.count({ where: { projectId: PROJECT } })).toBe(before);
});

test('after "Save role" the select shows the role just saved', async ({ page }) => {
  await signInAs(page, 'admin@demo.test');
  await page.goto('/admin/users');
  const role = page.getByLabel('Role of ann2@demo.test');
  const row = page.getByRole('row').filter({ has: role });
  await expect(role).toHaveValue('annotator');
  await role.selectOption('reviewer');
  await row.getByRole('button', { name: 'Save role' }).click();
  await expect(row.getByRole('status')).toHaveText('Role saved.');
  await expect(role).toHaveValue('reviewer');
  await page.reload();
  await expect(role).toHaveValue('reviewer');
  // Back as it was, for the tests after this one.
  await role.selectOption('annotator');
  await row.getByRole('button', { name: 'Save role' }).click();
  await expect(role).toHaveValue('annotator');
  await page.reload();
  await expect(role).toHaveValue('annotator');
});

test('a refused project save keeps a ticked box and a chosen number among the changes not saved', async ({ page, browser }) => {
  await signInAs(page, 'admin@demo.test');
  const other = await browser.newPage();
  await signInAs(other, 'admin@demo.test');
  const url = `/projects/${PROJECT}/settings`;
  await page.goto(url);
  await other.goto(url);
  await other.getByLabel('Guidelines (Markdown; raw HTML is not rendered)').fill('Label every claim.');
  await other.getByRole('button', { name: 'Save project' }).click();
  await expect(other.getByRole('status')).toHaveText(/Saved/);

  const mayReview = page.getByRole('checkbox', { name: /Annotators may review each other/ });
  const wasTicked = await mayReview.isChecked();
  await mayReview.setChecked(!wasTicked);
  await page.getByLabel('Submissions needed before review').fill('3');
  await page.getByRole('button', { name: 'Save project' }).click();
  await expect(alerts(page)).toHaveText(/Someone else changed this project meanwhile/);
  // The form shows the saved version; the box and the number the user changed are listed, not lost.
  await expect(mayReview).toBeChecked({ checked: wasTicked });
  const kept = page.getByRole('group', { name: /Your changes, not saved/ });
  await expect(kept.getByLabel(/Annotators may review each other.*, not saved/)).toHaveValue(wasTicked ? 'No' : 'Yes');
  await expect(kept.getByLabel('Submissions needed before review, not saved')).toHaveValue('3');
  await expect(kept.getByRole('textbox')).toHaveCount(2);
  await other.close();
});
