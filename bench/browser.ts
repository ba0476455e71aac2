// The browser scenarios of the benchmark: a 60,000-word article with 3,000 spans in headless
// Chromium (time to all highlights painted, one more span, scrolling), the review page with
// three annotators' spans, and the annotate page's first-load JavaScript. Each page is measured
// against the same text served as a plain static page in the same run.
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { makeSelector, resolveIndex } from '../lib/anchoring/selector';
import { PAINTED_MARK } from '../components/annotator/highlights';
import { createPrismaClient } from '../lib/database/client';
import { canonicalText, hashText } from '../lib/import/canonical';
import { LABELS } from '../lib/labels';
import { chromiumPath } from '../scripts/lib/chromium';
import { ensureBuild, prepareDatabase } from '../scripts/lib/setup';
import type { Result, ScenarioContext } from './measure';
import { startApp } from './saves';
import { seededRandom, syntheticText } from './random';

export type BrowserSizes = { words: number; spans: number; reviewers: number; oneMoreSpan: number; repeats: number };
export const FULL_SIZES: BrowserSizes = { words: 60_000, spans: 3_000, reviewers: 3, oneMoreSpan: 50, repeats: 7 };
export const SMOKE_SIZES: BrowserSizes = { words: 2_000, spans: 100, reviewers: 3, oneMoreSpan: 5, repeats: 1 };

export type BrowserFigures = {
  longArticle: { baselineMs: number; scenarioMs: number; firstByteMs: number; htmlDoneMs: number; baselineFirstByteMs: number };
  oneMoreSpan: { samples: number; p50Ms: number; p95Ms: number; longestScrollTaskMs: number; longTasksOver100: number };
  reviewPage: { baselineMs: number; scenarioMs: number; painted: number; firstByteMs: number; htmlDoneMs: number };
  pageWeight: { scripts: number; gzipBytes: number };
};

const PASSWORD = 'bench-password';
const ANNOTATORS = ['demo-user-ann1', 'demo-user-ann2', 'demo-user-admin'];
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const percentile = (v: number[], p: number) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)];

function spansFor(rand: () => number, text: string, count: number) {
  const length = resolveIndex(text).length;
  return Array.from({ length: count }, () => {
    const start = Math.floor(rand() * (length - 100));
    // Lengths from a word to a few sentences, so spans overlap and nest as real ones do.
    const end = Math.min(length, start + 5 + Math.floor(rand() * (rand() < 0.1 ? 400 : 80)));
    return { start, end, label: LABELS[Math.floor(rand() * LABELS.length)] };
  });
}

export async function buildCorpus(databaseUrl: string, sizes: BrowserSizes) {
  await prepareDatabase({ databaseUrl, seed: true, demoPassword: PASSWORD });
  const db = createPrismaClient(databaseUrl);
  try {
    const rand = seededRandom(60_000);
    const text = canonicalText(syntheticText(rand, sizes.words));
    const textHash = hashText(text);
    const make = (id: string, title: string) =>
      db.article.create({ data: { id, projectId: 'demo-project', createdById: 'demo-user-admin', title, text, textHash, position: 1000 + (id === 'bench-long' ? 0 : 1) } });
    await make('bench-long', 'Benchmark: a very long article');
    await make('bench-review', 'Benchmark: a very long article under review');
    const index = resolveIndex(text);
    const rows = (articleId: string, authorId: string) =>
      spansFor(rand, text, sizes.spans).map((s) => ({ articleId, authorId, layer: 'annotator', label: s.label, ...makeSelector(text, s, index), textHash }));
    await db.span.createMany({ data: rows('bench-long', 'demo-user-ann1') });
    for (const authorId of ANNOTATORS.slice(0, sizes.reviewers)) {
      await db.span.createMany({ data: rows('bench-review', authorId) });
      await db.annotationStatus.create({ data: { articleId: 'bench-review', userId: authorId, status: 'submitted', submittedAt: new Date() } });
    }
    return text;
  } finally {
    await db.$disconnect();
  }
}

