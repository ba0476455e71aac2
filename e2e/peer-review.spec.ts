import { expect, test } from '@playwright/test';
import path from 'node:path';
import { createPrismaClient } from '../lib/database/client';
import { signInAs } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '..');
const db = createPrismaClient(`file:${path.join(ROOT, 'data', 'e2e.db')}`);
const PROJECT = 'peer-review-spec-project';

test.beforeAll(async () => {
  // A project of its own where annotators review each other, so the demo projects stay as they were.
  await db.project.upsert({ where: { id: PROJECT }, update: {}, create: { id: PROJECT, name: 'Peer review spec', guidelines: '', annotatorsMayReview: true } });
  for (const userId of ['demo-user-ann1', 'demo-user-ann2', 'demo-user-admin']) {
    await db.membership.upsert({ where: { projectId_userId: { projectId: PROJECT, userId } }, update: {}, create: { projectId: PROJECT, userId } });
  }
});
test.afterAll(async () => db.$disconnect());

test('an annotator reviewing peers judges the other annotator\'s span, and is offered no verdict on their own', async ({ browser }) => {
  const admin = await browser.newPage();
  await signInAs(admin, 'admin@demo.test');
  const created = await admin.request.post(`/api/v1/projects/${PROJECT}/articles`, {
    data: { articles: [{ title: `Peers ${Date.now()}`, text: 'The council said the bridge opens in May. Critics call the plan reckless.' }] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const articleId = ((await created.json()) as { articles: { id: string }[] }).articles[0]!.id;

  // Each annotator marks a different sentence and submits.
  const pages = [];
  for (const [email, span] of [
    ['ann1@demo.test', { label: 'claim', start: 0, end: 41 }],
    ['ann2@demo.test', { label: 'opinion', start: 42, end: 73 }],
  ] as const) {
    const page = await browser.newPage();
    await signInAs(page, email);
    expect((await page.request.post(`/api/v1/articles/${articleId}/spans`, { data: span })).status()).toBe(201);
    expect((await page.request.post(`/api/v1/articles/${articleId}/status`, { data: { action: 'submit' } })).status()).toBe(200);
    pages.push(page);
  }

  const ann1 = pages[0]!;
  // Ben's work is on the board now, so Ana's is fixed: her page says why, with no Reopen to fail.
  await ann1.goto(`/projects/${PROJECT}/articles/${articleId}`);
  await expect(ann1.getByRole('status').filter({ hasText: 'You submitted this article.' })).toContainText('At some point after another annotator submitted this article');
  await expect(ann1.getByRole('button', { name: 'Reopen' })).toHaveCount(0);
  await ann1.goto(`/projects/${PROJECT}/articles/${articleId}/review`);
  const own = ann1.getByRole('listitem', { name: 'Ana Annotator: Claim' });
  const theirs = ann1.getByRole('listitem', { name: 'Ben Annotator: Opinion' });
  await expect(own).toContainText('Your span: the others judge it.');
  await expect(own.getByRole('button', { name: 'Accept' })).toHaveCount(0);
  // A peer judges a span as it stands: editing it on its way into gold is a reviewer's.
  await expect(theirs.getByRole('button', { name: /^Edit/ })).toHaveCount(0);
  await theirs.getByRole('button', { name: 'Accept' }).click();
  await expect(theirs).toContainText('Accepted');
  await expect(ann1.getByRole('list', { name: 'Gold spans in text order' }).getByRole('listitem')).toHaveCount(1);
  // Accepting all at once, closing the review and the agreement figures stay with reviewers; so do the others' addresses.
  await expect(ann1.getByRole('button', { name: /^Accept all unanimous/ })).toHaveCount(0);
  await expect(ann1.getByRole('button', { name: 'Mark adjudicated' })).toHaveCount(0);
  await expect(ann1.getByRole('heading', { name: 'Agreement on this article' })).toHaveCount(0);
  const api = (await (await ann1.request.get(`/api/v1/articles/${articleId}/review`)).json()) as { annotators: Record<string, unknown>[] };
  expect(api.annotators.map((a) => Object.keys(a).sort())).toEqual([
    ['id', 'name'],
    ['id', 'name'],
  ]);

  // A verdict a reviewer (here the admin) gave stands: Ben's board shows it as settled, with nothing to change it.
  const board = (await (await admin.request.get(`/api/v1/articles/${articleId}/review`)).json()) as { spans: { id: string; annotatorId: string; version: number }[] };
  const anas = board.spans.find((s) => s.annotatorId === 'demo-user-ann1')!;
  expect((await admin.request.post(`/api/v1/spans/${anas.id}/verdict`, { data: { verdict: 'accepted', version: anas.version } })).status()).toBe(200);
  const ann2 = pages[1]!;
  await ann2.goto(`/projects/${PROJECT}/articles/${articleId}/review`);
  const anasCard = ann2.getByRole('listitem', { name: 'Ana Annotator: Claim' });
  await expect(anasCard).toContainText('A reviewer judged it.');
  await expect(anasCard.getByRole('button', { name: /^(Accept|Reject|Edit)/ })).toHaveCount(0);

  // Their queue holds the articles they submitted, and nothing about how far the others have got.
  await ann1.goto(`/projects/${PROJECT}/review`);
  await expect(ann1.getByRole('table', { name: 'Review queue' })).toContainText('Peers');
  await expect(ann1.getByRole('heading', { name: 'Annotators' })).toHaveCount(0);
  await expect(ann1.getByRole('table', { name: 'Annotators' })).toHaveCount(0);
});
