// The saves scenario's baseline: a bare node:http server that does each save as one statement
// through better-sqlite3 on the same Span table (WAL, synchronous=FULL like the app), answering
// the same JSON on the same paths. No sessions, validation or audit: the least a save must cost.
// Usage: node --import tsx bench/baseline-server.ts <sqliteFile>   (prints {"port": n})
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import http from 'node:http';

const sqlite = new Database(process.argv[2]);
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = FULL');

const insert = sqlite.prepare(
  `INSERT INTO "Span" (id, articleId, authorId, layer, label, start, "end", quote, prefix, suffix, textHash, note, speaker, createdAt, updatedAt)
   VALUES (@id, @articleId, @authorId, 'annotator', @label, @start, @end, '', '', '', '', @note, @speaker, @now, @now)`,
);
const update = sqlite.prepare(
  `UPDATE "Span" SET label = coalesce(@label, label), start = coalesce(@start, start), "end" = coalesce(@end, "end"), note = coalesce(@note, note),
     version = version + 1, updatedAt = @now
   WHERE id = @id AND authorId = @authorId AND version = @version AND deletedAt IS NULL`,
);
const remove = sqlite.prepare(
  `UPDATE "Span" SET deletedAt = @now, version = version + 1, updatedAt = @now
   WHERE id = @id AND authorId = @authorId AND version = @version AND deletedAt IS NULL`,
);

type Body = { label?: string; start?: number; end?: number; note?: string; speaker?: string; version?: number };

function answer(res: http.ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function save(method: string, url: string, authorId: string, body: Body): [number, unknown] {
  const now = new Date().toISOString();
  const create = /^\/api\/v1\/articles\/([^/]+)\/spans$/.exec(url);
  if (method === 'POST' && create) {
    const id = randomUUID();
    insert.run({ id, articleId: create[1], authorId, label: body.label, start: body.start, end: body.end, note: body.note ?? '', speaker: body.speaker ?? '', now });
    return [201, { span: { id, version: 1 } }];
  }
  const span = /^\/api\/v1\/spans\/([^/]+)$/.exec(url);
  if (span && (method === 'PATCH' || method === 'DELETE')) {
    const args = { id: span[1], authorId, version: body.version, now };
    const { changes } =
      method === 'PATCH' ? update.run({ ...args, label: body.label ?? null, start: body.start ?? null, end: body.end ?? null, note: body.note ?? null }) : remove.run(args);
    return changes === 1 ? [200, { span: { id: span[1], version: (body.version ?? 0) + 1 } }] : [409, { error: 'stale version' }];
  }
  return [404, { error: 'not found' }];
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    try {
      const [status, body] = save(req.method ?? 'GET', req.url ?? '/', String(req.headers['x-user'] ?? ''), JSON.parse(Buffer.concat(chunks).toString() || '{}') as Body);
      answer(res, status, body);
    } catch (error) {
      answer(res, 500, { error: String(error) });
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as { port: number }).port })));
