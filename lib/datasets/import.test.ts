import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { DomainError } from '../errors';
import { createProject } from '../projects/service';
import { createTestDb } from '../testing/test-db';
import { importDataset, type DatasetOutcome } from './import';

const admin: Actor = { id: 'demo-user-admin', role: 'admin' };

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, cleanup } = await createTestDb()));
afterAll(async () => cleanup());

const newProject = async () => (await createProject(db, admin, { name: `Import ${Math.random()}` })).id;

/** The DomainError an import answers with, its outcome attached; fails the test if it succeeds. */
async function refusal(attempt: Promise<unknown>): Promise<DomainError & { details: DatasetOutcome }> {
  const error = await attempt.then(
    () => new Error('the import was expected to be refused'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError & { details: DatasetOutcome };
}

describe('titles of records without one', () => {
  it('proposes the first sentence, on one line and cut at a word, as the article import does', async () => {
    const projectId = await newProject();
    const long = `${' '.repeat(100)}\n  The city council approved the new budget for the bridge repairs after a long debate on Tuesday evening\nSecond line.`;
    const content = [JSON.stringify({ text: long }), JSON.stringify({ text: 'Short one. Then more.' })].join('\n');
    const outcome = await importDataset(db, admin, { projectId, fileName: 'untitled.jsonl', content, options: { format: 'doccano' } });
    expect(outcome.problems).toEqual([]);
    const titles = (await db.article.findMany({ where: { projectId }, orderBy: { position: 'asc' }, select: { title: true } })).map((a) => a.title);
    expect(titles).toEqual(['The city council approved the new budget for the bridge repairs after a long…', 'Short one']);
  });
});
