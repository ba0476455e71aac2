import { expect, test, type Browser, type Page } from '@playwright/test';
import { alerts, annotationsList, caretBefore, DEMO_PROJECT, dragSelect, selectedText, signInAs, waitForPainter, waitForSaved } from './helpers';

const TEXT = [
  'The council approved a budget of 4 million euros on Monday.',
  'This plan is a disaster for the town.',
  '“We will not back down,” said Mayor Ada Lind.',
  'Critics called the vote rushed.',
].join('\n\n');

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, email);
  return page;
}

async function annotate(page: Page, articleId: string, spans: [string, string, '1' | '2' | '3'][]) {
  await page.goto(`${DEMO_PROJECT}/articles/${articleId}`);
  for (const [from, to, key] of spans) {
    await dragSelect(page, from, to);
    await expect(page.getByRole('toolbar', { name: 'Label the selection' })).toBeVisible();
    await page.keyboard.press(key);
  }
  await expect(annotationsList(page).getByRole('listitem')).toHaveCount(spans.length);
  await waitForSaved(page);
  await page.getByRole('button', { name: 'Submit article' }).click();
  await expect(page.getByText('You submitted this article.')).toBeVisible();
}

test('two annotators disagree, a reviewer adjudicates, and the annotator reads the verdicts', async ({ browser }) => {
  const ann1 = await pageAs(browser, 'ann1@demo.test');
  const title = `Budget vote ${Date.now()}`;
  const created = await ann1.request.post(`/api/v1/projects/demo-project/articles`, { data: { articles: [{ title, text: TEXT }] } });
  expect(created.status()).toBe(201);
  const articleId = ((await created.json()) as { articles: { id: string }[] }).articles[0].id;

  await annotate(ann1, articleId, [
    ['The council', 'on Monday', '1'],
    ['This plan', 'the town.', '2'],
    ['“We will', 'back down,”', '3'],
  ]);
  const ann2 = await pageAs(browser, 'ann2@demo.test');
  await annotate(ann2, articleId, [
    ['The council', '4 million euros', '1'],
    ['This plan', 'the town.', '1'],
    ['Critics called', 'rushed.', '2'],
  ]);

  // The reviewer finds the article in the queue, ready for review.
  const reviewer = await pageAs(browser, 'reviewer@demo.test');
  await reviewer.goto(`${DEMO_PROJECT}/review`);
  const row = reviewer.getByRole('row').filter({ hasText: title });
  await expect(row).toContainText('Ready for review');
  await expect(row).toContainText('2 / 2');
  await row.getByRole('link', { name: title }).click();

  const clusters = reviewer.locator('article.cluster');
  await expect(clusters).toHaveCount(4);
  await expect(reviewer.getByRole('article', { name: /Cluster 1: Boundaries differ/ })).toBeVisible();
  await expect(reviewer.getByRole('article', { name: /Cluster 2: Label differs/ })).toBeVisible();
  await expect(reviewer.getByRole('article', { name: /Cluster 3: Missed by some/ })).toContainText('Ben Annotator: no span here');
  await expect(reviewer.getByRole('article', { name: /Cluster 4: Missed by some/ })).toContainText('Ana Annotator: no span here');
  await expect(reviewer.getByRole('heading', { name: 'Agreement on this article' })).toBeVisible();

  // Layers switch on and off.
  await reviewer.getByRole('checkbox', { name: 'Ben Annotator' }).uncheck();
  await expect(reviewer.getByRole('checkbox', { name: 'Ben Annotator' })).not.toBeChecked();
  await reviewer.getByRole('checkbox', { name: 'Ben Annotator' }).check();

  // Accept Ana's claim.
  const anaClaim = reviewer.getByRole('article', { name: /Cluster 1/ }).getByRole('listitem', { name: 'Ana Annotator: Claim' });
  await anaClaim.getByRole('button', { name: "Accept Ana Annotator's claim" }).click();
  await expect(anaClaim).toContainText('Accepted');

  // Edit Ben's label on the second cluster, then accept.
  const benClaim = reviewer.getByRole('article', { name: /Cluster 2/ }).getByRole('listitem', { name: 'Ben Annotator: Claim' });
  await benClaim.getByRole('button', { name: "Edit Ben Annotator's claim" }).click();
  await benClaim.getByLabel('Label').selectOption('opinion');
  // A range the server would refuse is named beside the fields, which are marked, and nothing is sent.
  const end = benClaim.getByLabel('End');
  const endBefore = await end.inputValue();
  // End at Start: within the fields' own limits, and still no range.
  await end.fill(await benClaim.getByLabel('Start').inputValue());
  await benClaim.getByRole('button', { name: 'Accept edited' }).click();
  await expect(benClaim.getByRole('alert')).toHaveText('End must be after Start.');
  await expect(benClaim.getByLabel('Start')).toBeFocused();
  await expect(end).toHaveAttribute('aria-invalid', 'true');
  await expect(benClaim).toContainText('Not reviewed');
  await end.fill(endBefore);
  await benClaim.getByRole('button', { name: 'Accept edited' }).click();
  await expect(benClaim).toContainText('Edited and accepted');

  // Reject Ben's opinion on the last cluster.
  const benOpinion = reviewer.getByRole('article', { name: /Cluster 4/ }).getByRole('listitem', { name: 'Ben Annotator: Opinion' });
  await benOpinion.getByRole('button', { name: "Reject Ben Annotator's opinion" }).click();
  await expect(benOpinion).toContainText('Rejected');

  // Comment on Ana's quote.
  const anaQuote = reviewer.getByRole('article', { name: /Cluster 3/ }).getByRole('listitem', { name: 'Ana Annotator: Sourced quote' });
  await anaQuote.getByRole('button', { name: /^Comment/ }).click();
  await anaQuote.getByLabel("Comment on Ana Annotator's sourced quote", { exact: true }).fill('Please name the speaker: Mayor Ada Lind.');
  await anaQuote.getByRole('button', { name: 'Post comment' }).click();
  await expect(anaQuote).toContainText('Please name the speaker: Mayor Ada Lind.');

  const goldList = reviewer.getByRole('list', { name: 'Gold spans in text order' });
  await expect(goldList.getByRole('listitem')).toHaveCount(2);
  await expect(goldList).toContainText('The council approved a budget of 4 million euros on Monday');
  await expect(goldList).toContainText('This plan is a disaster for the town.');

  // Spans still without a verdict would stay out of gold: closing asks first, and Cancel changes nothing.
  await reviewer.getByRole('button', { name: 'Mark adjudicated' }).click();
  const asking = reviewer.getByRole('group', { name: 'Confirm: Mark adjudicated' });
  await expect(asking).toContainText(/^\d+ spans have no verdict yet and will stay out of gold\. Mark adjudicated anyway\?/);
  await expect(asking.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await asking.getByRole('button', { name: 'Cancel' }).click();
  await expect(reviewer.getByRole('button', { name: 'Mark adjudicated' })).toBeFocused();
  await expect(reviewer.getByText('In review', { exact: true })).toBeVisible();
  // A comment begun and not posted yet comes through the board's rebuild as the review closes.
  const closedOpinion = reviewer.getByRole('article', { name: /Cluster 4/ }).getByRole('listitem', { name: 'Ben Annotator: Opinion' });
  await closedOpinion.getByRole('button', { name: /^Comment/ }).click();
  const draft = 'Rejected: the sentence is a quote of the mayor, not an opinion of the paper.';
  await closedOpinion.getByLabel("Comment on Ben Annotator's opinion", { exact: true }).fill(draft);
  await reviewer.getByRole('button', { name: 'Mark adjudicated' }).click();
  await asking.getByRole('button', { name: 'Yes, mark adjudicated' }).click();
  await expect(reviewer.getByRole('button', { name: 'Reopen review' })).toBeVisible();
  await expect(reviewer.getByText('Adjudicated', { exact: true })).toBeVisible();
  // Closed: no more verdicts, but a verdict can still be explained.
  await expect(closedOpinion.getByRole('button', { name: "Reject Ben Annotator's opinion" })).toHaveCount(0);
  await expect(closedOpinion.getByLabel("Comment on Ben Annotator's opinion", { exact: true })).toHaveValue(draft);
  await closedOpinion.getByRole('button', { name: 'Post comment' }).click();
  await expect(closedOpinion).toContainText('Rejected: the sentence is a quote of the mayor');

  // Ana reads the verdicts and the comment.
  await ann1.goto(`${DEMO_PROJECT}/feedback`);
  const feedback = ann1.getByRole('region', { name: `Feedback on ${title}` });
  await expect(feedback.getByRole('listitem', { name: /Your span: The council/ })).toContainText('Accepted');
  await expect(feedback.getByRole('listitem', { name: /Your span: “We will/ })).toContainText('Please name the speaker: Mayor Ada Lind.');
  await expect(ann1.getByRole('table', { name: 'F1 per label' })).toBeVisible();
  // A verdict that came without a comment can be answered too: the first comment starts its thread.
  const councilSpan = feedback.getByRole('listitem', { name: /Your span: The council/ });
  await councilSpan.getByLabel('Comment on the verdict').fill('Thanks: I was unsure about "on Monday".');
  await councilSpan.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(councilSpan).toContainText('Ana Annotator: Thanks: I was unsure about "on Monday".');
  await expect(councilSpan.getByLabel('Reply')).toHaveValue('');
  // Ana answers in the thread; with her session ended, the reply says so and stays in its field.
  const quoteThread = feedback.getByRole('listitem', { name: /Your span: “We will/ });
  await quoteThread.getByLabel('Reply').fill('Done: it is the mayor.');
  await quoteThread.getByRole('button', { name: 'Reply' }).click();
  await expect(quoteThread).toContainText('Done: it is the mayor.');
  await expect(quoteThread.getByLabel('Reply')).toHaveValue('');
  await ann1.context().clearCookies();
  await quoteThread.getByLabel('Reply').fill('One more thing.');
  await quoteThread.getByRole('button', { name: 'Reply' }).click();
  await expect(quoteThread.getByRole('alert')).toHaveText(
    'You are signed out: your session has ended. Sign in again in another tab (your reply stays here), then send it once more.',
  );
  await expect(quoteThread.getByLabel('Reply')).toHaveValue('One more thing.');
  await signInAs(ann1, 'ann1@demo.test');

  // Annotators cannot open the review page.
  await ann1.goto(`${DEMO_PROJECT}/articles/${articleId}/review`);
  await expect(ann1.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
});

test('two reviewers on one article: the stale change is refused with a clear message', async ({ browser }) => {
  const reviewer = await pageAs(browser, 'reviewer@demo.test');
  const admin = await pageAs(browser, 'admin@demo.test');
  const gold = await reviewer.request.post('/api/v1/articles/demo-article-bridge/gold', { data: { label: 'claim', start: 0, end: 7 } });
  expect(gold.status()).toBe(201);
  const { id, version } = (await gold.json()) as { id: string; version: number };
  expect((await reviewer.request.patch(`/api/v1/gold/${id}`, { data: { version, label: 'opinion' } })).status()).toBe(200);
  const stale = await admin.request.patch(`/api/v1/gold/${id}`, { data: { version, label: 'sourced_quote' } });
  expect(stale.status()).toBe(409);
  expect(((await stale.json()) as { error: string }).error).toMatch(/changed elsewhere meanwhile, in another tab or by someone else/);
});

test('the agreement report downloads as CSV and JSON for reviewers, not for annotators', async ({ browser }) => {
  const reviewer = await pageAs(browser, 'reviewer@demo.test');
  const csv = await reviewer.request.get('/api/v1/projects/demo-project/agreement?format=csv');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).split('\r\n');
  expect(lines[0]).toBe('scope,article_id,label,annotator_a,annotator_b,metric,value,n');
  // One table: the header once, no blank line between the annotators' rows and the gold rows.
  expect(lines.filter((l) => l.startsWith('scope,'))).toHaveLength(1);
  expect(lines.slice(0, -1).every((l) => l !== '' && !l.includes('\n'))).toBe(true);
  // Annotators by e-mail, as in the dataset exports, not by internal user id (the review-practice
  // demo has two annotators on every article from the start).
  const practice = (await (await reviewer.request.get('/api/v1/projects/demo-review/agreement?format=csv')).text()).split('\r\n');
  expect(practice.some((l) => l.startsWith('pair,,,ann1@demo.test,ann2@demo.test,kappa,'))).toBe(true);
  expect(practice.some((l) => l.includes('demo-user-'))).toBe(false);
  const json = await reviewer.request.get('/api/v1/projects/demo-project/agreement?format=json');
  expect(json.status()).toBe(200);
  const body = (await json.json()) as { report: { overall: { articleCount: number } } };
  expect(body.report.overall.articleCount).toBeGreaterThan(0);
  expect((await reviewer.request.get('/api/v1/projects/demo-project/agreement?format=xml')).status()).toBe(422);
  // A misspelt parameter is refused by name, not ignored (which would hand back JSON for a CSV).
  const misspelt = await reviewer.request.get('/api/v1/projects/demo-project/agreement?Format=csv');
  expect(misspelt.status()).toBe(422);
  expect(((await misspelt.json()) as { error: string }).error).toContain('did you mean "format"');
  await reviewer.goto(`${DEMO_PROJECT}/agreement`);
  await expect(reviewer.getByRole('table', { name: 'Agreement per label' })).toBeVisible();

  const annotator = await pageAs(browser, 'ann1@demo.test');
  expect((await annotator.request.get('/api/v1/projects/demo-project/agreement?format=csv')).status()).toBe(403);
});

test('the review-practice demo is ready for a reviewer: queue, clusters, unanimous spans and agreement figures', async ({ browser }) => {
  const reviewer = await pageAs(browser, 'reviewer@demo.test');
  await reviewer.goto('/projects');
  await reviewer.getByRole('link', { name: 'Demo: review practice' }).click();
  await reviewer.getByRole('link', { name: 'Review', exact: true }).click();
  await expect(reviewer).toHaveURL(/\/projects\/demo-review\/review$/);
  for (const title of ['Library hours cut as the city trims its culture budget', 'Night buses return to the northern suburbs']) {
    await expect(reviewer.getByRole('row').filter({ hasText: title })).toContainText('Ready for review');
  }
  // Who the study waits on: both annotators have submitted both articles.
  const annotators = reviewer.getByRole('table', { name: 'Annotators' });
  await expect(annotators.getByRole('row')).toHaveCount(3);
  for (const [name, email] of [['Ana Annotator', 'ann1@demo.test'], ['Ben Annotator', 'ann2@demo.test']]) {
    const row = annotators.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText(email);
    await expect(row.getByRole('cell').nth(1)).toHaveText('2 of 2');
    await expect(row.getByRole('cell').nth(3)).toHaveText('0');
    // None closed before they submitted.
    await expect(row.getByRole('cell').nth(4)).toHaveText('0');
    await expect(row.getByRole('cell').nth(5)).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  }

  await reviewer.getByRole('link', { name: 'Library hours cut as the city trims its culture budget' }).click();
  await expect(reviewer.getByRole('article', { name: /Boundaries differ/ })).toBeVisible();
  await expect(reviewer.getByRole('article', { name: /Missed by some/ })).toHaveCount(2);
  // Two spans both annotators made identically: one press accepts both into gold.
  await reviewer.getByRole('button', { name: 'Accept all unanimous (2)' }).click();
  await expect(reviewer.getByRole('list', { name: 'Gold spans in text order' }).getByRole('listitem')).toHaveCount(2);
  await expect(reviewer.getByRole('button', { name: 'Accept all unanimous (0)' })).toBeDisabled();
  await markAdjudicatedAnyway(reviewer);
  await expect(reviewer.getByRole('button', { name: 'Reopen review' })).toBeVisible();

  // An annotator's feedback tells a span the closed review passed over from one still waiting.
  const ann1 = await pageAs(browser, 'ann1@demo.test');
  await ann1.goto('/projects/demo-review/feedback');
  const library = ann1.getByRole('region', { name: 'Feedback on Library hours cut as the city trims its culture budget' });
  await expect(library).toContainText('Adjudicated: its gold layer is settled.');
  await expect(library.getByRole('listitem', { name: /Your span: “Every department/ })).toContainText('No verdict: the review is closed');
  await expect(library.getByRole('listitem', { name: /Your span: “Evening hours/ })).toContainText('Accepted');
  const buses = ann1.getByRole('region', { name: 'Feedback on Night buses return to the northern suburbs' });
  await expect(buses.getByRole('listitem', { name: /Your span: “Cleaners/ })).toContainText('Not reviewed yet');

  await reviewer.goto('/projects/demo-review/agreement');
  await expect(reviewer.locator('.figure', { hasText: 'Articles compared' })).toContainText('2 of 2');
  await expect(reviewer.locator('.figure', { hasText: 'Krippendorff’s α' }).locator('.value')).toHaveText(/^0\.\d+$/);
  // Both annotators attributed both quotes they share to the same people.
  const speakers = reviewer.locator('.figure', { hasText: 'Quote speakers agree' });
  await expect(speakers.locator('.value')).toHaveText('1.000');
  await expect(speakers).toContainText('in 2 of 2 quote pairs two annotators both marked');
  // Only the adjudicated article is a reference; the other's review has not started.
  await expect(reviewer.getByText('Over 1 adjudicated article;')).toBeVisible();
  await expect(reviewer.getByText(/Speakers of quotes: the same in 1 of 1 quote marked by gold and Ana Annotator/)).toBeVisible();
  // Each annotator's table against gold is named for them, so a list of the page's tables tells them apart.
  await expect(reviewer.getByRole('table', { name: 'F1 per label, Ana Annotator against gold' })).toBeVisible();
  await expect(reviewer.getByRole('table', { name: 'F1 per label, Ben Annotator against gold' })).toBeVisible();

  // The annotators see their submitted work there, and cannot change it.
  const ann2 = await pageAs(browser, 'ann2@demo.test');
  await ann2.goto('/projects/demo-review');
  await expect(ann2.getByText('2 of 2 articles submitted')).toBeVisible();
  await ann2.getByRole('link', { name: 'Night buses return to the northern suburbs' }).click();
  await expect(ann2.getByText('You submitted this article.')).toBeVisible();
  await expect(annotationsList(ann2).getByRole('listitem')).toHaveCount(4);
  await expect(ann2.getByRole('button', { name: 'Submit article' })).toHaveCount(0);
});

test("a refusal caused by another reviewer closing the article stays on screen after the board shows it closed", async ({ browser }) => {
  const reviewer = await pageAs(browser, 'reviewer@demo.test');
  const admin = await pageAs(browser, 'admin@demo.test');
  const board = '/projects/demo-review/articles/demo-review-buses/review';
  await reviewer.goto(board);
  await expect(reviewer.getByRole('button', { name: 'Mark adjudicated' })).toBeVisible();
  // Meanwhile the admin closes the review of the same article.
  await admin.goto(board);
  await markAdjudicatedAnyway(admin);
  await expect(admin.getByRole('button', { name: 'Reopen review' })).toBeVisible();
  // The reviewer's verdict, sent from the page they still have open, is refused; the board then
  // shows the article closed, and the reason stays beside it.
  await reviewer.getByRole('button', { name: /^Accept .+'s / }).first().click();
  await expect(reviewer.getByRole('button', { name: 'Reopen review' })).toBeVisible();
  await expect(alerts(reviewer)).toContainText('This article is adjudicated');
  // The pressed button went with the old board: the focus is on the reason, not at the page's top.
  await expect(reviewer.getByRole('alert').filter({ hasText: 'This article is adjudicated' })).toBeFocused();
  // Back as it was.
  await admin.getByRole('button', { name: 'Reopen review' }).click();
  await expect(admin.getByRole('button', { name: 'Mark adjudicated' })).toBeVisible();
});

test('a reviewer whose session has ended is told so on the board, which stays, with what they were typing', async ({ browser }) => {
  const reviewer = await pageAs(browser, 'reviewer@demo.test');
  // The buses article is still in review (the library one was adjudicated above).
  await reviewer.goto('/projects/demo-review/articles/demo-review-buses/review');
  await reviewer.getByRole('button', { name: /^Comment / }).first().click();
  const comment = reviewer.getByLabel(/^Comment on /).first();
  await comment.fill('Half-written thought about this span');
  await reviewer.context().clearCookies();
  await reviewer.getByRole('button', { name: /^Accept .+'s / }).first().click();
  await expect(alerts(reviewer)).toHaveText('You are signed out: your session has ended. The change was not saved. Sign in again in another tab, then try once more.');
  // Not sent to the sign-in page: the board and the comment being typed are still there.
  await expect(reviewer).toHaveURL(/\/articles\/demo-review-buses\/review$/);
  await expect(comment).toHaveValue('Half-written thought about this span');
  await reviewer.context().close();
});

/** Creates the article and each annotator's submitted layer through the API: `[annotator, passage, label]`. */
async function submittedLayers(browser: Browser, layers: Record<string, [string, 'claim' | 'opinion' | 'sourced_quote'][]>) {
  const pages = Object.fromEntries(await Promise.all(Object.keys(layers).map(async (email) => [email, await pageAs(browser, email)] as const)));
  const first = Object.values(pages)[0];
  // The project refuses a text it already holds: this one ends with a line of its own.
  const text = `${TEXT}\n\nFiled at ${Date.now()}.`;
  const created = await first.request.post('/api/v1/projects/demo-project/articles', { data: { articles: [{ title: `Keyboard review ${Date.now()}`, text }] } });
  expect(created.status()).toBe(201);
  const articleId = ((await created.json()) as { articles: { id: string }[] }).articles[0].id;
  for (const [email, spans] of Object.entries(layers)) {
    for (const [passage, label] of spans) {
      const start = [...text.slice(0, text.indexOf(passage))].length;
      const response = await pages[email].request.post(`/api/v1/articles/${articleId}/spans`, { data: { label, start, end: start + [...passage].length } });
      expect(response.status()).toBe(201);
    }
    expect((await pages[email].request.post(`/api/v1/articles/${articleId}/status`, { data: { action: 'submit' } })).ok()).toBe(true);
  }
  return articleId;
}

test('a reviewer works the board by keyboard alone, keeps the focus, and hears what each action did', async ({ browser }) => {
  const articleId = await submittedLayers(browser, {
    'ann1@demo.test': [
      ['The council approved a budget', 'claim'],
      ['This plan is a disaster for the town.', 'opinion'],
    ],
    'ann2@demo.test': [['The council approved a budget', 'claim']],
  });
  const reviewer = await pageAs(browser, 'reviewer@demo.test');
  await reviewer.goto(`${DEMO_PROJECT}/articles/${articleId}/review`);
  // The board's painter has run: it is hydrated and answers keys.
  await waitForPainter(reviewer);
  const announcer = reviewer.getByTestId('announcer');
  const goldList = reviewer.getByRole('list', { name: 'Gold spans in text order' });

  // A verdict by keyboard: the focus stays on the button, and the region says what happened.
  const accept = reviewer.getByRole('button', { name: "Accept Ana Annotator's claim" });
  await accept.focus();
  await reviewer.keyboard.press('Enter');
  await expect(announcer).toHaveText("Accepted Ana Annotator's claim into gold");
  await expect(reviewer.getByRole('listitem', { name: 'Ana Annotator: Claim' })).toContainText('Accepted');
  await expect(accept).toBeFocused();

  // Edit opens a form with the focus in it; Escape closes it and gives the focus back.
  const edit = reviewer.getByRole('button', { name: "Edit Ana Annotator's opinion" });
  await edit.focus();
  await reviewer.keyboard.press('Enter');
  await expect(reviewer.getByRole('form', { name: "Edit Ana Annotator's opinion" }).getByLabel('Label')).toBeFocused();
  await reviewer.keyboard.press('Escape');
  await expect(reviewer.getByRole('form', { name: "Edit Ana Annotator's opinion" })).toHaveCount(0);
  await expect(edit).toBeFocused();

  // Going through the gold label's options with the arrow keys saves nothing until "Save".
  const goldLabel = reviewer.getByLabel('Label of gold span 1');
  await goldLabel.focus();
  await reviewer.keyboard.press('ArrowDown');
  await expect(goldLabel).toHaveValue('opinion');
  await expect(goldList.getByRole('listitem').first()).toContainText('Claim');
  await expect(goldLabel).toBeFocused();
  await reviewer.keyboard.press('Tab');
  await expect(reviewer.getByRole('button', { name: 'Save gold span 1' })).toBeFocused();
  await reviewer.keyboard.press('Enter');
  // Ana's claim went into gold as a claim: corrected there, her verdict now reads edited (decision 011).
  await expect(announcer).toHaveText("Gold span 1 is now opinion; the annotator's span behind it is now marked edited");
  await expect(goldList.getByRole('listitem').first()).toContainText('Opinion');
  await expect(reviewer.getByRole('listitem', { name: 'Ana Annotator: Claim' })).toContainText('Edited and accepted');
  // The button went with the change; the focus went back to the label.
  await expect(reviewer.getByRole('button', { name: 'Save gold span 1' })).toHaveCount(0);
  await expect(goldLabel).toBeFocused();
  // A gold quote takes its speaker here too: Enter in the speaker field saves both.
  await goldLabel.selectOption('sourced_quote');
  await reviewer.getByLabel('Speaker of gold span 1').fill('Mayor Ada Lind');
  await reviewer.keyboard.press('Enter');
  await expect(announcer).toHaveText('Gold span 1 is now a sourced quote by Mayor Ada Lind');
  await expect(reviewer.getByRole('button', { name: 'Save gold span 1' })).toHaveCount(0);
  await expect(reviewer.getByLabel('Speaker of gold span 1')).toHaveValue('Mayor Ada Lind');

  // A passage selected with the keyboard goes into gold with its label's key, as when annotating.
  await caretBefore(reviewer, 'Critics called');
  await reviewer.keyboard.press('Shift+Control+ArrowRight');
  await reviewer.keyboard.press('Shift+Control+ArrowRight');
  await expect.poll(() => selectedText(reviewer)).toMatch(/^Critics called\s?$/);
  await reviewer.keyboard.press('1');
  await expect(goldList.getByRole('listitem')).toHaveCount(2);
  await expect(goldList.getByRole('listitem').nth(1)).toContainText('Critics called');
  await expect(announcer).toHaveText('Gold claim added');

  // Removing a gold span that a verdict stands behind asks first, saying what it does to that verdict.
  await reviewer.getByRole('button', { name: 'Remove gold span 1' }).focus();
  await reviewer.keyboard.press('Enter');
  const asking = reviewer.getByRole('group', { name: 'Confirm: Remove gold span 1' });
  await expect(asking).toContainText("An annotator's span was accepted into it, and removing it rejects that span. Remove it?");
  await expect(asking.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await reviewer.keyboard.press('Escape');
  await expect(reviewer.getByRole('button', { name: 'Remove gold span 1' })).toBeFocused();
  await expect(goldList.getByRole('listitem')).toHaveCount(2);
  await reviewer.keyboard.press('Enter');
  await reviewer.keyboard.press('Shift+Tab');
  await expect(asking.getByRole('button', { name: 'Yes, remove' })).toBeFocused();
  // Then it moves the focus to the entry that takes its place.
  await reviewer.keyboard.press('Enter');
  await expect(goldList.getByRole('listitem')).toHaveCount(1);
  await expect(announcer).toHaveText("Gold sourced quote removed; the annotator's span behind it is now rejected");
  await expect(reviewer.getByRole('listitem', { name: 'Ana Annotator: Claim' })).toContainText('Rejected');
  await expect(goldList.getByRole('button', { name: /Critics called/ })).toBeFocused();

  // Enter with the caret on a highlight shows its cluster and puts the focus on the span's card.
  await caretBefore(reviewer, 'disaster');
  await reviewer.keyboard.press('Enter');
  await expect(reviewer.getByRole('listitem', { name: 'Ana Annotator: Opinion' }).locator('.span-summary')).toBeFocused();

  // Closing the review re-creates the board; the focus comes back to the same button.
  // It asks first (spans are still unjudged), with the focus on Cancel; the answer is by keyboard too.
  await reviewer.getByRole('button', { name: 'Mark adjudicated' }).focus();
  await reviewer.keyboard.press('Enter');
  await expect(reviewer.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await reviewer.keyboard.press('Shift+Tab');
  await expect(reviewer.getByRole('button', { name: 'Yes, mark adjudicated' })).toBeFocused();
  await reviewer.keyboard.press('Enter');
  await expect(reviewer.getByRole('button', { name: 'Reopen review' })).toBeFocused();
  await expect(announcer).toHaveText('Article marked adjudicated');
});

/** Closes the review of the open board, answering yes to the question about spans without a verdict. */
async function markAdjudicatedAnyway(page: Page) {
  await page.getByRole('button', { name: 'Mark adjudicated' }).click();
  await page.getByRole('group', { name: 'Confirm: Mark adjudicated' }).getByRole('button', { name: 'Yes, mark adjudicated' }).click();
}

test('a screen reader hears the board: N and P go through the clusters from the text and the cards, and the caret says whose highlights it is in', async ({ browser }) => {
  const articleId = await submittedLayers(browser, {
    'ann1@demo.test': [
      ['The council approved a budget', 'claim'],
      ['This plan is a disaster for the town.', 'opinion'],
    ],
    'ann2@demo.test': [['The council approved a budget', 'opinion']],
  });
  const reviewer = await pageAs(browser, 'reviewer@demo.test');
  await reviewer.goto(`${DEMO_PROJECT}/articles/${articleId}/review`);
  await waitForPainter(reviewer);
  const announcer = reviewer.getByTestId('announcer');
  const articleText = reviewer.getByTestId('article-text');

  // From the start of the text, N reads out each cluster in text order; the focus stays in the text.
  await caretBefore(reviewer, 'The council');
  await reviewer.keyboard.press('n');
  await expect(announcer).toHaveText("Cluster 1 of 2, label differs: Ana Annotator's claim and Ben Annotator's opinion: “The council approved a budget”");
  await expect(articleText).toBeFocused();
  await reviewer.keyboard.press('n');
  await expect(announcer).toHaveText("Cluster 2 of 2, missed by some: Ana Annotator's opinion; missed by Ben Annotator: “This plan is a disaster for the town.”");
  await reviewer.keyboard.press('n');
  await expect(announcer).toHaveText('No cluster after this one');
  await reviewer.keyboard.press('p');
  await expect(announcer).toHaveText(/^Cluster 1 of 2, label differs/);
  // Once the reviewer moves the caret, N and P go from there, not from the cluster last read out.
  await caretBefore(reviewer, 'said Mayor Ada Lind');
  await reviewer.keyboard.press('p');
  await expect(announcer).toHaveText(/^Cluster 2 of 2, missed by some/);
  await reviewer.keyboard.press('p');
  await expect(announcer).toHaveText(/^Cluster 1 of 2, label differs/);

  // From a cluster's card, N moves the focus on to the next card, ready for a verdict.
  await reviewer.getByRole('button', { name: "Accept Ana Annotator's claim" }).focus();
  await reviewer.keyboard.press('n');
  await expect(announcer).toHaveText(/^Cluster 2 of 2/);
  await expect(reviewer.getByRole('article', { name: /^Cluster 2/ }).locator('.span-summary').first()).toBeFocused();

  // Moving the caret by key says whose highlights it comes into and leaves.
  const both = "(Ana Annotator's claim and Ben Annotator's opinion|Ben Annotator's opinion and Ana Annotator's claim)";
  await caretBefore(reviewer, 'of 4 million');
  // One step back is the end of "budget", where the spans end: still outside them.
  await reviewer.keyboard.press('ArrowLeft');
  await reviewer.keyboard.press('ArrowLeft');
  await expect(announcer).toHaveText(new RegExp(`^In ${both}$`));
  await reviewer.keyboard.press('ArrowRight');
  await expect(announcer).toHaveText(new RegExp(`^Out of ${both}$`));
  await caretBefore(reviewer, 'This plan');
  await reviewer.keyboard.press('ArrowLeft');
  await expect(announcer).toHaveText("Out of Ana Annotator's opinion");
  await reviewer.keyboard.press('ArrowRight');
  await expect(announcer).toHaveText("In Ana Annotator's opinion");
});

test("a reviewer's comment on a span its annotator then deleted stays readable on the board", async ({ browser }) => {
  const articleId = await submittedLayers(browser, {
    'ann1@demo.test': [['This plan is a disaster for the town.', 'opinion']],
    'ann2@demo.test': [['This plan is a disaster for the town.', 'claim']],
  });
  const reviewer = await pageAs(browser, 'reviewer@demo.test');
  const board = `${DEMO_PROJECT}/articles/${articleId}/review`;
  await reviewer.goto(board);
  const benClaim = reviewer.getByRole('listitem', { name: 'Ben Annotator: Claim' });
  await benClaim.getByRole('button', { name: /^Comment/ }).click();
  await benClaim.getByLabel("Comment on Ben Annotator's claim", { exact: true }).fill('This reads as an opinion: the paper calls it a disaster.');
  await benClaim.getByRole('button', { name: 'Post comment' }).click();
  await expect(benClaim).toContainText('This reads as an opinion');

  // Ben reopens, deletes the claim and submits again.
  const ann2 = await pageAs(browser, 'ann2@demo.test');
  expect((await ann2.request.post(`/api/v1/articles/${articleId}/status`, { data: { action: 'reopen' } })).ok()).toBe(true);
  const own = (await (await ann2.request.get(`/api/v1/articles/${articleId}/spans`)).json()) as { spans: { id: string; version: number }[] };
  expect((await ann2.request.delete(`/api/v1/spans/${own.spans[0].id}`, { data: { version: own.spans[0].version } })).ok()).toBe(true);
  expect((await ann2.request.post(`/api/v1/articles/${articleId}/status`, { data: { action: 'submit' } })).ok()).toBe(true);

  await reviewer.reload();
  await expect(reviewer.getByRole('listitem', { name: 'Ben Annotator: Claim' })).toHaveCount(0);
  const earlier = reviewer.locator('details', { hasText: 'Comments on spans no longer on the board (1)' });
  await earlier.locator('summary').click();
  const thread = earlier.getByRole('listitem', { name: "Ben Annotator's claim, deleted" });
  await expect(thread).toContainText('This plan is a disaster for the town.');
  await expect(thread).toContainText('Rui Reviewer: This reads as an opinion: the paper calls it a disaster.');
});
