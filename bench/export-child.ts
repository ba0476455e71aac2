// One export of the benchmark, in its own process so its peak memory can be read: the same calls
// as `npm run slant -- export --format jsonl --layer all`, from the database file to a file.
// Usage: node --import tsx bench/export-child.ts <databaseUrl> <projectId> <outFile>
import { createWriteStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createPrismaClient } from '../lib/database/client';
import { prepareExport } from '../lib/export/service';
import { exportOutput } from '../lib/export/stream';

const [databaseUrl, projectId, out] = process.argv.slice(2);
const db = createPrismaClient(databaseUrl);
await db.$connect();
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const prepared = await prepareExport(db, { id: 'command-line', role: 'admin' }, { projectId, input: { format: 'jsonl', layer: 'all' } });
// Preparing checks access and counts the articles; the agreement summary is computed while the articles are written.
const preparedMs = performance.now() - t0;
await pipeline(Readable.from(exportOutput(prepared).chunks), createWriteStream(out));
const elapsedMs = performance.now() - t0;
await db.$disconnect();
const { counts } = prepared.finalManifest();
console.log(
  JSON.stringify({
    elapsedMs,
    preparedMs,
    // resourceUsage reports the peak resident set in kilobytes.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    rssBeforeBytes: rssBefore,
    articles: counts.articles,
    spans: counts.spans,
    bytes: statSync(out).size,
  }),
);
