import { expect, type Page } from '@playwright/test';
import { fixturePath } from '../lib/testing/fixtures';

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_PROJECT = '/projects/demo-project';
export const FIXTURE = fixturePath('scraped-opinion-article.txt');

/** Signs in through next-auth's credentials endpoint, without clicking through the form. */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await page.request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true' },
  });
  expect(response.ok()).toBe(true);
  const session = (await (await page.request.get('/api/auth/session')).json()) as { user?: { email?: string } };
  expect(session.user?.email).toBe(email);
}

/** Screen rectangle of `text` inside the article: where to press and release the mouse to select it. */
export async function textBounds(page: Page, text: string, occurrence = 0) {
  return page.evaluate(
    ({ text, occurrence }) => {
      const paragraphs = Array.from(document.querySelectorAll<HTMLElement>('article p[data-line]'));
      let seen = 0;
      for (const p of paragraphs) {
        const node = p.firstChild;
        if (!node || !node.textContent) continue;
        let at = node.textContent.indexOf(text);
        while (at >= 0) {
          if (seen++ === occurrence) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + 1);
            const first = range.getBoundingClientRect();
            range.setStart(node, at + text.length - 1);
            range.setEnd(node, at + text.length);
            const last = range.getBoundingClientRect();
            return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
          }
          at = node.textContent.indexOf(text, at + 1);
        }
      }
      throw new Error(`"${text}" is not in the article`);
    },
    { text, occurrence },
  );
}

export async function dragSelect(page: Page, from: string, to: string = from): Promise<void> {
  const a = await textBounds(page, from);
  const b = await textBounds(page, to);
  await page.mouse.move(a.x1, a.y1);
  await page.mouse.down();
  await page.mouse.move((a.x1 + b.x2) / 2, (a.y1 + b.y2) / 2, { steps: 4 });
  await page.mouse.move(b.x2, b.y2, { steps: 4 });
  await page.mouse.up();
}

/**
 * Puts a collapsed caret just before `text` and focuses the article, as a keyboard user who
 * tabbed in and moved there would have it; the selection itself is then made with keys.
 */
export async function caretBefore(page: Page, text: string): Promise<void> {
  await page.evaluate((text) => {
    for (const p of Array.from(document.querySelectorAll<HTMLElement>('article p[data-line]'))) {
      const node = p.firstChild;
      const at = node?.textContent?.indexOf(text) ?? -1;
      if (node && at >= 0) {
        p.closest('article')!.focus();
        window.getSelection()!.collapse(node, at);
        return;
      }
    }
    throw new Error(`"${text}" is not in the article`);
  }, text);
}

export function selectedText(page: Page): Promise<string> {
  return page.evaluate(() => window.getSelection()?.toString() ?? '');
}

export async function waitForSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /changes saved|Saving/ })).toHaveText('All changes saved');
}

/**
 * Waits until the page's own highlight painter has run (its mark without `early`): the page is
 * hydrated, so its key and click handlers are in place. Keys pressed before that would be lost.
 */
export async function waitForPainter(page: Page): Promise<void> {
  await page.waitForFunction(
    () => performance.getEntriesByName('slant:highlights-painted').some((m) => !(m as PerformanceMark).detail?.early),
    undefined,
    { timeout: 15_000 },
  );
}

export function annotationsList(page: Page) {
  return page.getByRole('list', { name: 'Your annotations in text order' });
}

/** The page's own alerts (Next adds an empty route announcer with role=alert to every page). */
export function alerts(page: Page) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}