/** The same text as a plain page: one <p> per line, and the same "painted" mark after the first frame. */
function staticServer(text: string): Promise<http.Server> {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const html =
    '<!doctype html><html><head><meta charset="utf-8"><title>Plain</title></head><body><article>' +
    text
      .split('\n')
      .map((line) => `<p>${escape(line)}</p>`)
      .join('') +
    `</article><script>requestAnimationFrame(() => setTimeout(() => performance.mark('plain-painted')));</script></body></html>`;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function signedInContext(browser: Browser, base: string, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1360, height: 900 } });
  // tsx keeps function names with a helper that does not exist in the page's world.
  await context.addInitScript('globalThis.__name = (f) => f');
  const { csrfToken } = (await (await context.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await context.request.post('/api/auth/callback/credentials', { form: { csrfToken, email, password: PASSWORD, json: 'true' } });
  return context;
}

/** Milliseconds from navigation start until the first painted mark that covers `atLeast` ranges. */
type Painted = { ms: number; count: number; firstByteMs: number; htmlDoneMs: number };

export async function timeToPainted(page: Page, url: string, mark: string, atLeast: number): Promise<Painted> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    ({ mark, atLeast }) => {
      const hit = performance.getEntriesByName(mark).find((e) => ((e as PerformanceMark).detail?.count ?? Infinity) >= atLeast);
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return hit ? { ms: hit.startTime, count: (hit as PerformanceMark).detail?.count ?? 0, firstByteMs: nav?.responseStart ?? 0, htmlDoneMs: nav?.responseEnd ?? 0 } : null;
    },
    { mark, atLeast },
    { timeout: 120_000, polling: 50 },
  );
  return (await handle.jsonValue()) as Painted;
}

export async function measureOneMoreSpan(page: Page, samples: number, lines: number) {
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    // The marks so far, and how many ranges the last one counted: the new span's paint is the
    // first one after the key press that counts one more. (Any paint after the key press would
    // do otherwise, such as the previous span's save coming back, which paints nothing new.)
    const { before, painted } = await page.evaluate((mark) => {
      const marks = performance.getEntriesByName(mark) as PerformanceMark[];
      return { before: marks.length, painted: (marks[marks.length - 1]?.detail?.count as number | undefined) ?? 0 };
    }, PAINTED_MARK);
    // A passage in a different paragraph each time, selected the way a drag leaves it. Short and
    // empty lines (paragraph breaks) are passed over for the next paragraph long enough: without
    // a selection, the key press would relabel the open span instead of making one.
    await page.evaluate(
      ({ line }) => {
        const paragraphs = Array.from(document.querySelectorAll<HTMLElement>('article p[data-line]'));
        const p = [...paragraphs.slice(line), ...paragraphs.slice(0, line)].find((el) => (el.firstChild?.textContent?.length ?? 0) >= 40);
        const node = p?.firstChild;
        if (!p || !node) throw new Error('The article has no paragraph of 40 characters to select in.');
        p.scrollIntoView({ block: 'center' });
        const range = document.createRange();
        range.setStart(node, 4);
        range.setEnd(node, 36);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        document.dispatchEvent(new Event('selectionchange'));
        (window as unknown as { benchKeydown?: number }).benchKeydown = undefined;
      },
      { line: (i * 37) % lines },
    );
    await page.waitForTimeout(30); // the toolbar follows the selection once per frame
    await page.keyboard.press('1');
    const latency = await page.waitForFunction(
      ({ mark, before, painted }) => {
        const keydown = (window as unknown as { benchKeydown?: number }).benchKeydown;
        const marks = performance.getEntriesByName(mark) as PerformanceMark[];
        if (keydown === undefined || marks.length <= before) return null;
        const after = marks.slice(before).find((m) => m.startTime >= keydown && ((m.detail?.count as number | undefined) ?? 0) > painted);
        return after ? after.startTime - keydown : null;
      },
      { mark: PAINTED_MARK, before, painted },
      { timeout: 10_000, polling: 'raf' },
    );
    latencies.push((await latency.jsonValue()) as number);
  }
  return latencies;
}

async function scrollLongTasks(page: Page) {
  return page.evaluate(async () => {
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
    observer.observe({ type: 'longtask' });
    window.scrollTo(0, 0);
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
    while (window.scrollY + window.innerHeight < document.documentElement.scrollHeight - 2) {
      window.scrollBy(0, window.innerHeight * 0.8);
      await frame();
      await frame();
    }
    await new Promise((r) => setTimeout(r, 200));
    observer.disconnect();
    return tasks;
  });
}

async function firstLoadJavaScript(page: Page, url: string): Promise<{ scripts: number; gzipBytes: number }> {
  const scripts = new Map<string, Buffer>();
  const collect = async (response: import('@playwright/test').Response) => {
    if (response.request().resourceType() === 'script' && response.ok()) scripts.set(response.url(), await response.body());
  };
  page.on('response', collect);
  await page.goto(url, { waitUntil: 'networkidle' });
  page.off('response', collect);
  let gzipBytes = 0;
  for (const body of scripts.values()) gzipBytes += gzipSync(body).byteLength;
  return { scripts: scripts.size, gzipBytes };
}

