import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { createProject } from '../projects/service';
import { refusal } from '../testing/refusal';
import { createTestDb } from '../testing/test-db';
import { importDataset } from './import';

const admin: Actor = { id: 'demo-user-admin', role: 'admin' };

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, cleanup } = await createTestDb()));
afterAll(async () => cleanup());

const newProject = async () => (await createProject(db, admin, { name: `Import ${Math.random()}` })).id;


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

describe('where problems found after reading are', () => {
  it('names a CSV row and a JSON array record as the readers do, not by a bare line', async () => {
    const projectId = await newProject();
    const csv = ['title,text,date', 'A,"First text,', 'two lines.",', 'B,Second text.,not a date', 'C,"First text,', 'two lines.",', ''].join('\n');
    const refused = await refusal(importDataset(db, admin, { projectId, fileName: 'rows.csv', content: csv, options: { format: 'csv' } }));
    expect(refused.details.problems).toEqual([
      {
        file: 'rows.csv',
        line: 4,
        record: 3,
        message: 'rows.csv row 3 (line 4): The publication date "not a date" is not a real date in YYYY-MM-DD form (or leave it empty).',
      },
      { file: 'rows.csv', line: 5, record: 4, message: 'rows.csv row 4 (line 5): the same text as row 2 of the file.' },
    ]);

    const tasks = [{ data: { text: 'One text.' } }, { data: { text: 'Two text.', published_on: '2024-02-30' } }];
    const array = await refusal(importDataset(db, admin, { projectId, fileName: 'tasks.json', content: JSON.stringify(tasks, null, 2), options: { format: 'label-studio' } }));
    expect(array.details.problems.map((p) => [p.record, p.line, p.message])).toEqual([
      [2, 7, 'tasks.json record 2 (line 7): The publication date "2024-02-30" is not a real date in YYYY-MM-DD form (or leave it empty).'],
    ]);
  });
});

describe('a text already in the project', () => {
  it('names the article that is there, not the record that repeats it', async () => {
    const projectId = await newProject();
    await importDataset(db, admin, { projectId, fileName: 'first.jsonl', content: JSON.stringify({ title: 'Bridge budget approved', text: 'The council approved the bridge budget.' }), options: { format: 'doccano' } });
    const [there] = await db.article.findMany({ where: { projectId }, select: { id: true } });
    const again = JSON.stringify({ title: 'A different headline', text: 'The council approved the bridge budget.' });
    const refused = await refusal(importDataset(db, admin, { projectId, fileName: 'again.jsonl', content: again, options: { format: 'doccano' } }));
    expect(refused.details.problems.map((p) => p.message)).toEqual([`again.jsonl line 1: the same text is already in this project, as “Bridge budget approved” (article ${there!.id}).`]);
  });

  it('is found among thousands of records, more than one query may bind (the check splits the list)', async () => {
    const projectId = await newProject();
    await importDataset(db, admin, { projectId, fileName: 'first.jsonl', content: JSON.stringify({ title: 'Record 1500', text: 'Record 1500 of a long file.' }), options: { format: 'doccano' } });
    const records = Array.from({ length: 2_500 }, (_, i) => JSON.stringify({ title: `Record ${i}`, text: `Record ${i} of a long file.` }));
    const refused = await refusal(importDataset(db, admin, { projectId, fileName: 'long.jsonl', content: records.join('\n'), options: { format: 'doccano' } }));
    expect(refused.details.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^long\.jsonl line 1501: the same text is already in this project, as “Record 1500”/)]);
    expect(await db.article.count({ where: { projectId } })).toBe(1);
  });
});

describe('importing the valid records of a file without any', () => {
  it('is refused (422) with the problems, checked or not, and writes nothing', async () => {
    const projectId = await newProject();
    const content = ['{"text":"Fine text.","label":[[0,4,"Nope"]]}', '{"text": broken'].join('\n');
    for (const dryRun of [true, false]) {
      const refused = await refusal(importDataset(db, admin, { projectId, fileName: 'none.jsonl', content, options: { format: 'doccano', validOnly: true, dryRun } }));
      expect(refused.status).toBe(422);
      expect(refused.message).toMatch(/^No record in none\.jsonl is valid: nothing was imported\. none\.jsonl line 2: not valid JSON/);
      expect(refused.details.imported).toEqual({ articles: 0, spans: 0 });
      expect(refused.details.problems).toHaveLength(2);
    }
    expect(await db.article.count({ where: { projectId } })).toBe(0);
  });
});
