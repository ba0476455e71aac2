import { expect, test } from '@playwright/test';
import { alerts, DEMO_PROJECT, FIXTURE, signInAs } from './helpers';

test('importing the scraped fixture proposes clean metadata and body, and flags a duplicate', async ({ page }) => {
  await signInAs(page, 'ann1@demo.test');
  await page.goto(`${DEMO_PROJECT}/import`);
  await page.getByLabel('Or upload files').setInputFiles(FIXTURE);
  await page.getByRole('button', { name: 'Preview' }).click();

  const draft = page.getByRole('group', { name: 'Article 1' });
  await expect(draft.getByLabel('Title')).toHaveValue('Sino/Russia Alliance on the World Stage');
  await expect(draft.getByLabel('Author')).toHaveValue('Stephen Lendman');
  await expect(draft.getByLabel('Topic')).toHaveValue('China');
  await expect(draft.getByLabel('Source URL')).toHaveValue('www.universityofreason.com/a/29887/KWADzukm');
  const body = await draft.getByLabel('Body').inputValue();
  expect(body.startsWith('For the second time this year')).toBe(true);
  expect(body.endsWith('smashing other nations its favored strategy time and again.')).toBe(true);
  expect(body).not.toContain('Article Image');
  expect(body).not.toContain('universityofreason');
  expect(body).toContain('\u00a0');

  await page.getByRole('button', { name: 'Save 1 article' }).click();
  await expect(page).toHaveURL(new RegExp(`${DEMO_PROJECT}\\?imported=1$`));
  // The project page says it arrived, and where it is.
  await expect(page.getByRole('status').filter({ hasText: 'imported' })).toHaveText('1 article imported: it is at the end of the queue.');
  await expect(page.getByRole('link', { name: 'Sino/Russia Alliance on the World Stage' })).toBeVisible();

  // The article page links its source as https, in a new tab that gets no opener or referrer.
  await page.getByRole('link', { name: 'Sino/Russia Alliance on the World Stage' }).click();
  const source = page.getByRole('link', { name: 'www.universityofreason.com/a/29887/KWADzukm' });
  await expect(source).toHaveAttribute('href', 'https://www.universityofreason.com/a/29887/KWADzukm');
  await expect(source).toHaveAttribute('target', '_blank');
  await expect(source).toHaveAttribute('rel', 'noopener noreferrer nofollow');

  // The same file again: flagged as a duplicate and not selected for import.
  await page.goto(`${DEMO_PROJECT}/import`);
  await page.getByLabel('Or upload files').setInputFiles(FIXTURE);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('note')).toContainText('Duplicate');
  await expect(page.getByRole('checkbox', { name: 'Import this article' })).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Save 0 articles' })).toBeDisabled();
});