export async function browserScenarios(sizes: BrowserSizes): Promise<BrowserFigures> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('The browser scenarios need Chromium: `sudo apt-get install -y chromium`, or set CHROMIUM_PATH.');
  ensureBuild();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'slant-bench-browser-'));
  const databaseUrl = `file:${path.join(dir, 'bench.db')}`;
  const text = await buildCorpus(databaseUrl, sizes);
  const { child: app, port } = await startApp(databaseUrl, path.join(dir, 'app.log'));
  const plain = await staticServer(text);
  const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const base = `http://127.0.0.1:${port}`;
    const annotator = await signedInContext(browser, base, 'ann1@demo.test');
    const reviewer = await signedInContext(browser, base, 'reviewer@demo.test');
    const plainContext = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const longUrl = '/projects/demo-project/articles/bench-long';
    const reviewUrl = '/projects/demo-project/articles/bench-review/review';

    // Warm both servers and the browser's caches once, then measure.
    for (const [context, url] of [[annotator, longUrl], [reviewer, reviewUrl], [plainContext, plainUrl]] as const) {
      const warm = await context.newPage();
      await warm.goto(url, { waitUntil: 'load' });
      await warm.close();
    }
    // One load of a page; a load not painted within the time limit counts as Infinity, so the row
    // says so and the other rows still run.
    const sample = async (context: BrowserContext, url: string, mark: string, atLeast: number): Promise<Painted> => {
      const page = await context.newPage();
      try {
        return await timeToPainted(page, url, mark, atLeast);
      } catch (error) {
        if ((error as Error).name !== 'TimeoutError') throw error;
        return { ms: Infinity, count: 0, firstByteMs: Infinity, htmlDoneMs: Infinity };
      } finally {
        await page.close();
      }
    };
    // The baseline and the two pages take turns, round after round, each round starting one place
    // further along, so a change in the machine's load during the run (or a page's server work
    // still finishing when the next load starts) reaches all three alike instead of one ratio.
    // A page that once fails to paint in time is not loaded again: its figure is Infinity.
    const pages = [
      { key: 'plain', context: plainContext, url: plainUrl, mark: 'plain-painted', atLeast: 0 },
      { key: 'long', context: annotator, url: longUrl, mark: PAINTED_MARK, atLeast: sizes.spans },
      { key: 'review', context: reviewer, url: reviewUrl, mark: PAINTED_MARK, atLeast: sizes.spans * sizes.reviewers },
    ] as const;
    const rounds: Record<(typeof pages)[number]['key'], Painted[]> = { plain: [], long: [], review: [] };
    for (let i = 0; i < sizes.repeats; i++) {
      for (let j = 0; j < pages.length; j++) {
        const p = pages[(i + j) % pages.length];
        if (rounds[p.key].some((s) => s.ms === Infinity)) continue;
        rounds[p.key].push(await sample(p.context, p.url, p.mark, p.atLeast));
      }
    }
    const summary = (samples: Painted[]) => ({
      ms: median(samples.map((s) => s.ms)),
      count: Math.max(...samples.map((s) => s.count)),
      firstByteMs: median(samples.map((s) => s.firstByteMs)),
      htmlDoneMs: median(samples.map((s) => s.htmlDoneMs)),
    });
    const plain = summary(rounds.plain);
    const plainMs = plain.ms;
    const long = summary(rounds.long);
    const review = summary(rounds.review);

    const page = await annotator.newPage();
    await page.addInitScript(() => {
      document.addEventListener('keydown', (e) => ((window as unknown as { benchKeydown?: number }).benchKeydown = e.timeStamp), true);
    });
    await timeToPainted(page, longUrl, PAINTED_MARK, sizes.spans);
    // Key presses count once the page answers them: its own painter has taken over from the early
    // one (a mark without `early`), which happens once the annotation layer is hydrated. Before
    // that a press labels nothing, and the paint it would be timed against is the hydration's.
    await page.waitForFunction(
      ({ mark, atLeast }) =>
        (performance.getEntriesByName(mark) as PerformanceMark[]).some((m) => !m.detail?.early && ((m.detail?.count as number | undefined) ?? 0) >= atLeast),
      { mark: PAINTED_MARK, atLeast: sizes.spans },
      { timeout: 60_000, polling: 50 },
    );
    const lines = await page.evaluate(() => document.querySelectorAll('article p[data-line]').length);
    const latencies = await measureOneMoreSpan(page, sizes.oneMoreSpan, lines);
    const tasks = await scrollLongTasks(page);
    await page.close();

    const weightPage = await annotator.newPage();
    const weight = await firstLoadJavaScript(weightPage, longUrl);
    await weightPage.close();
    return {
      longArticle: { baselineMs: plainMs, scenarioMs: long.ms, firstByteMs: long.firstByteMs, htmlDoneMs: long.htmlDoneMs, baselineFirstByteMs: plain.firstByteMs },
      oneMoreSpan: {
        samples: latencies.length,
        p50Ms: percentile(latencies, 50),
        p95Ms: percentile(latencies, 95),
        longestScrollTaskMs: tasks.length ? Math.max(...tasks) : 0,
        longTasksOver100: tasks.filter((t) => t > 100).length,
      },
      reviewPage: { baselineMs: plainMs, scenarioMs: review.ms, painted: review.count, firstByteMs: review.firstByteMs, htmlDoneMs: review.htmlDoneMs },
      pageWeight: weight,
    };
  } finally {
    await browser.close();
    plain.close();
    app.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : 'not painted within 120 s');

