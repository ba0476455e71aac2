// The saves scenario's baseline: a bare node:http server that does each save as one statement
// on the same Span table, answering the same JSON on the same paths. No sessions, validation or
// audit: the least a save must cost. On SQLite through better-sqlite3 (WAL, synchronous=FULL
// like the app); on PostgreSQL through a pg pool with PostgreSQL's durable defaults.
// Usage: node --import tsx bench/baseline-server.ts <sqliteFile | postgresql://…>   (prints {"port": n})
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';

type Body = { label?: string; start?: number; end?: number; note?: string; speaker?: string; version?: number };
type Row = { id: string; articleId?: string; authorId: string; label?: string | null; start?: number | null; end?: number | null; note?: string | null; speaker?: string; version?: number; now: string };
/** Each returns the number of rows it changed. */
type Store = { insert(row: Row): Promise<number>; update(row: Row): Promise<number>; remove(row: Row): Promise<number> };

const INSERT = `INSERT INTO "Span" (id, "articleId", "authorId", layer, label, start, "end", quote, prefix, suffix, "textHash", note, speaker, "createdAt", "updatedAt")
   VALUES (:id, :articleId, :authorId, 'annotator', :label, :start, :end, '', '', '', '', :note, :speaker, :now, :now)`;
const UPDATE = `UPDATE "Span" SET label = coalesce(:label, label), start = coalesce(:start, start), "end" = coalesce(:end, "end"), note = coalesce(:note, note),
     version = version + 1, "updatedAt" = :now
   WHERE id = :id AND "authorId" = :authorId AND version = :version AND "deletedAt" IS NULL`;
const REMOVE = `UPDATE "Span" SET "deletedAt" = :now, version = version + 1, "updatedAt" = :now
   WHERE id = :id AND "authorId" = :authorId AND version = :version AND "deletedAt" IS NULL`;

function sqliteStore(file: string): Store {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  const statement = (text: string) => {
    const prepared = sqlite.prepare(text.replace(/:(\w+)/g, '@$1'));
    return async (row: Row) => prepared.run(row).changes;
  };
  return { insert: statement(INSERT), update: statement(UPDATE), remove: statement(REMOVE) };
}

function postgresStore(url: string): Store {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const statement = (text: string) => {
    const names: string[] = [];
    const sql = text.replace(/:(\w+)/g, (_, name: string) => {
      if (!names.includes(name)) names.push(name);
      return `$${names.indexOf(name) + 1}`;
    });
    return async (row: Row) => (await pool.query(sql, names.map((n) => (row as Record<string, unknown>)[n] ?? null))).rowCount ?? 0;
  };
  return { insert: statement(INSERT), update: statement(UPDATE), remove: statement(REMOVE) };
}

const target = process.argv[2];
const store = /^postgres(ql)?:\/\//.test(target) ? postgresStore(target) : sqliteStore(target);

function answer(res: http.ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function save(method: string, url: string, authorId: string, body: Body): Promise<[number, unknown]> {
  const now = new Date().toISOString();
  const create = /^\/api\/v1\/articles\/([^/]+)\/spans$/.exec(url);
  if (method === 'POST' && create) {
    const id = randomUUID();
    await store.insert({ id, articleId: create[1], authorId, label: body.label, start: body.start, end: body.end, note: body.note ?? '', speaker: body.speaker ?? '', now });
    return [201, { span: { id, version: 1 } }];
  }
  const span = /^\/api\/v1\/spans\/([^/]+)$/.exec(url);
  if (span && (method === 'PATCH' || method === 'DELETE')) {
    const row = { id: span[1], authorId, version: body.version, now };
    const changes =
      method === 'PATCH' ? await store.update({ ...row, label: body.label ?? null, start: body.start ?? null, end: body.end ?? null, note: body.note ?? null }) : await store.remove(row);
    return changes === 1 ? [200, { span: { id: span[1], version: (body.version ?? 0) + 1 } }] : [409, { error: 'stale version' }];
  }
  return [404, { error: 'not found' }];
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    save(req.method ?? 'GET', req.url ?? '/', String(req.headers['x-user'] ?? ''), JSON.parse(Buffer.concat(chunks).toString() || '{}') as Body).then(
      ([status, body]) => answer(res, status, body),
      (error) => answer(res, 500, { error: String(error) }),
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as { port: number }).port })));
