// Not part of the benchmark: records a Chromium trace of "one more span" on the long article,
// to see where the time between the key press and the painted frame goes.
import { chromium } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PAINTED_MARK } from '../components/annotator/highlights';
import { chromiumPath } from '../scripts/lib/chromium';
import { buildCorpus, FULL_SIZES, measureOneMoreSpan, signedInContext, timeToPainted } from './browser';
import { startApp } from './saves';

const dir = mkdtempSync(path.join(os.tmpdir(), 'slant-profile-'));
const databaseUrl = `file:${path.join(dir, 'bench.db')}`;
await buildCorpus(databaseUrl, FULL_SIZES);
const { child: app, port } = await startApp(databaseUrl, path.join(dir, 'app.log'));
const browser = await chromium.launch({ executablePath: chromiumPath()!, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
try {
  const context = await signedInContext(browser, `http://127.0.0.1:${port}`, 'ann1@demo.test');
  const samples = Number(process.argv[2] ?? 20);
  const loads = Number(process.argv[4] ?? 1);
  const all: number[] = [];
  for (let load = 0; load < loads; load++) {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.stack ?? e.message}`));
    await page.addInitScript(() => {
      document.addEventListener('keydown', (e) => ((window as unknown as { benchKeydown?: number }).benchKeydown = e.timeStamp), true);
    });
    const atLeast = FULL_SIZES.spans + load * samples;
    await timeToPainted(page, '/projects/demo-project/articles/bench-long', PAINTED_MARK, atLeast);
    await page.waitForFunction(
      ({ mark, atLeast }) => (performance.getEntriesByName(mark) as PerformanceMark[]).some((m) => !m.detail?.early && ((m.detail?.count as number | undefined) ?? 0) >= atLeast),
      { mark: PAINTED_MARK, atLeast },
    );
    const lines = await page.evaluate(() => document.querySelectorAll('article p[data-line]').length);
    // `trace` as the second argument records a Chromium trace and a JavaScript CPU profile too.
    const tracing = process.argv[3] === 'trace' && load === 0;
    const heap = process.argv[3] === 'heap' && load === 0;
    const cdp = await context.newCDPSession(page);
    if (heap) await cdp.send('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    if (tracing) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing', 'v8.execute', 'disabled-by-default-devtools.timeline'] });
    }
    const latencies = await measureOneMoreSpan(page, samples, lines);
    if (tracing) {
      writeFileSync('/tmp/one-more-span-trace.json', await browser.stopTracing());
      writeFileSync('/tmp/one-more-span.cpuprofile', JSON.stringify((await cdp.send('Profiler.stop')).profile));
    }
    if (heap) writeFileSync('/tmp/one-more-span.heapprofile', JSON.stringify((await cdp.send('HeapProfiler.stopSampling')).profile));
    all.push(...latencies);
    console.log(JSON.stringify(latencies.map((l) => Math.round(l))));
    await page.close();
  }
  const sorted = [...all].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)].toFixed(1);
  console.log(`${all.length} samples over ${loads} page loads: p50 ${at(0.5)} p90 ${at(0.9)} p95 ${at(0.95)} max ${at(1)}`);
} finally {
  await browser.close();
  app.kill('SIGKILL');
}