/** The browser rows of the benchmark table. */
export async function browserScenario(ctx: ScenarioContext): Promise<Result[]> {
  const sizes = ctx.smoke ? SMOKE_SIZES : FULL_SIZES;
  const f = await browserScenarios(sizes);
  const words = sizes.words.toLocaleString('en');
  const longRatio = f.longArticle.scenarioMs / f.longArticle.baselineMs;
  const reviewRatio = f.reviewPage.scenarioMs / f.reviewPage.baselineMs;
  return [
    {
      scenario: `long article: ${words} words, ${sizes.spans.toLocaleString('en')} spans, navigation to all highlights painted`,
      measure: 'headless Chromium, median of runs',
      baselineMs: f.longArticle.baselineMs,
      scenarioMs: f.longArticle.scenarioMs,
      baseline: `${ms(f.longArticle.baselineMs)} (same text, static page)`,
      value: Number.isFinite(f.longArticle.scenarioMs) ? `${ms(f.longArticle.scenarioMs)} (first byte at ${ms(f.longArticle.firstByteMs)})` : ms(f.longArticle.scenarioMs),
      ratio: longRatio,
      target: '≤ 2× baseline and < 1000 ms',
      pass: longRatio <= 2 && f.longArticle.scenarioMs < 1000,
      figures: f.longArticle,
    },
    {
      scenario: `one more span: select and press 1 until painted (${f.oneMoreSpan.samples} times)`,
      measure: 'keydown to the painted mark',
      baseline: '—',
      value: `p50 ${ms(f.oneMoreSpan.p50Ms)}, p95 ${ms(f.oneMoreSpan.p95Ms)}`,
      ratio: Number.NaN,
      target: 'p95 ≤ 50 ms',
      pass: f.oneMoreSpan.p95Ms <= 50,
      figures: f.oneMoreSpan,
    },
    {
      scenario: 'scrolling the long article end to end',
      measure: 'long tasks during the scroll',
      baseline: '—',
      value: `longest ${ms(f.oneMoreSpan.longestScrollTaskMs)}, ${f.oneMoreSpan.longTasksOver100} over 100 ms`,
      ratio: Number.NaN,
      target: 'no long task over 100 ms',
      pass: f.oneMoreSpan.longTasksOver100 === 0,
    },
    {
      scenario: `review page: the same article, ${sizes.reviewers} annotators × ${sizes.spans.toLocaleString('en')} spans`,
      measure: 'navigation to all highlights painted',
      baselineMs: f.reviewPage.baselineMs,
      scenarioMs: f.reviewPage.scenarioMs,
      baseline: `${ms(f.reviewPage.baselineMs)} (static page)`,
      value: Number.isFinite(f.reviewPage.scenarioMs)
        ? `${ms(f.reviewPage.scenarioMs)} (${f.reviewPage.painted.toLocaleString('en')} ranges; first byte at ${ms(f.reviewPage.firstByteMs)})`
        : ms(f.reviewPage.scenarioMs),
      ratio: reviewRatio,
      target: '≤ 3× baseline',
      pass: reviewRatio <= 3,
      figures: f.reviewPage,
    },
    {
      scenario: 'page weight: first-load JavaScript of the annotate page',
      measure: 'scripts loaded, each gzipped',
      baseline: '—',
      value: `${(f.pageWeight.gzipBytes / 1024).toFixed(1)} kB gzipped (${f.pageWeight.scripts} scripts)`,
      ratio: Number.NaN,
      target: '≤ 200 kB',
      pass: f.pageWeight.gzipBytes <= 200 * 1024,
      figures: f.pageWeight,
    },
  ];
}
