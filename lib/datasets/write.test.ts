import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSelector } from '../anchoring/selector';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { sqlitePathFromUrl } from '../database/location';
import { enableWal } from '../database/sqlite';
import { DomainError } from '../errors';
import { hashText } from '../import/canonical';
import { createProject } from '../projects/service';
import { auditFields } from '../spans/write';
import { createTestDb } from '../testing/test-db';
import { importDataset } from './import';
import { writeImportedRecords, type ImportedRecord, type WritePath } from './write';

// A dataset import writes its rows in multi-row statements, through the Prisma client's
// transaction or, on SQLite, on a direct connection to the file. Both must write the rows and
// audit events the one-by-one writes made, and both must write everything or nothing.

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const admin: Actor = { id: 'demo-user-admin', role: 'admin' };
const PATHS: WritePath[] = ['auto', 'portable'];

let db: Db;
let databaseUrl: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ db, databaseUrl, cleanup } = await createTestDb());
  enableWal(databaseUrl, ROOT);
});
afterAll(async () => cleanup());

function records(count: number, tag: string): ImportedRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const text = `${tag} ${i}: the mayor 😀 said “we will build it”.\nCritics call the plan reckless — Zoë agrees.`;
    return {
      title: `${tag} ${i}`,
      author: 'A. Writer',
      outlet: 'The Paper',
      sourceUrl: 'https://example.test/a',
      publishedOn: '2026-01-02',
      topic: 'roads',
      text,
      textHash: hashText(text),
      spans: [
        { label: 'sourced_quote', start: 20, end: 40, note: '', speaker: '  The mayor ' },
        { label: 'opinion', start: 42, end: 70, note: 'loaded word', speaker: 'ignored for opinions' },
      ],
    };
  });
}