test('a bad JSONL line is reported with its line number and nothing from the file is offered', async ({ page }) => {
  await signInAs(page, 'ann1@demo.test');
  await page.goto(`${DEMO_PROJECT}/import`);
  const jsonl = ['{"title":"Fine","text":"A fine article."}', '{"title":"Broken", "text": ', '{"title":"Also fine","text":"Another one."}'].join('\n');
  await page.getByLabel('Or upload files').setInputFiles({ name: 'batch.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(jsonl) });
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(alerts(page)).toContainText('line 2');
  await expect(alerts(page)).toContainText('Nothing from batch.jsonl will be imported');
  await expect(page.getByRole('group', { name: 'Article 1' })).toHaveCount(0);
});

test('empty pasted text and unreadable files get clear messages', async ({ page }) => {
  await signInAs(page, 'ann1@demo.test');
  await page.goto(`${DEMO_PROJECT}/import`);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(alerts(page)).toHaveText('Paste some text or choose at least one file.');
  await page.getByLabel('Or upload files').setInputFiles({ name: 'image.txt', mimeType: 'text/plain', buffer: Buffer.from([0xff, 0xfe, 0x00, 0x89, 0x50]) });
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(alerts(page)).toContainText('image.txt');
  await expect(alerts(page)).toContainText('not readable');
});

test('a preview or a dataset check that cannot reach the server, or whose session has ended, says so and keeps the form', async ({ page, context }) => {
  await signInAs(page, 'reviewer@demo.test');
  await page.goto(`${DEMO_PROJECT}/import`);
  await page.getByLabel('Or upload files').setInputFiles(FIXTURE);
  await page.route('**/api/v1/projects/*/import/preview', (route) => route.abort('connectionreset'));
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(alerts(page)).toHaveText('The server could not be reached. Nothing was read; try again.');
  await page.unroute('**/api/v1/projects/*/import/preview');
  await context.clearCookies();
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(alerts(page)).toHaveText('You are signed out: your session has ended. Sign in again in another tab (this page keeps your preview), then try once more.');

  const form = page.getByLabel('Import a dataset with annotations');
  await form.getByLabel('Dataset file').setInputFiles({ name: 'doccano.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(JSON.stringify({ text: 'A claim.', label: [[0, 8, 'claim']] })) });
  await form.getByRole('button', { name: 'Check file' }).click();
  await expect(form.getByRole('alert')).toHaveText('You are signed out: your session has ended. Sign in again, then send the file once more.');
  await page.route('**/api/v1/projects/*/import?*', (route) => route.abort('connectionreset'));
  await form.getByRole('button', { name: 'Check file' }).click();
  await expect(form.getByRole('alert')).toHaveText('The server could not be reached. Nothing was checked; try again.');
});

test('an annotator is offered only their own annotations as the place for a dataset\'s spans, and the import lands there', async ({ page }) => {
  await signInAs(page, 'ann2@demo.test');
  await page.goto(`${DEMO_PROJECT}/import`);
  const form = page.getByLabel('Import a dataset with annotations');
  const spansBecome = form.getByLabel('Spans become');
  await expect(spansBecome.getByRole('option')).toHaveText(['your own annotations (submitted)']);
  await expect(spansBecome).toHaveValue('ann2@demo.test');
  // The second span, a stray selection of the paragraph break, marks no text: it is left out, and said so.
  const text = `Own layer ${Date.now()}: the mayor said no cuts. \n\nNobody believed it.`;
  const line = JSON.stringify({ text, label: [[0, 9, 'claim'], [text.indexOf(' \n\n'), text.indexOf(' \n\n') + 3, 'claim']] });
  await form.getByLabel('Dataset file').setInputFiles({ name: 'own.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(line) });
  await form.getByRole('button', { name: 'Check file' }).click();
  await expect(form.getByRole('status')).toHaveText(
    'Check: 1 article with 1 span would be imported. 1 span covering only spaces or line breaks marks no text and is left out.',
  );
  await form.getByRole('button', { name: 'Import dataset' }).click();
  await expect(form.getByText('Imported 1 article with 1 span.')).toBeVisible();
});

test('the preview names what the save would refuse, by the numbers on the page, and a second preview asks before it replaces edited drafts', async ({ page }) => {
  await signInAs(page, 'ann1@demo.test');
  await page.goto(`${DEMO_PROJECT}/import`);
  const run = Date.now();
  const lines = [
    { title: `Checked ${run}`, date: 'spring 2024', text: `Checked ${run}: the mayor said the bridge will open in May.` },
    { title: `Repeat ${run}`, text: `Checked ${run}: the mayor said the bridge will open in May.` },
  ];
  await page.getByLabel('Or upload files').setInputFiles({ name: 'two.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')) });
  await page.getByRole('button', { name: 'Preview' }).click();
  const first = page.getByRole('group', { name: 'Article 1' });
  const second = page.getByRole('group', { name: 'Article 2' });
  // A date Slant could not read is shown as written, and named as the problem it is.
  await expect(first.getByLabel('Publication date')).toHaveValue('spring 2024');
  await expect(first.getByRole('list', { name: 'Problems with article 1' })).toContainText('The publication date "spring 2024" is not a real date');
  await expect(second.getByRole('list', { name: 'Problems with article 2' })).toHaveText("The text is the same as Article 1's; import it once.");

  await page.getByRole('button', { name: 'Save 2 articles' }).click();
  await expect(alerts(page)).toContainText(`Nothing was saved. Put these right, or untick the article: Article 1 (“Checked ${run}”): The publication date`);
  await expect(alerts(page)).toContainText(`Article 2 (“Repeat ${run}”): The text is the same as Article 1's`);
  await expect(first.getByLabel('Publication date')).toBeFocused();
  await expect(first.getByLabel('Publication date')).toHaveAttribute('aria-invalid', 'true');

  await first.getByLabel('Publication date').fill('2024-04-03');
  // A second preview would drop that correction: it asks first, and keeps the drafts when declined.
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toBe('Replace the 2 drafts below, and the changes you made to them, with a new preview?');
    void dialog.dismiss();
  });
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(first.getByLabel('Publication date')).toHaveValue('2024-04-03');
  await expect(first.getByRole('list', { name: 'Problems with article 1' })).toHaveCount(0);

  await second.getByLabel('Import this article').uncheck();
  await expect(second.getByRole('list', { name: 'Problems with article 2' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Save 1 article' }).click();
  await expect(page).toHaveURL(new RegExp(`${DEMO_PROJECT}\\?imported=1$`));
  await expect(page.getByRole('link', { name: `Checked ${run}` })).toBeVisible();
  await expect(page.getByRole('link', { name: `Repeat ${run}` })).toHaveCount(0);
});

test("a save refused for an article that became a duplicate since the preview names it by the page's number", async ({ page }) => {
  await signInAs(page, 'ann1@demo.test');
  await page.goto(`${DEMO_PROJECT}/import`);
  const run = Date.now();
  const lines = [
    { title: `Left out ${run}`, text: `Left out ${run}: the ferry timetable changes in June.` },
    { title: `Taken ${run}`, text: `Taken ${run}: the council approved the new cycle lanes.` },
  ];
  await page.getByLabel('Or upload files').setInputFiles({ name: 'two.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')) });
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('group', { name: 'Article 1' }).getByLabel('Import this article').uncheck();
  // Meanwhile someone saves the second text.
  const meanwhile = await page.request.post('/api/v1/projects/demo-project/articles', { data: { articles: [{ title: `Saved first ${run}`, text: lines[1]!.text }] } });
  expect(meanwhile.status()).toBe(201);
  await page.getByRole('button', { name: 'Save 1 article' }).click();
  // The server counted one article sent; the page says "Article 2", as it shows it.
  await expect(alerts(page)).toContainText(`Article 2 has the same text as “Saved first ${run}”, already in this project.`);
});

test('a dataset with differently named labels is mapped in the UI and imported into the gold layer', async ({ page }) => {
  await signInAs(page, 'reviewer@demo.test');
  await page.goto(`${DEMO_PROJECT}/import`);
  const form = page.getByLabel('Import a dataset with annotations');
  const line = JSON.stringify({ text: `Mapped ${Date.now()}: the mayor said “no cuts.” Prices rose 4%.`, label: [[0, 6, 'CLAIM'], [33, 43, 'Quote']] });
  await form.getByLabel('Dataset file').setInputFiles({ name: 'doccano.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(line) });
  await form.getByRole('button', { name: 'Check file' }).click();
  await expect(form.getByRole('table', { name: 'Label mapping' })).toBeVisible();
  await expect(form.getByLabel('Map CLAIM')).toHaveValue('claim');
  await expect(form.getByLabel('Map Quote')).toHaveValue('');
  await expect(alerts(page)).toContainText('label "Quote" has no Slant label');
  await form.getByLabel('Map Quote').selectOption('sourced_quote');
  // The check answered for the mapping before: a changed mapping is checked again before it imports.
  await expect(form.getByRole('status')).toHaveText('The settings changed since the check: check the file again before importing.');
  await expect(form.getByRole('button', { name: 'Import dataset' })).toBeDisabled();
  await form.getByRole('button', { name: 'Check file' }).click();
  await expect(form.getByRole('status')).toHaveText('Check: 1 article with 2 spans would be imported.');
  await form.getByRole('button', { name: 'Import dataset' }).click();
  await expect(form.getByText('Imported 1 article with 2 spans.')).toBeVisible();
  // Done with that file: importing it again could only be refused, so the form waits for another.
  await expect(form.getByRole('button', { name: 'Import dataset' })).toBeDisabled();
  await expect(form.getByRole('button', { name: 'Check file' })).toBeDisabled();
});

test("a file with several annotators' spans asks whose to take, then leaves out the articles they did not annotate", async ({ page }) => {
  await signInAs(page, 'reviewer@demo.test');
  // Every layer of the first demo project, imported (checked only) into the second one.
  const exported = await page.request.get('/api/v1/projects/demo-project/export?format=jsonl&layer=all');
  expect(exported.ok()).toBe(true);
  await page.goto('/projects/demo-review/import');
  const form = page.getByLabel('Import a dataset with annotations');
  await form.getByLabel('Dataset file').setInputFiles({ name: 'all.jsonl', mimeType: 'application/x-ndjson', buffer: await exported.body() });
  await form.getByRole('button', { name: 'Check file' }).click();
  await expect(alerts(page)).toContainText("its spans come from");
  await expect(alerts(page)).toContainText("choose whose to import");
  // A refused check is not a plan: no "would be imported" figures, and no import.
  await expect(form.getByRole('status')).toHaveText('The check found problems, so nothing can be imported as things stand: see the message and the problems below.');
  await expect(form.getByRole('button', { name: 'Import dataset' })).toBeDisabled();
  await form.getByLabel(/^Spans from/).selectOption('=ann1@demo.test');
  // The choice shows as chosen (not "Choose…"), to the eye and to a screen reader.
  await expect(form.getByLabel(/^Spans from/)).toHaveValue('=ann1@demo.test');
  await expect(form.getByRole('button', { name: 'Import dataset' })).toBeDisabled();
  await form.getByRole('button', { name: 'Check file' }).click();
  await expect(form.getByRole('status')).toContainText('would be imported');
  await expect(form.getByRole('status')).toContainText(/no spans from the annotator you chose and (is|are) left out/);
  await expect(alerts(page)).toHaveCount(0);
});

test('a file with a problem is left out alone: another whose name starts the same is kept', async ({ page }) => {
  await signInAs(page, 'reviewer@demo.test');
  const form = new FormData();
  form.append('files', new Blob(['   \n'], { type: 'text/plain' }), 'notes.txt');
  form.append('files', new Blob([`Second draft ${Date.now()}\n\nThe council met on Tuesday and voted on the plan.`], { type: 'text/plain' }), 'notes.txt v2.txt');
  const response = await page.request.post('/api/v1/projects/demo-project/import/preview', { multipart: form });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { rejectedSources: string[]; drafts: { source: string }[] };
  expect(body.rejectedSources).toEqual(['notes.txt']);
  expect(body.drafts.map((d) => d.source)).toEqual(['notes.txt v2.txt']);

  // Two files of one name (from two folders) are told apart, and each is still read as what its name says.
  const twins = new FormData();
  const record = (title: string) => JSON.stringify({ title, text: `${title}: the council met on Tuesday (${Date.now()}).` });
  twins.append('files', new Blob([`${record('First twin')}\n`], { type: 'application/x-ndjson' }), 'articles.jsonl');
  twins.append('files', new Blob([`${record('Second twin')}\n{not json\n`], { type: 'application/x-ndjson' }), 'articles.jsonl');
  const read = (await (await page.request.post('/api/v1/projects/demo-project/import/preview', { multipart: twins })).json()) as { rejectedSources: string[]; drafts: { title: string; source: string }[] };
  expect(read.drafts.map((d) => [d.title, d.source])).toEqual([['First twin', 'articles.jsonl (file 1 of that name) line 1']]);
  expect(read.rejectedSources).toEqual(['articles.jsonl (file 2 of that name)']);
});
