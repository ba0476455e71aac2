import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The migration that links verdicts to gold (Span.goldSpanId) fills the link in for verdicts given
// before it, from what each verdict's audit event recorded. Run on SQLite's migrations; the same
// statement on PostgreSQL differs only in how it reads the JSON.

const MIGRATIONS = path.resolve(import.meta.dirname, '..', '..', 'prisma', 'migrations');
const BACKFILL = '20261129041930_verdict_gold_link';

function databaseBefore(name: string) {
  const db = new Database(':memory:');
  for (const dir of readdirSync(MIGRATIONS).filter((d) => /^\d/.test(d) && d < name).sort()) {
    db.exec(readFileSync(path.join(MIGRATIONS, dir, 'migration.sql'), 'utf8'));
  }
  db.pragma('foreign_keys = OFF');
  return db;
}

describe('the verdict → gold link backfill', () => {
  it('links each accepted or edited span to the gold span its latest verdict recorded, else to the same span in gold', () => {
    const db = databaseBefore(BACKFILL);
    const span = db.prepare(
      `INSERT INTO "Span" (id, articleId, authorId, layer, label, start, "end", quote, prefix, suffix, textHash, verdict, sourceSpanId, deletedAt, updatedAt)
       VALUES (?, 'a', 'u', ?, ?, ?, ?, '', '', '', 'h', ?, ?, ?, 0)`,
    );
    const event = db.prepare(`INSERT INTO "AuditEvent" (id, action, entityType, entityId, "after", createdAt) VALUES (?, ?, 'span', ?, ?, ?)`);
    // Accepted (gold G1), then accepted with an edit (gold G2): the latest verdict's gold.
    span.run('S', 'annotator', 'claim', 0, 40, 'edited', null, null);
    span.run('G1', 'gold', 'claim', 0, 40, '', 'S', null);
    span.run('G2', 'gold', 'claim', 0, 30, '', 'S', null);
    event.run('e1', 'review.accepted', 'S', JSON.stringify({ goldSpanId: 'G1' }), 1000);
    event.run('e2', 'review.edited', 'S', JSON.stringify({ goldSpanId: 'G2' }), 2000);
    // An edit that found the gold span another verdict had created.
    span.run('T1', 'annotator', 'claim', 50, 80, 'accepted', null, null);
    span.run('T2', 'annotator', 'claim', 50, 90, 'edited', null, null);
    span.run('H', 'gold', 'claim', 50, 80, '', 'T1', null);
    event.run('e3', 'review.accepted', 'T1', JSON.stringify({ goldSpanId: 'H' }), 3000);
    event.run('e4', 'review.edited', 'T2', JSON.stringify({ goldSpanId: 'H' }), 4000);
    // "Accept all unanimous" did not record the gold span: the same label and boundaries in gold.
    span.run('U', 'annotator', 'opinion', 100, 120, 'accepted', null, null);
    span.run('K', 'gold', 'opinion', 100, 120, '', 'Z', null);
    event.run('e5', 'review.accepted', 'U', JSON.stringify({ verdict: 'accepted', unanimous: true }), 5000);
    // A recorded gold span that was deleted since, and a rejected span: no link.
    span.run('W', 'annotator', 'claim', 200, 210, 'accepted', null, null);
    span.run('D', 'gold', 'claim', 200, 210, '', 'W', 6000);
    event.run('e6', 'review.accepted', 'W', JSON.stringify({ goldSpanId: 'D' }), 6000);
    span.run('V', 'annotator', 'opinion', 130, 140, 'rejected', null, null);

    db.exec(readFileSync(path.join(MIGRATIONS, BACKFILL, 'migration.sql'), 'utf8'));
    const links = db.prepare(`SELECT id, goldSpanId FROM "Span" WHERE layer = 'annotator' ORDER BY id`).all();
    expect(links).toEqual([
      { id: 'S', goldSpanId: 'G2' },
      { id: 'T1', goldSpanId: 'H' },
      { id: 'T2', goldSpanId: 'H' },
      { id: 'U', goldSpanId: 'K' },
      { id: 'V', goldSpanId: null },
      { id: 'W', goldSpanId: null },
    ]);
    db.close();
  });
});