async function projectRows(projectId: string) {
  const articles = await db.article.findMany({ where: { projectId }, orderBy: { position: 'asc' }, include: { spans: { orderBy: { start: 'asc' } }, statuses: true } });
  const audits = await db.auditEvent.findMany({ where: { projectId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return { articles, audits };
}

describe('writing an imported dataset', () => {
  it.each(PATHS)('checks again, inside its transaction, that the importer and the annotator may still take part (%s path)', async (writePath) => {
    const project = await createProject(db, admin, { name: `Still allowed ${writePath}` });
    // The annotator whose layer it was to fill is not (or no longer) a member: nothing is written.
    const left = (await writeImportedRecords(db, admin, { projectId: project.id, fileName: 'l.jsonl', layer: 'ann2@demo.test', target: { kind: 'annotator', userId: 'demo-user-ann2' }, records: records(1, 'Left'), path: writePath }).catch((e: unknown) => e)) as DomainError;
    expect([left.status, left.message]).toEqual([409, 'Nothing was imported: the person whose annotations these were to become left the project meanwhile.']);
    // An importer whose role is not what the check before the transaction saw (an admin demoted since).
    const demoted: Actor = { id: 'demo-user-ann1', role: 'admin' };
    const refused = (await writeImportedRecords(db, demoted, { projectId: project.id, fileName: 'd.jsonl', layer: 'gold', target: { kind: 'gold' }, records: records(1, 'Demoted'), path: writePath }).catch((e: unknown) => e)) as DomainError;
    expect([refused.status, refused.message]).toEqual([403, 'Nothing was imported: your access to this project changed while the file was being checked.']);
    expect(await db.article.count({ where: { projectId: project.id } })).toBe(0);
  });

  it.each(PATHS)('writes the rows and audit events the one-by-one writes made (%s path)', async (writePath) => {
    const project = await createProject(db, admin, { name: `Rows ${writePath}` });
    await db.membership.create({ data: { projectId: project.id, userId: 'demo-user-ann1' } });
    await writeImportedRecords(db, admin, { projectId: project.id, fileName: 'a.jsonl', layer: 'gold', target: { kind: 'gold' }, records: records(3, 'Gold'), path: writePath });
    await writeImportedRecords(db, admin, {
      projectId: project.id,
      fileName: 'b.jsonl',
      layer: 'ann1@demo.test',
      target: { kind: 'annotator', userId: 'demo-user-ann1' },
      records: records(2, 'Ann'),
      path: writePath,
    });
    const { articles, audits } = await projectRows(project.id);
    expect(articles.map((a) => [a.position, a.title, a.reviewState, a.adjudicatedById])).toEqual([
      [0, 'Gold 0', 'adjudicated', admin.id],
      [1, 'Gold 1', 'adjudicated', admin.id],
      [2, 'Gold 2', 'adjudicated', admin.id],
      [3, 'Ann 0', 'open', null],
      [4, 'Ann 1', 'open', null],
    ]);
    for (const a of articles) {
      expect(a.textHash).toBe(hashText(a.text));
      expect(a.version).toBe(1);
      expect(a.createdById).toBe(admin.id);
      const gold = a.reviewState === 'adjudicated';
      expect(a.adjudicatedAt !== null).toBe(gold);
      expect(a.statuses.map((s) => [s.userId, s.status, s.submittedAt !== null])).toEqual(gold ? [] : [['demo-user-ann1', 'submitted', true]]);
      expect(a.spans).toHaveLength(2);
      const [quote, opinion] = a.spans;
      expect(quote).toMatchObject({ label: 'sourced_quote', speaker: 'The mayor', note: '', layer: gold ? 'gold' : 'annotator', authorId: gold ? admin.id : 'demo-user-ann1' });
      expect(opinion).toMatchObject({ label: 'opinion', speaker: '', note: 'loaded word', verdict: '', version: 1, deletedAt: null, textHash: a.textHash });
      for (const s of a.spans) expect({ start: s.start, end: s.end, quote: s.quote, prefix: s.prefix, suffix: s.suffix }).toEqual(makeSelector(a.text, s));
      // One audit event per span with its fields, then one for the article, in that order.
      const trail = audits.filter((e) => e.articleId === a.id);
      expect(trail.map((e) => [e.action, e.entityType, e.entityId, e.actorId])).toEqual([
        [gold ? 'gold.create' : 'span.create', 'span', quote!.id, admin.id],
        [gold ? 'gold.create' : 'span.create', 'span', opinion!.id, admin.id],
        ['article.import', 'article', a.id, admin.id],
      ]);
      expect(trail.slice(0, 2).map((e) => JSON.parse(e.after!))).toEqual([auditFields(quote!), auditFields(opinion!)]);
      expect(JSON.parse(trail[2]!.after!)).toEqual({ title: a.title, file: gold ? 'a.jsonl' : 'b.jsonl', layer: gold ? 'gold' : 'ann1@demo.test', spans: 2 });
      expect(trail.every((e) => e.before === null)).toBe(true);
    }
    // The same instants Prisma would have stored: read back through the client as Dates.
    expect(articles[0]!.createdAt).toBeInstanceOf(Date);
    expect(articles[0]!.createdAt.getTime()).toBe(articles[0]!.spans[0]!.createdAt.getTime());
  });

  it.each(PATHS)('refuses, inside its transaction, a text that an import committed in between, and writes nothing (%s path)', async (writePath) => {
    const project = await createProject(db, admin, { name: `Race ${writePath}` });
    const batch = records(3, `Race ${writePath}`);
    // The first import commits after the second one's check outside the transaction passed.
    await writeImportedRecords(db, admin, { projectId: project.id, fileName: 'first.jsonl', layer: 'gold', target: { kind: 'gold' }, records: batch.slice(1, 2), path: writePath, refuseDuplicates: true });
    const error = await writeImportedRecords(db, admin, { projectId: project.id, fileName: 'second.jsonl', layer: 'gold', target: { kind: 'gold' }, records: batch, path: writePath, refuseDuplicates: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ status: 409, message: `Nothing was imported: meanwhile the same text was added to this project (“${batch[1]!.title}”).` });
    expect((await projectRows(project.id)).articles).toHaveLength(1);
    // Asked for, duplicates are written.
    await writeImportedRecords(db, admin, { projectId: project.id, fileName: 'third.jsonl', layer: 'gold', target: { kind: 'gold' }, records: batch, path: writePath });
    expect((await projectRows(project.id)).articles).toHaveLength(4);
  });

  it.each(PATHS)('writes every round or nothing when a statement fails half way (%s path)', async (writePath) => {
    const project = await createProject(db, admin, { name: `Failing ${writePath}` });
    const sqlite = new Database(sqlitePathFromUrl(databaseUrl));
    // Rounds are 100 articles: the failure comes in the third, after two have been written.
    sqlite.exec(`CREATE TRIGGER refuse_span BEFORE INSERT ON "Span" WHEN NEW.quote LIKE '%Refused 250:%' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    try {
      const batch = records(300, 'Refused').map((r, i) => (i === 250 ? { ...r, spans: [{ label: 'claim' as const, start: 0, end: 14, note: '', speaker: '' }] } : r));
      const error = await writeImportedRecords(db, admin, { projectId: project.id, fileName: 'f.jsonl', layer: 'gold', target: { kind: 'gold' }, records: batch, path: writePath }).catch((e: unknown) => e);
      expect(String(error)).toMatch(/refused by the test/);
    } finally {
      sqlite.exec('DROP TRIGGER refuse_span');
      sqlite.close();
    }
    const { articles, audits } = await projectRows(project.id);
    expect(articles).toEqual([]);
    expect(audits.filter((a) => !['project.create', 'membership.add'].includes(a.action))).toEqual([]);
  });

  it.each(PATHS)('undoes an import that outlives its time limit and says so (%s path)', async (writePath) => {
    const project = await createProject(db, admin, { name: `Slow ${writePath}` });
    const error = await writeImportedRecords(db, admin, { projectId: project.id, fileName: 'slow.jsonl', layer: 'gold', target: { kind: 'gold' }, records: records(150, 'Slow'), path: writePath, limitMs: 0 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(413);
    expect((error as DomainError).message).toMatch(/^Nothing was imported: writing slow\.jsonl took longer than the 0 s .* Split the file/);
    expect(await db.article.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { projectId: project.id, action: { notIn: ['project.create', 'membership.add'] } } })).toBe(0);
  });

  it("turns Prisma's own transaction timeout into the same refusal, with nothing written", async () => {
    const project = await createProject(db, admin, { name: 'Prisma timeout' });
    const error = await writeImportedRecords(db, admin, {
      projectId: project.id,
      fileName: 'slow.jsonl',
      layer: 'gold',
      target: { kind: 'gold' },
      records: records(250, 'Expired'),
      path: 'portable',
      limitMs: 60_000,
      // Expires at the first turn of the event loop, between the first two rounds.
      prismaTimeoutMs: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toMatch(/^Nothing was imported: writing slow\.jsonl took longer than the 60 s/);
    expect(await db.article.count({ where: { projectId: project.id } })).toBe(0);
  });

  it('lets the server read while the direct path writes, and shows the import only once committed', async () => {
    const project = await createProject(db, admin, { name: 'Beside readers' });
    let finished = false;
    const importing = writeImportedRecords(db, admin, { projectId: project.id, fileName: 'big.jsonl', layer: 'gold', target: { kind: 'gold' }, records: records(300, 'Big') }).then((r) => {
      finished = true;
      return r;
    });
    // Between the import's rounds the event loop turns: the client's reads go on, before the commit.
    await new Promise((resolve) => setImmediate(resolve));
    const during = await db.article.count({ where: { projectId: project.id } });
    expect(finished).toBe(false);
    expect(during).toBe(0);
    expect(await importing).toEqual({ articles: 300, spans: 600 });
    expect(await db.article.count({ where: { projectId: project.id } })).toBe(300);
  });

  it('imports through importDataset on both paths with the same outcome', async () => {
    const content = records(5, 'Dataset')
      .map((r) => JSON.stringify({ type: 'article', ...r, spans: r.spans.map((s) => ({ ...s, label: s.label === 'opinion' ? 'Op' : s.label })) }))
      .join('\n');
    const outcomes = [];
    for (const writePath of PATHS) {
      const project = await createProject(db, admin, { name: `Dataset ${writePath}` });
      outcomes.push(
        await importDataset(db, admin, { projectId: project.id, fileName: 'd.jsonl', content, options: { format: 'slant-jsonl', labelMap: { Op: 'skip' } }, writePath }),
      );
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0]).toMatchObject({ imported: { articles: 5, spans: 5 }, skipped: { spans: 5 } });
  });
});
