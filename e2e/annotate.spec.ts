import { expect, test, type Locator, type Page } from '@playwright/test';
import { alerts, annotationsList, caretBefore, selectedText, DEMO_PROJECT, dragSelect, signInAs, textBounds, waitForPainter, waitForSaved } from './helpers';

const ARTICLE = `${DEMO_PROJECT}/articles/demo-article-schools`;

type StoredSpan = { id: string; label: string; start: number; end: number; quote: string; note: string; speaker: string; prefix: string; suffix: string; version: number };

async function storedSpans(page: Page, articleId: string): Promise<StoredSpan[]> {
  const response = await page.request.get(`/api/v1/articles/${articleId}/spans`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { spans: StoredSpan[] }).spans;
}

/** Whether an element's text lies inside its own box (the save line's text sits in a fixed one). */
function textFitsItsBox(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const text = range.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return text.width > 0 && text.right <= box.right + 0.5 && text.bottom <= box.bottom + 0.5;
  });
}

/** A new article of the demo project, made through the API; its id. */
async function newArticle(page: Page, title: string, text: string): Promise<string> {
  const created = await page.request.post('/api/v1/projects/demo-project/articles', { data: { articles: [{ title, text }] } });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { articles: { id: string }[] }).articles[0].id;
}

/** ann2 on the wind article with a claim on its second sentence, saved: the set-up of the save tests below. */
async function windWithSecondSentenceClaim(page: Page): Promise<void> {
  await signInAs(page, 'ann2@demo.test');
  await page.goto(`${DEMO_PROJECT}/articles/demo-article-wind`);
  await dragSelect(page, 'The project is expected', 'in 2029.');
  await page.keyboard.press('1');
  await waitForSaved(page);
}

/** Deletes that claim again, for the tests after this one. */
async function deleteSecondSentenceClaim(page: Page): Promise<void> {
  await annotationsList(page).getByRole('button', { name: /The project is expected/ }).click();
  await page.keyboard.press('Delete');
  await waitForSaved(page);
}

const toolbarButton = (page: Page, name: string) => page.getByRole('toolbar', { name: 'Label the selection' }).getByRole('button', { name });

