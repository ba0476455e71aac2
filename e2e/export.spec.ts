import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEMO_PROJECT, signInAs } from './helpers';

test('a reviewer downloads an export from the UI and every span reads back at its offsets', async ({ page }) => {
  await signInAs(page, 'reviewer@demo.test');
  await page.goto(`${DEMO_PROJECT}/export`);
  // CSV is written exactly as stored unless asked otherwise; the form says what either choice means.
  await page.locator('select[name=format]').selectOption('csv');
  await expect(page.getByLabel(/For a spreadsheet/)).not.toBeChecked();
  await expect(page.getByLabel(/For a spreadsheet/)).toHaveAccessibleDescription(/can run as a formula/);
  await page.locator('select[name=format]').selectOption('doccano');
  await expect(page.getByLabel(/For a spreadsheet/)).toHaveCount(0);
  // One article that is not adjudicated, on the gold layer: the form says it would export nothing, before the download.
  await page.locator('select[name=articleId]').selectOption('demo-article-wind');
  await expect(page.locator('select[name=articleId]')).toHaveAccessibleDescription(/is not adjudicated yet, so its gold layer is not exported/);
  await page.locator('select[name=layer]').selectOption('all');
  await expect(page.getByText(/is not adjudicated yet/)).toHaveCount(0);
  await page.locator('select[name=articleId]').selectOption('');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download export' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^slant-demo-project-all-doccano-\d{4}-\d{2}-\d{2}\.jsonl$/);
  await expect(page.getByRole('status')).toContainText('Downloaded');
  const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: [number, number, string][] });
  expect(lines.length).toBeGreaterThanOrEqual(3);
  const spans = lines.flatMap((l) => l.label.map(([start, end, label]) => ({ text: l.text, start, end, label })));
  expect(spans.length).toBeGreaterThan(0);
  for (const s of spans) {
    expect(['claim', 'opinion', 'sourced_quote']).toContain(s.label);
    expect(Array.from(s.text).slice(s.start, s.end).join('').trim().length).toBeGreaterThan(0);
  }
  const bridge = lines.find((l) => l.text.startsWith('Repairs to the Harbour Street bridge'))!;
  expect(bridge.label.some(([start, end]) => Array.from(bridge.text).slice(start, end).join('') === 'Repairs to the Harbour Street bridge will cost 14.2 million euros')).toBe(true);

  // To edit in doccano, whose editor counts UTF-16 code units: the choice is offered for doccano and Label Studio only.
  await page.getByLabel('Offsets').selectOption('utf-16');
  const [utf16] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download export' }).click()]);
  const utf16Lines = readFileSync((await utf16.path())!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: [number, number, string][]; meta: { offsets: string } });
  expect(utf16Lines.every((l) => l.meta.offsets === 'utf-16-code-units')).toBe(true);
  for (const l of utf16Lines) for (const [start, end] of l.label) expect(l.text.slice(start, end).trim().length).toBeGreaterThan(0);
  await page.locator('select[name=format]').selectOption('jsonl');
  await expect(page.getByLabel('Offsets')).toHaveCount(0);
});

test('a CSV made for a spreadsheet puts a quote before a cell that would run as a formula, and only when asked', async ({ page, browser }) => {
  const annotator = await browser.newPage();
  await signInAs(annotator, 'ann1@demo.test');
  const text = `The sheet said =SUM(A1) at ${Date.now()}. Nobody checked it.`;
  const created = await annotator.request.post('/api/v1/projects/demo-project/articles', { data: { articles: [{ title: `Formula ${Date.now()}`, text }] } });
  const articleId = ((await created.json()) as { articles: { id: string }[] }).articles[0]!.id;
  const start = text.indexOf('=SUM');
  expect((await annotator.request.post(`/api/v1/articles/${articleId}/spans`, { data: { label: 'claim', start, end: text.indexOf('. Nobody') } })).status()).toBe(201);
  expect((await annotator.request.post(`/api/v1/articles/${articleId}/status`, { data: { action: 'submit' } })).ok()).toBe(true);
  await annotator.close();

  await signInAs(page, 'reviewer@demo.test');
  await page.goto(`${DEMO_PROJECT}/export`);
  await page.locator('select[name=format]').selectOption('csv');
  await page.locator('select[name=layer]').selectOption('ann1@demo.test');
  await page.locator('select[name=articleId]').selectOption(articleId);
  const cellOf = async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download export' }).click()]);
    const rows = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(rows).toHaveLength(2);
    return rows[1]!.split(',')[6];
  };
  expect(await cellOf()).toBe(text.slice(start, text.indexOf('. Nobody')));
  await page.getByLabel(/For a spreadsheet/).check();
  expect(await cellOf()).toBe(`'${text.slice(start, text.indexOf('. Nobody'))}`);
});

test('an export that cannot start or finish says why and leaves no partial file; a signed-out reviewer is told to sign in', async ({ page, context }) => {
  await signInAs(page, 'reviewer@demo.test');
  await page.goto(`${DEMO_PROJECT}/export`);
  const download = page.getByRole('button', { name: 'Download export' });
  let downloads = 0;
  page.on('download', () => downloads++);

  // A double click starts one export, not two (the second click comes before the first answer).
  let exportRequests = 0;
  page.on('request', (request) => {
    if (request.url().includes('/export?')) exportRequests++;
  });
  await download.dblclick();
  await expect(page.getByRole('status')).toContainText('Downloaded');
  await expect(download).toHaveAccessibleName('Download export');
  expect(exportRequests).toBe(1);
  await expect.poll(() => downloads).toBe(1);
  downloads = 0;

  // No answer at all (the connection drops before the server answers).
  await page.route('**/api/v1/projects/*/export?*', (route) => route.abort('connectionreset'));
  await download.click();
  await expect(page.getByRole('alert').filter({ hasText: 'could not' })).toHaveText('The server could not be reached. Nothing was downloaded; try again.');

  // The answer starts, then breaks off part way (as a dropped connection does to the page's
  // stream): what arrived is not offered as the file.
  await page.unroute('**/api/v1/projects/*/export?*');
  await page.evaluate(() => {
    const fetchBefore = window.fetch;
    window.fetch = async (input, init) => {
      const response = await fetchBefore(input, init);
      if (!String(input).includes('/export?') || !response.body) return response;
      const reader = response.body.getReader();
      let chunks = 0;
      const broken = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { value, done } = await reader.read();
          if (done || ++chunks > 1) controller.error(new TypeError('network error'));
          else controller.enqueue(value);
        },
      });
      return new Response(broken, { status: response.status, headers: response.headers });
    };
  });
  await download.click();
  await expect(page.getByRole('alert').filter({ hasText: 'stopped' })).toHaveText('The export stopped before it was complete, so nothing was saved. Try again.');
  await expect(page.getByRole('progressbar')).toHaveCount(0);

  await page.reload();
  await context.clearCookies();
  await download.click();
  await expect(page.getByRole('alert').filter({ hasText: 'signed out' })).toHaveText('You are signed out: your session has ended. Sign in again, then download once more.');
  expect(downloads).toBe(0);
});
