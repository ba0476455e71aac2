// The export baseline when the sqlite3 command-line shell is missing: the same two queries through
// better-sqlite3, every row written as JSON, in its own process like the shell would be.
// Usage: node --import tsx bench/export-fallback-child.ts <sqliteFile> <outFile> <sql>;<sql>
import Database from 'better-sqlite3';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const [file, out, queries] = process.argv.slice(2);
const t0 = performance.now();
const sqlite = new Database(file, { readonly: true });
const stream = createWriteStream(out);
for (const sql of queries.split(';').filter((q) => q.trim())) {
  for (const row of sqlite.prepare(sql).iterate()) {
    if (!stream.write(JSON.stringify(row) + ',\n')) await once(stream, 'drain');
  }
}
stream.end();
await once(stream, 'finish');
sqlite.close();
console.log(JSON.stringify({ elapsedMs: performance.now() - t0, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