test('an annotator labels, overlaps, edits, deletes and undoes; everything survives a reload; the other annotator sees none of it', async ({ page, browser }) => {
  await signInAs(page, 'ann1@demo.test');
  await page.goto(ARTICLE);
  await expect(page.getByRole('heading', { name: /Four-day school weeks/ })).toBeVisible();
  const list = annotationsList(page);

  // 1. Mouse drag + toolbar. The drag starts and ends inside words: the span snaps to whole words.
  await dragSelect(page, 'hree districts', 'switche');
  await toolbarButton(page, 'Claim').click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem').first()).toContainText('Claim');
  await expect(list.getByRole('listitem').first()).toContainText('Three districts in the valley switched');

  // 2. Keyboard selection + key: caret before "Supporters", Shift+Ctrl+Right three times, then "2".
  await caretBefore(page, 'Supporters say');
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => selectedText(page)).toBe('S');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Control+ArrowRight');
  await expect.poll(() => selectedText(page)).toMatch(/^Supporters say the\s?$/);
  await expect(page.getByRole('toolbar', { name: 'Label the selection' })).toBeVisible();
  await page.keyboard.press('2');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').filter({ hasText: 'Opinion' })).toContainText('Supporters say the');

  // 3. A span overlapping the first one.
  await dragSelect(page, 'districts in the valley', 'four-day school week');
  await page.keyboard.press('2');
  await expect(list.getByRole('listitem')).toHaveCount(3);
  // Where the two meet, a click offers both, so each stays reachable from the text.
  await page.keyboard.press('Escape');
  const valley = await textBounds(page, 'valley');
  await page.mouse.click(valley.x1 + 10, valley.y1);
  const chooser = page.getByRole('menu', { name: 'Spans at this point' });
  await expect(chooser.getByRole('menuitem')).toHaveCount(2);
  await chooser.getByRole('menuitem', { name: /Opinion/ }).click();
  await expect(page.getByTestId('span-details').getByLabel('Label')).toHaveValue('opinion');
  await page.getByRole('button', { name: 'Close details' }).click();

  // 4. A sourced quote with a speaker, suggested from the names in the article.
  await dragSelect(page, '“Teachers are', 'plan,”');
  await toolbarButton(page, 'Sourced quote').click();
  const details = page.getByTestId('span-details');
  await expect(details.getByLabel('Label')).toHaveValue('sourced_quote');
  await expect(page.locator('datalist option[value="Priya Natarajan"]')).toHaveCount(1);
  // Until a speaker is given, the list says the quote has none.
  await expect(list.getByRole('listitem').filter({ hasText: 'Teachers are' })).toContainText('— no speaker yet');
  // A pause after the first name saves it without the space typed after it, and the field, still
  // being typed in, keeps that space for the surname.
  await details.getByLabel('Speaker').pressSequentially('Priya ');
  await waitForSaved(page);
  await expect(list.getByRole('listitem').filter({ hasText: 'Teachers are' })).toContainText('— Priya');
  await expect(details.getByLabel('Speaker')).toHaveValue('Priya ');
  await details.getByLabel('Speaker').pressSequentially('Natarajan ');
  await details.getByLabel('Speaker').press('Enter');
  await waitForSaved(page);
  await expect(list.getByRole('listitem').filter({ hasText: 'Teachers are' })).toContainText('— Priya Natarajan');

  // 5. Click a highlight in the text to open it; change its label and write a note.
  const supporters = await textBounds(page, 'Supporters');
  await page.mouse.click(supporters.x1 + 5, supporters.y1);
  await expect(details.getByLabel('Label')).toHaveValue('opinion');
  await details.getByLabel('Label').selectOption('claim');
  await details.getByLabel('Note').fill('Attributed to unnamed supporters.');
  await details.getByLabel('Note').blur();
  await waitForSaved(page);

  // 6. Delete a span, undo with Ctrl+Z, then delete a throw-away span for good.
  await list.getByRole('button', { name: /districts in the valley switched to a four-day/ }).click();
  await details.getByRole('button', { name: 'Delete span' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await page.locator('body').press('Control+z');
  await expect(list.getByRole('listitem')).toHaveCount(4);
  await dragSelect(page, 'thin return');
  await page.keyboard.press('1');
  await expect(list.getByRole('listitem')).toHaveCount(5);
  await list.getByRole('button', { name: /thin return/ }).click();
  await details.getByRole('button', { name: 'Delete span' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(4);
  await waitForSaved(page);

  // 7. Reload: everything is where it was.
  await page.reload();
  await expect(list.getByRole('listitem')).toHaveCount(4);
  await expect(list.getByRole('listitem').nth(0)).toContainText('Three districts in the valley switched');
  await expect(list.getByRole('listitem').nth(1)).toContainText('districts in the valley switched to a four-day school week');
  await expect(list.getByRole('listitem').filter({ hasText: 'Supporters say the' })).toContainText('Attributed to unnamed supporters.');
  await expect(list.getByRole('listitem').filter({ hasText: 'Teachers are exhausted' })).toContainText('Priya Natarajan');

  const stored = await storedSpans(page, 'demo-article-schools');
  expect(stored.map((s) => [s.label, s.quote])).toEqual([
    ['claim', 'Three districts in the valley switched'],
    ['opinion', 'districts in the valley switched to a four-day school week'],
    ['claim', expect.stringMatching(/^Supporters say the/)],
    ['sourced_quote', '“Teachers are exhausted, and the fifth day gives them time to plan,”'],
  ]);
  expect(stored[0].start).toBe(0);
  expect(stored[0].suffix).toBe(' to a four-day school week this ');
  expect(stored[3].speaker).toBe('Priya Natarajan');

  // 8. The other annotator sees none of it (blind annotation), on the page or through the API.
  const context = await browser.newContext();
  const other = await context.newPage();
  await signInAs(other, 'ann2@demo.test');
  await other.goto(ARTICLE);
  await expect(other.getByRole('heading', { name: 'Annotations' })).toBeVisible();
  await expect(annotationsList(other)).toHaveCount(0);
  expect(await storedSpans(other, 'demo-article-schools')).toEqual([]);
  await context.close();
});

test('offsets are code points: emoji, combining accents and non-breaking spaces', async ({ page }) => {
  await signInAs(page, 'ann2@demo.test');
  await page.goto(`${DEMO_PROJECT}/import`);
  const raw = `Unicode check ${Date.now()}\n\nThe family 👩‍👩‍👧 walked 10\u00a0km. Le cafe\u0301 était fermé, said Zoë.`;
  await page.getByLabel('Paste text').fill(raw);
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('group', { name: 'Article 1' }).getByLabel('Title').fill(`Unicode ${Date.now()}`);
  await page.getByRole('button', { name: 'Save 1 article' }).click();
  await page.getByRole('link', { name: /^Unicode \d+/ }).click();
  await expect(page.getByTestId('article-text')).toContainText('était fermé');

  await dragSelect(page, 'était', 'fermé');
  await page.keyboard.press('1');
  await dragSelect(page, 'km. Le');
  await page.keyboard.press('2');
  await waitForSaved(page);

  const articleId = page.url().split('/').pop()!;
  const spans = await storedSpans(page, articleId);
  const body = await page.getByTestId('article-text').evaluate((el) => Array.from(el.querySelectorAll('p')).map((p) => p.textContent).join('\n'));
  const points = Array.from(body);
  for (const span of spans) expect(points.slice(span.start, span.end).join('')).toBe(span.quote);
  expect(spans.map((s) => s.quote)).toEqual(['km. Le', 'était fermé']);
  // 'café' arrived decomposed and was stored composed (NFC): one code point for 'é'.
  expect(body).toContain('caf\u00e9');
  // The family emoji is 5 code points but 8 UTF-16 units: a UTF-16 offset would be 3 too far.
  expect(spans[1].start).toBe(Array.from(body.slice(0, body.indexOf('était'))).length);
  expect(spans[0].start).toBe(Array.from(body.slice(0, body.indexOf('km. Le'))).length);
});

test('submitting an article locks it, moves the queue on, and can be reopened', async ({ page }) => {
  await signInAs(page, 'ann2@demo.test');
  await page.goto(`${DEMO_PROJECT}/articles/demo-article-wind`);
  await expect(page.getByText('0 of 3 articles submitted').or(page.getByText(/0 of \d+ articles submitted/))).toBeVisible();
  await page.getByRole('button', { name: 'Submit article' }).click();
  await expect(page.getByText('You submitted this article.')).toBeVisible();
  await expect(page.getByText(/1 of \d+ articles submitted/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit article' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Next article' }).click();
  await expect(page).not.toHaveURL(/demo-article-wind$/);
  await page.goto(`${DEMO_PROJECT}/articles/demo-article-wind`);
  await page.getByRole('button', { name: 'Reopen' }).click();
  await expect(page.getByRole('button', { name: 'Submit article' })).toBeVisible();
});

test('an article submitted in another tab: a span drawn in this one is refused once, and the page then shows it submitted, with Reopen', async ({ page, context }) => {
  await signInAs(page, 'ann2@demo.test');
  const article = `${DEMO_PROJECT}/articles/demo-article-wind`;
  await page.goto(article);
  const other = await context.newPage();
  await other.goto(article);
  await other.getByRole('button', { name: 'Submit article' }).click();
  await expect(other.getByText('You submitted this article.')).toBeVisible();
  // This tab still shows it open; the span is refused with the reason, and the page catches up.
  await dragSelect(page, 'The project is expected', 'in 2029.');
  await page.keyboard.press('1');
  await expect(page.getByText('You submitted this article.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reopen' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Submit article' })).toHaveCount(0);
  await expect(annotationsList(page).getByRole('listitem').filter({ hasText: 'The project is expected' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Reopen' }).click();
  await expect(page.getByRole('button', { name: 'Submit article' })).toBeVisible();
  await other.close();
});

test('Reopen refused because a reviewer judged a span meanwhile: the page says why and stays submitted', async ({ page, browser }) => {
  await signInAs(page, 'ann2@demo.test');
  const text = `Written for the reopen test at ${Date.now()}.\n\nThe ferry will stop in winter. Nobody asked the islanders.`;
  const articleId = await newArticle(page, `Judged meanwhile ${Date.now()}`, text);
  const span = await page.request.post(`/api/v1/articles/${articleId}/spans`, { data: { label: 'claim', start: text.indexOf('The ferry'), end: text.indexOf(' Nobody') } });
  expect(span.status()).toBe(201);
  const { id: spanId, version } = ((await span.json()) as { span: { id: string; version: number } }).span;
  expect((await page.request.post(`/api/v1/articles/${articleId}/status`, { data: { action: 'submit' } })).ok()).toBe(true);
  await page.goto(`${DEMO_PROJECT}/articles/${articleId}`);
  await expect(page.getByText('You submitted this article.')).toBeVisible();

  // While the page is open, a reviewer accepts the span.
  const reviewer = await browser.newPage();
  await signInAs(reviewer, 'reviewer@demo.test');
  expect((await reviewer.request.post(`/api/v1/spans/${spanId}/verdict`, { data: { verdict: 'accepted', version } })).ok()).toBe(true);
  await reviewer.close();

  await page.getByRole('button', { name: 'Reopen' }).click();
  // Refused, and the page reloads to show why in place of a button that would be refused again;
  // the focus goes to that note rather than to the top of the page.
  const note = page.getByRole('status').filter({ hasText: 'You submitted this article.' });
  await expect(note).toContainText('A reviewer has already judged your annotations on this article, so they can no longer change.');
  await expect(page.getByRole('button', { name: 'Reopen' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Submit article' })).toHaveCount(0);
  await expect(note).toBeFocused();
});

test('a drag that begins in the title or runs past the article is cut at the article\'s edges', async ({ page }) => {
  await signInAs(page, 'ann2@demo.test');
  const title = `Edges ${Date.now()}`;
  const text = 'The ferry will stop in winter.\n\nNobody asked the islanders.';
  const articleId = await newArticle(page, title, text);
  await page.goto(`${DEMO_PROJECT}/articles/${articleId}`);
  const list = annotationsList(page);
  // From the heading's first word into the text.
  const heading = (await page.getByRole('heading', { name: title }).boundingBox())!;
  const winter = await textBounds(page, 'winter');
  await page.mouse.move(heading.x + 2, heading.y + heading.height / 2);
  await page.mouse.down();
  await page.mouse.move(winter.x2, winter.y2, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.press('1');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  // From a word of the last line to well below the article.
  await page.keyboard.press('Escape');
  const nobody = await textBounds(page, 'Nobody');
  const article = (await page.getByTestId('article-text').boundingBox())!;
  await page.mouse.move(nobody.x1, nobody.y1);
  await page.mouse.down();
  await page.mouse.move(article.x + article.width / 2, article.y + article.height + 60, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.press('2');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await waitForSaved(page);
  const stored = await storedSpans(page, articleId);
  expect(stored.map((s) => [s.label, s.quote])).toEqual([
    ['claim', 'The ferry will stop in winter'],
    ['opinion', 'Nobody asked the islanders.'],
  ]);
});

test('clicking a highlight in view opens its span without scrolling the text from under the pointer; the Undo button undoes as Ctrl+Z does', async ({ page }) => {
  await signInAs(page, 'ann2@demo.test');
  const stamp = Date.now();
  const lines = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} of the scrolling test ${stamp}.`);
  const articleId = await newArticle(page, `Scrolling ${stamp}`, lines.join('\n\n'));
  await page.goto(`${DEMO_PROJECT}/articles/${articleId}`);
  await caretBefore(page, 'Paragraph 20 ');
  for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+Control+ArrowRight');
  await expect.poll(() => selectedText(page)).toMatch(/^Paragraph 20\s?$/);
  await page.keyboard.press('1');
  await waitForSaved(page);
  const stored = await storedSpans(page, articleId);
  expect(stored.map((s) => s.quote)).toEqual(['Paragraph 20']);
  await page.keyboard.press('Escape');
  // The highlight near the bottom of the window, where opening it used to pull it up to a third.
  const before = await textBounds(page, 'Paragraph 20 ');
  await page.evaluate((dy) => window.scrollBy({ top: dy, behavior: 'instant' }), before.y1 - (page.viewportSize()!.height - 60));
  const scrolled = await page.evaluate(() => window.scrollY);
  const target = await textBounds(page, 'Paragraph 20 ');
  await page.mouse.click(target.x1 + 5, target.y1);
  await expect(page.getByTestId('span-details').getByLabel('Label')).toHaveValue('claim');
  // Long enough for a smooth scroll to have moved the page.
  await page.waitForTimeout(600);
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);

  // The Undo button does what Ctrl+Z does, for a mouse: the delete, then the label, then nothing.
  const list = annotationsList(page);
  const announcer = page.getByTestId('announcer');
  await page.getByTestId('span-details').getByRole('button', { name: 'Delete span' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(announcer).toHaveText('Undone: the span is back');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(0);
  await expect(announcer).toHaveText('Undone: the new span is removed');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(announcer).toHaveText('Nothing to undo on this page');
  await waitForSaved(page);
  expect(await storedSpans(page, articleId)).toEqual([]);
});

test('a browser without the CSS Custom Highlight API is told so, and labelling still works there', async ({ page }) => {
  await page.addInitScript(() => {
    delete (CSS as { highlights?: unknown }).highlights;
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInAs(page, 'ann2@demo.test');
  const stamp = Date.now();
  const articleId = await newArticle(page, `No highlights ${stamp}`, `Old browsers exist ${stamp}.`);
  await page.goto(`${DEMO_PROJECT}/articles/${articleId}`);
  await expect(page.getByRole('note')).toContainText('This browser cannot show highlights in the text');
  await dragSelect(page, 'Old browsers');
  await page.keyboard.press('2');
  await expect(annotationsList(page).getByRole('listitem')).toHaveCount(1);
  await waitForSaved(page);
  expect((await storedSpans(page, articleId)).map((s) => [s.label, s.quote])).toEqual([['opinion', 'Old browsers']]);
  expect(errors).toEqual([]);
});

test('an article with a source address and no other details shows just the address, as a link that opens apart', async ({ page }) => {
  await signInAs(page, 'ann2@demo.test');
  const sourceUrl = `https://example.org/news/${Date.now()}`;
  const created = await page.request.post(`/api/v1/projects/demo-project/articles`, {
    data: { articles: [{ title: `Source only ${Date.now()}`, text: 'The council met on Monday.', sourceUrl }] },
  });
  expect(created.status()).toBe(201);
  const articleId = ((await created.json()) as { articles: { id: string }[] }).articles[0].id;
  await page.goto(`${DEMO_PROJECT}/articles/${articleId}`);
  const meta = page.locator('.article-head .meta');
  await expect(meta).toHaveText(sourceUrl);
  await expect(meta.getByRole('link', { name: sourceUrl })).toHaveAttribute('rel', 'noopener noreferrer nofollow');
});

test('typing a speaker while the new span is still being saved keeps what was typed; relabelled, the quote loses its speaker and undo brings it back', async ({ page }) => {
  await signInAs(page, 'ann2@demo.test');
  // Hold the create back a little, as a slow network would: the speaker is typed before the
  // save ends and confirmed with Enter just after it, inside the note field's save delay.
  await page.route('**/api/v1/articles/*/spans', async (route) => {
    if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });
  await page.goto(`${DEMO_PROJECT}/articles/demo-article-wind`);
  await dragSelect(page, '“Our members', 'this coast,”');
  const created = page.waitForResponse((r) => r.url().endsWith('/spans') && r.request().method() === 'POST');
  await page.keyboard.press('3');
  const speaker = page.getByTestId('span-details').getByLabel('Speaker');
  await speaker.fill('Ewa Kowalczyk');
  await created;
  await speaker.press('Enter');
  await expect(speaker).toHaveValue('Ewa Kowalczyk');
  await waitForSaved(page);
  await page.reload();
  const quote = annotationsList(page).getByRole('listitem').filter({ hasText: 'Our members' });
  await expect(quote).toContainText('Ewa Kowalczyk');

  // Only a sourced quote has a speaker: relabelled, the span loses it on the page as on the server,
  // and the page says so; undo brings back both the label and the speaker.
  await quote.getByRole('button').first().click();
  await page.keyboard.press('1');
  const announcer = page.getByTestId('announcer');
  await expect(announcer).toHaveText('Label changed to Claim; the speaker Ewa Kowalczyk was removed. Ctrl+Z brings it back.');
  await expect(quote).toContainText('Claim');
  await expect(quote).not.toContainText('Ewa Kowalczyk');
  await waitForSaved(page);
  expect((await storedSpans(page, 'demo-article-wind')).find((s) => s.quote.startsWith('“Our members'))).toMatchObject({ label: 'claim', speaker: '' });
  await page.keyboard.press('Control+z');
  await expect(quote).toContainText('Ewa Kowalczyk');
  await waitForSaved(page);
  await page.reload();
  await expect(quote).toContainText('Sourced quote');
  await expect(quote).toContainText('Ewa Kowalczyk');
});

test('a new span is painted before the server answers; a save the server refuses is rolled back where it shows, and the changes queued behind it are not sent', async ({ page }) => {
  await signInAs(page, 'ann2@demo.test');
  // Hold the first create back, then refuse it, as a server that lost a race would. Any later
  // create would reach the server.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let creates = 0;
  await page.route('**/api/v1/articles/*/spans', async (route) => {
    if (route.request().method() !== 'POST' || ++creates > 1) return route.continue();
    await held;
    await route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: 'Someone else changed this meanwhile.' }) });
  });
  await page.goto(`${DEMO_PROJECT}/articles/demo-article-wind`);
  const list = annotationsList(page);
  const paintedRanges = () =>
    page.evaluate(() => ['claim', 'opinion', 'sourced_quote'].reduce((n, l) => n + ((CSS.highlights.get(`slant-${l}`) as Highlight | undefined)?.size ?? 0), 0));
  const entries = async () => ((await list.count()) ? list.getByRole('listitem').count() : 0);
  await expect.poll(paintedRanges).toBe(await entries());
  const before = await entries();

  await dragSelect(page, 'It is hard', 'any better.');
  await page.keyboard.press('2');
  // Optimistic: painted and listed while the save is still on its way.
  await expect.poll(paintedRanges).toBe(before + 1);
  await expect(list.getByRole('listitem').filter({ hasText: 'It is hard to see how a project' })).toHaveCount(1);
  await expect(page.getByText('Saving…')).toBeVisible();
  // A second span while the first is still on its way: it was made on top of the first, and waits behind it.
  await dragSelect(page, 'The developer', 'Brightwater Energy');
  await page.keyboard.press('1');
  await expect(list.getByRole('listitem').filter({ hasText: 'The developer, Brightwater Energy' })).toHaveCount(1);

  release();
  await expect(alerts(page)).toContainText('Someone else changed this meanwhile. Nor was the change made after it. The page now shows what is saved.');
  await expect.poll(paintedRanges).toBe(before);
  await expect(page.getByText('It is hard to see how a project').and(page.locator('.excerpt'))).toHaveCount(0);
  await expect(page.getByText('The developer, Brightwater Energy').and(page.locator('.excerpt'))).toHaveCount(0);
  expect(await entries()).toBe(before);
  await expect(page.getByText('All changes saved')).toBeVisible();
  // The queued create was never sent: the server has what the page shows, and nothing more.
  expect(creates).toBe(1);
  const stored = await storedSpans(page, 'demo-article-wind');
  expect(stored.filter((s) => s.quote.startsWith('The developer'))).toEqual([]);
  expect(stored).toHaveLength(before);
});

test('a session that ends while annotating: the change is not shown as saved, the page says so, and signing in again comes back to the article', async ({ page, context }) => {
  await signInAs(page, 'ann2@demo.test');
  const created = await page.request.post(`/api/v1/projects/demo-project/articles`, {
    data: { articles: [{ title: `Session ends ${Date.now()}`, text: `Written for the signed-out test at ${Date.now()}.\n\nThe mayor said the bridge will open in May. Critics doubt it.` }] },
  });
  expect(created.status()).toBe(201);
  const articleId = ((await created.json()) as { articles: { id: string }[] }).articles[0].id;
  const articlePath = `${DEMO_PROJECT}/articles/${articleId}`;
  await page.goto(articlePath);
  await waitForPainter(page);
  const list = annotationsList(page);
  await dragSelect(page, 'The mayor', 'in May.');
  await page.keyboard.press('1');
  await waitForSaved(page);
  await expect(list.getByRole('listitem')).toHaveCount(1);

  // The session ends (it expired, or the person signed out in another tab).
  await context.clearCookies();
  await dragSelect(page, 'Critics', 'doubt it.');
  await page.keyboard.press('2');
  await expect(alerts(page)).toContainText(
    'You are signed out (your session has ended): your change was not saved. The page shows what was saved before it. Sign in again to go on.',
  );
  // The page shows only what the server confirmed: the first span, not the refused one.
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem').filter({ hasText: 'Critics doubt it.' })).toHaveCount(0);
  await waitForSaved(page);
  // Submitting says it did not happen, on the page (not in a dialog that could go unseen).
  await page.getByRole('button', { name: 'Submit article' }).click();
  await expect(alerts(page).filter({ hasText: 'the article was not submitted' })).toHaveText(
    'You are signed out (your session has ended): the article was not submitted. Sign in again to go on. Sign in again Dismiss',
  );
  // Dismissed, the banner goes with the focus that was on its button: the focus goes to the text, not to the page's top.
  await alerts(page).filter({ hasText: 'the article was not submitted' }).getByRole('button', { name: 'Dismiss' }).click();
  await expect(alerts(page).filter({ hasText: 'the article was not submitted' })).toHaveCount(0);
  await expect(page.getByTestId('article-text')).toBeFocused();

  await alerts(page).first().getByRole('link', { name: 'Sign in again' }).click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel(/e-?mail/i).fill('ann2@demo.test');
  await page.getByLabel(/password/i).fill('demo-password');
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page).toHaveURL(new RegExp(`${articlePath}$`));
  await expect(annotationsList(page).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Submit article' })).toBeVisible();
  expect((await storedSpans(page, articleId)).map((s) => s.quote)).toEqual(['The mayor said the bridge will open in May.']);
});

test('a note typed as the session ends stays in its field, and the first press of Sign in again leaves, asking first', async ({ page, context }) => {
  await signInAs(page, 'ann2@demo.test');
  const articleId = await newArticle(page, `Note as the session ends ${Date.now()}`, `Written for the kept note at ${Date.now()}.\n\nThe mayor said the bridge will open in May.`);
  await page.goto(`${DEMO_PROJECT}/articles/${articleId}`);
  await waitForPainter(page);
  await dragSelect(page, 'The mayor', 'in May.');
  await page.keyboard.press('1');
  await waitForSaved(page);

  await context.clearCookies();
  const note = page.getByTestId('span-details').getByLabel('Note');
  await note.fill('Check the date with the council');
  await expect(alerts(page).first()).toContainText('You are signed out (your session has ended): your change was not saved.');
  // The field has the focus: it keeps the text, and the page says it is not saved (nothing is
  // being sent: leaving the field sends it again).
  await expect(note).toHaveValue('Check the date with the council');
  await expect(page.getByRole('status').filter({ hasText: /^Not saved$/ })).toHaveCount(1);

  // The first press goes (no "Saving, then going on…" that waits for a save that cannot succeed),
  // the field is not left first (which would send the text again, to be refused and wiped), and
  // the browser asks before the kept text goes with the page.
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.type();
    void dialog.accept();
  });
  await alerts(page).first().getByRole('link', { name: 'Sign in again' }).click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  expect(asked).toBe('beforeunload');
});

test('undo after undo works at once, even while the delete it undoes is still being saved', async ({ page }) => {
  await signInAs(page, 'ann2@demo.test');
  // Hold every delete back, as a slow network would: both Ctrl+Z come before it is saved, so the
  // restore (queued behind it) has not even started when the second one asks for the span.
  await page.route('**/api/v1/spans/*', async (route) => {
    if (route.request().method() === 'DELETE') await new Promise((r) => setTimeout(r, 800));
    await route.continue();
  });
  await page.goto(`${DEMO_PROJECT}/articles/demo-article-wind`);
  const list = annotationsList(page);
  await dragSelect(page, 'The developer', 'the cable.');
  await page.keyboard.press('1');
  const entry = list.getByRole('listitem').filter({ hasText: 'The developer, Brightwater Energy' });
  await expect(entry).toContainText('Claim');
  await waitForSaved(page);
  // Relabel it, delete it, then undo twice: the delete, then the relabel.
  await page.keyboard.press('2');
  await expect(entry).toContainText('Opinion');
  await page.keyboard.press('Delete');
  await expect(entry).toHaveCount(0);
  await page.locator('body').press('Control+z');
  await page.locator('body').press('Control+z');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Claim');
  await waitForSaved(page);
  const stored = (await storedSpans(page, 'demo-article-wind')).filter((s) => s.quote.startsWith('The developer'));
  expect(stored.map((s) => s.label)).toEqual(['claim']);
  // Backspace on a button of the details panel (here "Close details") deletes nothing.
  await list.getByRole('button', { name: /The developer, Brightwater Energy/ }).click();
  await page.getByRole('button', { name: 'Close details' }).focus();
  await page.keyboard.press('Backspace');
  await expect(entry).toHaveCount(1);
  // Clean up for the tests after this one.
  await list.getByRole('button', { name: /The developer, Brightwater Energy/ }).click();
  await page.keyboard.press('Delete');
  await waitForSaved(page);
});

test('a typed note counts as unsaved until the server has it, and leaving the page then asks first', async ({ page }) => {
  await windWithSecondSentenceClaim(page);
  // Hold the note's save back; while it (or the pause before it) is pending, nothing reads "saved".
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/spans/*', async (route) => {
    if (route.request().method() === 'PATCH') await held;
    await route.continue();
  });
  const note = page.getByTestId('span-details').getByLabel('Note');
  await note.fill('Check the 310,000 figure.');
  await expect(page.getByRole('status').filter({ hasText: /changes saved|Saving/ })).toHaveText('Saving…');
  await note.blur();
  const dialogs: string[] = [];
  page.once('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });
  // A reload now is held up by the browser's "leave the page?" question; staying keeps the write.
  await page.evaluate(() => setTimeout(() => location.reload(), 0));
  await expect.poll(() => dialogs).toEqual(['beforeunload']);
  release();
  await waitForSaved(page);
  const stored = (await storedSpans(page, 'demo-article-wind')).filter((s) => s.quote.startsWith('The project is expected'));
  expect(stored.map((s) => s.note)).toEqual(['Check the 310,000 figure.']);
  await deleteSecondSentenceClaim(page);
});

test('Next article, pressed while a change is still being saved, waits for the save and then goes on', async ({ page }) => {
  const article = `${DEMO_PROJECT}/articles/demo-article-wind`;
  await windWithSecondSentenceClaim(page);
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/spans/*', async (route) => {
    if (route.request().method() === 'PATCH') await held;
    await route.continue();
  });
  await page.getByTestId('span-details').getByLabel('Note').fill('Saved before the page moves on.');
  await page.getByTestId('span-details').getByLabel('Note').blur();
  await page.getByRole('link', { name: 'Next article' }).click();
  const waitingStatus = page.getByRole('status').filter({ hasText: /Saving/ });
  await expect(waitingStatus).toHaveText('Saving, then going on…');
  expect(await textFitsItsBox(waitingStatus)).toBe(true);
  await expect(page).toHaveURL(new RegExp(`${article}$`));
  release();
  await expect(page).not.toHaveURL(new RegExp(`${article}$`));
  await expect(page).toHaveURL(/\/articles\/[^/]+$/);
  const stored = (await storedSpans(page, 'demo-article-wind')).filter((s) => s.quote.startsWith('The project is expected'));
  expect(stored.map((s) => s.note)).toEqual(['Saved before the page moves on.']);
  // Clean up for the tests after this one.
  await page.unroute('**/api/v1/spans/*');
  await page.goto(article);
  await deleteSecondSentenceClaim(page);
});

test('a note save the database is briefly too busy for is sent again; a refused one stays in the field being typed in, to send again', async ({ page }) => {
  await windWithSecondSentenceClaim(page);
  // The first note save meets a busy database (nothing written, try again), the second a refusal.
  const answers: { status: number; headers: Record<string, string>; body: { error: string } }[] = [
    { status: 503, headers: { 'retry-after': '0.2' }, body: { error: 'The database is busy with other changes right now, so nothing was saved. Please try again in a moment.' } },
  ];
  let patches = 0;
  await page.route('**/api/v1/spans/*', async (route) => {
    if (route.request().method() !== 'PATCH') return route.continue();
    patches++;
    const answer = answers.shift();
    if (!answer) return route.continue();
    await route.fulfill({ status: answer.status, headers: answer.headers, contentType: 'application/json', body: JSON.stringify({ ...answer.body, details: null }) });
  });
  const note = page.getByTestId('span-details').getByLabel('Note');
  await note.fill('Busy first, then saved.');
  await note.blur();
  await waitForSaved(page);
  expect(patches).toBe(2);
  await expect(alerts(page)).toHaveCount(0);
  const notes = async () => (await storedSpans(page, 'demo-article-wind')).filter((s) => s.quote.startsWith('The project is expected')).map((s) => s.note);
  expect(await notes()).toEqual(['Busy first, then saved.']);

  answers.push({ status: 422, headers: {}, body: { error: 'The note was refused for this test.' } });
  await note.focus();
  await note.fill('Typed, refused, kept.');
  // Saved after a pause in typing, with the focus still in the field: refused, the page shows what
  // is saved, but the field keeps the text typed.
  await expect(alerts(page)).toContainText('The note was refused for this test.');
  await expect(note).toHaveValue('Typed, refused, kept.');
  expect(await notes()).toEqual(['Busy first, then saved.']);
  // Leaving the field sends it again.
  await note.blur();
  await waitForSaved(page);
  expect(await notes()).toEqual(['Typed, refused, kept.']);
  await deleteSecondSentenceClaim(page);
});

test('a long article is rendered in blocks: selections across a block boundary, or ending on one, keep exact offsets', async ({ page }) => {
  await signInAs(page, 'ann2@demo.test');
  const stamp = Date.now();
  const lines = Array.from({ length: 60 }, (_, i) => `Line ${i + 1} of the long report ${stamp}.`);
  const articleId = await newArticle(page, `Blocks ${stamp}`, lines.join('\n'));
  await page.goto(`${DEMO_PROJECT}/articles/${articleId}`);
  const article = page.getByTestId('article-text');
  const perBlock = await article.locator('.article-block').first().locator('p').count();
  expect(perBlock).toBeGreaterThan(1);
  expect(perBlock).toBeLessThan(20);
  await expect(article.locator('.article-block')).toHaveCount(Math.ceil(60 / perBlock));

  // Across the first block boundary (its last line and the next block's first two), with the mouse.
  const [from, to] = [perBlock, perBlock + 2]; // 1-based line numbers
  await article.locator(`p[data-line="${from - 1}"]`).scrollIntoViewIfNeeded();
  await dragSelect(page, `Line ${from} of`, `Line ${to} of`);
  await page.keyboard.press('1');
  // Ending on a block itself: the selection's end is a point in the article element, before the third block.
  await page.evaluate((perBlock) => {
    const root = document.querySelector('article[data-testid="article-text"]')!;
    const range = document.createRange();
    range.setStart(root.querySelector(`p[data-line="${2 * perBlock - 2}"]`)!.firstChild!, 0);
    range.setEnd(root, 2);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  }, perBlock);
  await expect(page.getByRole('toolbar', { name: 'Label the selection' })).toBeVisible();
  await page.keyboard.press('2');
  await waitForSaved(page);

  const text = lines.join('\n');
  const at = (s: string) => Array.from(text.slice(0, text.indexOf(s))).length;
  const spans = await storedSpans(page, articleId);
  expect(spans.map((s) => [s.label, s.start, s.end])).toEqual([
    ['claim', at(`Line ${from} of`), at(`Line ${to} of`) + `Line ${to} of`.length],
    // The block boundary is the start of the third block's first line; snapping to words drops the line break before it.
    ['opinion', at(`Line ${2 * perBlock - 1} of`), at(`Line ${2 * perBlock} of`) + lines[2 * perBlock - 1].length],
  ]);
  expect(spans[0].quote).toBe(text.slice(text.indexOf(`Line ${from} of`), text.indexOf(`Line ${to} of`) + `Line ${to} of`.length));
});

test('on a long article only the highlights near the screen are registered, and scrolling brings the rest in', async ({ page }) => {
  await signInAs(page, 'ann2@demo.test');
  const stamp = Date.now();
  const lines = Array.from({ length: 900 }, (_, i) => `Paragraph ${i + 1} of the very long hearing transcript ${stamp}, which goes on.`);
  const text = lines.join('\n');
  const articleId = await newArticle(page, `Near ${stamp}`, text);
  const at = (s: string) => Array.from(text.slice(0, text.indexOf(s))).length;
  // One claim on every tenth paragraph: 90 spans from the top to the bottom of the article.
  for (let i = 0; i < 900; i += 10) {
    const start = at(`Paragraph ${i + 1} of`);
    const response = await page.request.post(`/api/v1/articles/${articleId}/spans`, { data: { label: 'claim', start, end: start + `Paragraph ${i + 1}`.length } });
    expect(response.status()).toBe(201);
  }
  await page.goto(`${DEMO_PROJECT}/articles/${articleId}`);
  const registered = () => page.evaluate(() => (CSS.highlights.get('slant-claim') as Highlight | undefined)?.size ?? 0);
  const lastRegistered = () =>
    page.evaluate(() => {
      const p = document.querySelector('article p[data-line="890"]')!;
      return [...((CSS.highlights.get('slant-claim') as Highlight | undefined) ?? [])].some((r) => p.contains(r.startContainer));
    });
  // Every span has its range (the painter's mark counts them), registered or not.
  const placed = () =>
    page.evaluate(() => (performance.getEntriesByName('slant:highlights-painted').at(-1) as PerformanceMark | undefined)?.detail?.count ?? 0);
  await expect.poll(placed).toBe(90);
  // At the top: the first blocks' spans are registered, the ones far below are not.
  // (The early painter registers every span before the page's own painter takes over.)
  await expect
    .poll(async () => {
      const n = await registered();
      return n > 0 && n < 45;
    })
    .toBe(true);
  expect(await lastRegistered()).toBe(false);

  // At the bottom, the last paragraphs' spans are painted and can be clicked open.
  await page.locator('article p[data-line="890"]').scrollIntoViewIfNeeded();
  await expect.poll(lastRegistered).toBe(true);
  expect(await registered()).toBeLessThan(45);
  const last = await textBounds(page, 'Paragraph 891');
  await page.mouse.click(last.x1 + 5, last.y1);
  await expect(page.getByTestId('span-details')).toContainText('Paragraph 891');

  // A new label down here is painted and saved like any other.
  await dragSelect(page, 'Paragraph 895', 'Paragraph 895');
  await page.keyboard.press('2');
  await expect.poll(() => page.evaluate(() => (CSS.highlights.get('slant-opinion') as Highlight | undefined)?.size ?? 0)).toBe(1);
  await waitForSaved(page);
  const spans = await storedSpans(page, articleId);
  expect(spans.filter((s) => s.label === 'opinion').map((s) => s.quote)).toEqual(['Paragraph 895']);

  // An instant jump to a far span (reduced motion: no smooth scrolling) registers the highlights
  // there at once, so the first frame there already shows them: opening Paragraph 891's span from
  // the list, back at the top, finds its range registered in the same task as the click.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(lastRegistered).toBe(false);
  const registeredAfterClick = await page.evaluate(() => {
    const entry = [...document.querySelectorAll<HTMLElement>('[data-span-id]')].find((b) => b.textContent?.includes('Paragraph 891'));
    if (!entry) throw new Error('Paragraph 891 is not in the list');
    entry.click();
    const p = document.querySelector('article p[data-line="890"]')!;
    return [...((CSS.highlights.get('slant-claim') as Highlight | undefined) ?? [])].some((r) => p.contains(r.startContainer));
  });
  expect(registeredAfterClick).toBe(true);
  await expect(page.getByTestId('span-details')).toContainText('Paragraph 891');
});

test('a label undone before its highlight is even painted leaves no highlight behind', async ({ page }) => {
  await signInAs(page, 'ann2@demo.test');
  await page.goto(`${DEMO_PROJECT}/articles/demo-article-wind`);
  const opinions = () => page.evaluate(() => (CSS.highlights.get('slant-opinion') as Highlight | undefined)?.size ?? 0);
  const before = await opinions();
  await dragSelect(page, 'The developer', 'Brightwater Energy');
  // The label and the undo in one task: the undo comes before the frame that shows the label.
  await page.evaluate(() => {
    document.dispatchEvent(new KeyboardEvent('keydown', { key: '2', bubbles: true, cancelable: true }));
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true }));
  });
  await waitForSaved(page);
  await page.waitForTimeout(300);
  expect(await opinions()).toBe(before);
  await expect(annotationsList(page).getByText('The developer, Brightwater Energy')).toHaveCount(0);
  // And a label that stays is painted once, not twice.
  await dragSelect(page, 'The developer', 'Brightwater Energy');
  await page.keyboard.press('2');
  await waitForSaved(page);
  await expect.poll(opinions).toBe(before + 1);
  await page.keyboard.press('Control+z');
  await waitForSaved(page);
  await expect.poll(opinions).toBe(before);
});

test('a screen reader hears where the highlights are: N and P go through the annotations, and the caret says when it comes into one', async ({ page }) => {
  await signInAs(page, 'ann1@demo.test');
  const articleId = await newArticle(page, `Highlights read out ${Date.now()}`, `The council voted on Monday. Critics say the plan is reckless. Residents were not asked (${Date.now()}).`);
  await page.goto(`${DEMO_PROJECT}/articles/${articleId}`);
  await waitForPainter(page);
  const announcer = page.getByTestId('announcer');
  const details = page.getByTestId('span-details');
  const articleText = page.getByTestId('article-text');

  // With no annotations yet, N says so.
  await caretBefore(page, 'The council');
  await page.keyboard.press('n');
  await expect(announcer).toHaveText('No annotations yet');

  // Two spans, the second with a nested one inside it: "Critics say the plan is reckless" (opinion) holds "the plan" (claim).
  for (const [from, words, key] of [['The council', 2, '1'], ['Critics say', 6, '2'], ['the plan', 2, '1']] as const) {
    await caretBefore(page, from);
    for (let i = 0; i < words; i++) await page.keyboard.press('Shift+Control+ArrowRight');
    await page.keyboard.press(key);
    await expect(details).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(details).toHaveCount(0);
  }
  await expect(annotationsList(page).getByRole('listitem')).toHaveCount(3);
  await waitForSaved(page);

  // From the start of the text, N opens each in text order and reads out what and where it is; the focus stays in the text.
  await caretBefore(page, 'The council');
  await page.keyboard.press('n');
  await expect(announcer).toHaveText('Claim 1 of 3: “The council”');
  await expect(details.getByLabel('Label')).toHaveValue('claim');
  await page.keyboard.press('n');
  await expect(announcer).toHaveText(/^Opinion 2 of 3: “Critics say the plan is reckless\.?”$/);
  await expect(details.getByLabel('Label')).toHaveValue('opinion');
  await page.keyboard.press('n');
  await expect(announcer).toHaveText('Claim 3 of 3: “the plan”');
  await page.keyboard.press('n');
  await expect(announcer).toHaveText('No annotation after this one');
  await page.keyboard.press('p');
  await expect(announcer).toHaveText(/^Opinion 2 of 3/);
  await expect(articleText).toBeFocused();
  // Closed again with Escape, N goes on from it rather than opening it once more.
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await page.keyboard.press('n');
  await expect(announcer).toHaveText('Claim 3 of 3: “the plan”');
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);

  // Moving the caret by key says when it comes into highlights and when it leaves them.
  await caretBefore(page, ' Critics');
  await page.keyboard.press('ArrowRight');
  await expect(announcer).toHaveText('In opinion');
  // Three words on (word moves end at a word's end or the next one's start, by platform): inside "the plan".
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+ArrowRight');
  await expect(announcer).toHaveText('In claim and opinion');
  await caretBefore(page, 'reckless');
  await page.keyboard.press('End');
  await expect(announcer).toHaveText('Out of opinion');
});

test('an annotator works by keyboard alone: the focus never falls to the top, and each change is announced', async ({ page }) => {
  await signInAs(page, 'ann1@demo.test');
  const text = `Keyboard check ${Date.now()}.\n\nThe mayor said the bridge will open in May. Critics doubt it.`;
  const created = await page.request.post('/api/v1/projects/demo-project/articles', { data: { articles: [{ title: `Keyboard ${Date.now()}`, text }] } });
  expect(created.status()).toBe(201);
  const articleId = ((await created.json()) as { articles: { id: string }[] }).articles[0].id;
  await page.goto(`${DEMO_PROJECT}/articles/${articleId}`);
  const announcer = page.getByTestId('announcer');
  const articleText = page.getByTestId('article-text');
  const list = annotationsList(page);
  // The page's painter has run: it is hydrated and answers keys.
  await waitForPainter(page);

  // A passage selected with the keys and labelled with 1: announced with its text.
  await caretBefore(page, 'The mayor');
  for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+Control+ArrowRight');
  await expect.poll(() => selectedText(page)).toMatch(/^The mayor\s?$/);
  await page.keyboard.press('1');
  await expect(announcer).toHaveText('Claim added: “The mayor”');
  await expect(list.getByRole('listitem')).toHaveCount(1);

  // With the span open and the focus in the text, 2 relabels it; Delete deletes; Ctrl+Z brings it back.
  await page.keyboard.press('2');
  await expect(announcer).toHaveText('Label changed to Opinion');
  await page.keyboard.press('Delete');
  await expect(announcer).toHaveText('Opinion deleted: “The mayor”. Ctrl+Z brings it back.');
  await expect(list.getByRole('listitem')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(announcer).toHaveText('Undone: the span is back');
  await expect(list.getByRole('listitem')).toHaveCount(1);

  // Enter with the caret on a highlight opens its span, as a click does; Escape closes it again.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('span-details')).toHaveCount(0);
  await caretBefore(page, 'mayor');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('span-details').getByLabel('Label')).toHaveValue('opinion');
  await expect(announcer).toHaveText('Opinion opened: “The mayor”');
  await expect(articleText).toBeFocused();

  // Closing the details gives the focus back to the span's entry in the list.
  await list.getByRole('button', { name: /The mayor/ }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Close details' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('span-details')).toHaveCount(0);
  await expect(list.getByRole('button', { name: /The mayor/ })).toBeFocused();

  // Deleting from the details panel: the panel goes, the focus goes to the text.
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Delete span' }).focus();
  await page.keyboard.press('Enter');
  await expect(list.getByRole('listitem')).toHaveCount(0);
  await expect(articleText).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(list.getByRole('listitem')).toHaveCount(1);

  // Escape in a field of the details closes them as well, and what was typed there is saved.
  await list.getByRole('button', { name: /The mayor/ }).focus();
  await page.keyboard.press('Enter');
  const details = page.getByTestId('span-details');
  await details.getByLabel('Note').focus();
  await page.keyboard.type('Check the opening date');
  // An Escape that cancels an input method's composition is the input method's: the panel stays.
  await details.getByLabel('Note').dispatchEvent('keydown', { key: 'Escape', isComposing: true, bubbles: true });
  await expect(details).toBeVisible();
  await expect(details.getByLabel('Note')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await expect(articleText).toBeFocused();
  await waitForSaved(page);
  expect((await storedSpans(page, articleId)).map((s) => s.note)).toEqual(['Check the opening date']);
  // The save line's text sits in a fixed box (so that its change lays out nothing else): it fits.
  const status = page.getByRole('status').filter({ hasText: 'All changes saved' });
  expect(await textFitsItsBox(status)).toBe(true);

  // Where spans nest, the chooser is a menu: it takes the focus, the arrows move in it, Escape leaves it.
  await caretBefore(page, 'The mayor');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+Control+ArrowRight');
  await expect.poll(() => selectedText(page)).toMatch(/^The mayor said the\s?$/);
  await page.keyboard.press('2');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await waitForSaved(page);
  await page.keyboard.press('Escape');
  const mayor = await textBounds(page, 'mayor');
  await page.mouse.click(mayor.x1 + 5, mayor.y1);
  const chooser = page.getByRole('menu', { name: 'Spans at this point' });
  await expect(chooser.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(chooser.getByRole('menuitem').nth(1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(chooser.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(chooser).toHaveCount(0);
  await expect(articleText).toBeFocused();

  // With a passage selected, Tab moves into the label toolbar; the arrows move in it; a label takes
  // the focus back to the text.
  await caretBefore(page, 'Critics doubt');
  for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+Control+ArrowRight');
  await expect.poll(() => selectedText(page)).toMatch(/^Critics doubt\s?$/);
  const toolbar = page.getByRole('toolbar', { name: 'Label the selection' });
  await expect(toolbar).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(toolbar.getByRole('button', { name: 'Claim' })).toBeFocused();
  // Shift+Tab goes back to the text with the selection kept; Tab comes in again.
  await page.keyboard.press('Shift+Tab');
  await expect(articleText).toBeFocused();
  await expect.poll(() => selectedText(page)).toMatch(/^Critics doubt\s?$/);
  await page.keyboard.press('Tab');
  await expect(toolbar.getByRole('button', { name: 'Claim' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(toolbar.getByRole('button', { name: 'Opinion' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(announcer).toHaveText('Opinion added: “Critics doubt”');
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(articleText).toBeFocused();
  await waitForSaved(page);
  // Tab in the toolbar means going on: the selection is let go, so the next Tab leaves the text.
  await caretBefore(page, 'doubt it');
  await page.keyboard.press('Shift+Control+ArrowRight');
  await expect(toolbar).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(toolbar.getByRole('button', { name: 'Claim' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(articleText).toBeFocused();
  await expect.poll(() => selectedText(page)).toBe('');
  await expect(toolbar).toHaveCount(0);
  await expect(list.getByRole('listitem')).toHaveCount(3);

  // Ctrl+Z that takes away the span whose entry has the focus gives the focus to the text.
  await list.getByRole('button', { name: /Critics doubt/ }).focus();
  await page.keyboard.press('Control+z');
  await expect(announcer).toHaveText('Undone: the new span is removed');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(articleText).toBeFocused();

  // Keys act on the entry that has the focus, not on the span that is open: 1 relabels it, Delete
  // deletes it and says which it was, and the open span stays open.
  const shortSpan = list.getByRole('button', { name: /opening date/ });
  const longSpan = list.getByRole('button', { name: /said the/ });
  await shortSpan.focus();
  await page.keyboard.press('Enter');
  await expect(details.getByLabel('Label')).toHaveValue('opinion');
  await longSpan.focus();
  await page.keyboard.press('1');
  await expect(announcer).toHaveText('Label changed to Claim');
  await expect(longSpan).toContainText('Claim');
  await expect(shortSpan).toContainText('Opinion');
  await expect(details.getByLabel('Label')).toHaveValue('opinion');
  await page.keyboard.press('Delete');
  await expect(announcer).toHaveText('Claim deleted: “The mayor said the”. Ctrl+Z brings it back.');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(details.getByLabel('Label')).toHaveValue('opinion');
  await expect(articleText).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  // A label key on a button elsewhere on the page does nothing, though a span is open.
  await page.getByRole('button', { name: 'Submit article' }).focus();
  await page.keyboard.press('2');
  await page.keyboard.press('3');
  await expect(details.getByLabel('Label')).toHaveValue('opinion');
  await expect(shortSpan).toContainText('Opinion');
  await expect(longSpan).toContainText('Claim');
  await waitForSaved(page);

  // Submit and Reopen swap places, and the focus goes with them.
  await page.getByRole('button', { name: 'Submit article' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Reopen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Submit article' })).toBeFocused();
});

test('label lines, for when colours are hard to tell apart, are switched on once and stay on in this browser', async ({ page }) => {
  await signInAs(page, 'reviewer@demo.test');
  await page.goto(ARTICLE);
  const lines = page.getByRole('checkbox', { name: 'Label lines' });
  await expect(lines).not.toBeChecked();
  await expect(page.locator('.workbench.label-lines')).toHaveCount(0);
  await lines.check();
  await expect(page.locator('.workbench.label-lines')).toHaveCount(1);
  // The legend shows the line each label draws; a claim draws none.
  const legend = page.getByRole('group', { name: 'Labels' });
  await expect(legend.getByText('Opinion', { exact: true })).toHaveCSS('text-decoration-line', 'overline');
  await expect(legend.getByText('Claim', { exact: true })).toHaveCSS('text-decoration-line', 'none');
  await page.reload();
  await expect(lines).toBeChecked();
  await expect(page.locator('.workbench.label-lines')).toHaveCount(1);
  // The review board reads the same choice.
  await page.goto('/projects/demo-review/articles/demo-review-buses/review');
  await expect(page.getByRole('checkbox', { name: 'Label lines' })).toBeChecked();
  await expect(page.locator('.workbench.label-lines')).toHaveCount(1);
  await page.getByRole('checkbox', { name: 'Label lines' }).uncheck();
  await page.goto(ARTICLE);
  await expect(lines).not.toBeChecked();
});
