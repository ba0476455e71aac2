import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBlank } from '../anchoring/snap';
import { createArticles, setAnnotationStatus } from '../articles/service';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { prepareExport } from '../export/service';
import { exportOutput } from '../export/stream';
import { createProject } from '../projects/service';
import { statusOf } from '../testing/status-of';
import { CLI_TEST_TIMEOUT, runSlant } from '../testing/cli';
import { refusal } from '../testing/refusal';
import { createTestDb } from '../testing/test-db';
import { importDataset, notYourLayer } from './import';

const admin: Actor = { id: 'demo-user-admin', role: 'admin' };

let db: Db;
let databaseUrl: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, databaseUrl, cleanup } = await createTestDb()));
afterAll(async () => cleanup());

async function exportJsonl(projectId: string, layer = 'gold'): Promise<string> {
  const output = exportOutput(await prepareExport(db, admin, { projectId, input: { format: 'jsonl', layer } }));
  const parts: Uint8Array[] = [];
  for await (const chunk of output.chunks) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

/** An export with everything that may differ between projects removed: ids, timestamps, project. */
function comparable(jsonl: string) {
  return jsonl
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.type === 'article')
    .map(({ id: _id, createdAt: _c, updatedAt: _u, spans, ...article }) => ({
      ...article,
      spans: (spans as Record<string, unknown>[]).map(({ id: _sid, createdAt: _sc, updatedAt: _su, ...span }) => span),
    }));
}

const LABELS = ['claim', 'opinion', 'sourced_quote'] as const;
const textArb = fc
  .array(fc.constantFrom('word', 'Zoë', 'cafe\u0301', '😀', '👩‍👩‍👧', '\u00a0', ' ', '\n', '“quoted”', '한국어', '—'), { minLength: 3, maxLength: 40 })
  .map((parts) => `Text ${parts.join(' ')} end.`);

describe('Slant JSONL round trip through the database', () => {
  it('export → import into a new project → export gives the same dataset except ids and timestamps', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(textArb, { minLength: 1, maxLength: 3 }),
        // At least one span: an article without any arrives open, to be annotated, so a gold export leaves it out (tested below).
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...LABELS), fc.constantFrom('', 'A. Speaker'), fc.constantFrom('', 'a note')), { minLength: 1, maxLength: 8 }),
        async (texts, rawSpans) => {
          run++;
          const source = await createProject(db, admin, { name: `Source ${run}` });
          const jsonlIn = texts
            .map((text, i) => {
              // Offsets count the raw text's code points; the shorter canonical length keeps them inside both.
              const chars = Array.from(text);
              const length = Array.from(text.normalize('NFC')).length;
              const spans = rawSpans.map(([a, b, label, speaker, note]) => {
                const drawn = a % (length - 1);
                const end = drawn + 1 + (b % (length - drawn));
                // A span over spaces only is left out (it marks no text): such a draw starts at "Text" instead.
                const start = isBlank(chars.slice(drawn, end).join('')) ? 0 : drawn;
                return { label, start, end, speaker: label === 'sourced_quote' ? speaker : '', note };
              });
              return JSON.stringify({ type: 'article', title: `Article ${run}.${i}`, text, spans });
            })
            .join('\n');
          await importDataset(db, admin, { projectId: source.id, fileName: 'in.jsonl', content: jsonlIn, options: { format: 'slant-jsonl', layer: 'gold', allowDuplicates: true } });
          const first = await exportJsonl(source.id);
          const copy = await createProject(db, admin, { name: `Copy ${run}` });
          await importDataset(db, admin, { projectId: copy.id, fileName: 'first.jsonl', content: first, options: { layer: 'gold', allowDuplicates: true } });
          const second = await exportJsonl(copy.id);
          expect(comparable(second)).toEqual(comparable(first));
          expect(comparable(first).length).toBe(texts.length);
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('dataset import', () => {
  it('imports nothing from a file with one bad line, and lists it with its line number', async () => {
    const before = await db.article.count();
    const content = ['{"text":"Good one.","label":[[0,4,"CLAIM"]]}', '{"text": broken', '{"text":"Also good.","label":[[0,4,"Quote"]]}'].join('\n');
    const error = (await importDataset(db, admin, { projectId: 'demo-project', fileName: 'd.jsonl', content, options: { format: 'doccano', labelMap: { Quote: 'sourced_quote' } } }).catch((e: unknown) => e)) as { status: number; message: string };
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/d\.jsonl line 2/);
    expect(await db.article.count()).toBe(before);
    const partial = await importDataset(db, admin, { projectId: 'demo-project', fileName: 'd.jsonl', content, options: { format: 'doccano', labelMap: { Quote: 'sourced_quote' }, validOnly: true } });
    expect(partial.imported).toEqual({ articles: 2, spans: 2 });
    expect(partial.skipped.records).toBe(1);
    expect(partial.problems.map((p) => p.message).join(' ')).toMatch(/line 2/);
  });

  it('reports labels without a mapping instead of dropping them, and skips only on request', async () => {
    const content = '{"text":"An opinion piece about buses.","label":[[0,16,"opinion_piece"],[23,28,"Misc"]]}';
    const error = (await importDataset(db, admin, { projectId: 'demo-project', fileName: 'l.jsonl', content, options: { format: 'doccano' } }).catch((e: unknown) => e)) as { status: number; message: string };
    expect(error.status).toBe(422);
    expect(error.message).toContain('"opinion_piece"');
    expect(error.message).toContain('"Misc"');
    const ok = await importDataset(db, admin, { projectId: 'demo-project', fileName: 'l.jsonl', content, options: { format: 'doccano', labelMap: { opinion_piece: 'opinion', Misc: 'skip' } } });
    expect(ok.imported).toEqual({ articles: 1, spans: 1 });
    expect(ok.skipped.spans).toBe(1);
  });

  it('imports articles without spans open, to be annotated, not as adjudicated articles with an empty gold layer', async () => {
    const content = 'title,text\nPlain one,"A plain article with nothing marked yet, number one."\nPlain two,"Another plain article, number two."\n';
    const outcome = await importDataset(db, admin, { projectId: 'demo-project', fileName: 'plain.csv', content, options: { format: 'csv' } });
    expect(outcome).toMatchObject({ imported: { articles: 2, spans: 0 }, openArticles: 2 });
    const states = await db.article.findMany({ where: { projectId: 'demo-project', title: { startsWith: 'Plain ' } }, select: { reviewState: true, adjudicatedAt: true } });
    expect(states).toEqual([
      { reviewState: 'open', adjudicatedAt: null },
      { reviewState: 'open', adjudicatedAt: null },
    ]);
    // Into an annotator's layer: not submitted for them either, so no empty layer counts as "found nothing".
    const forAnn = 'title,text\nPlain three,"A third plain article, for ann1."\n';
    const annOutcome = await importDataset(db, admin, { projectId: 'demo-project', fileName: 'ann.csv', content: forAnn, options: { format: 'csv', layer: 'ann1@demo.test' } });
    expect(annOutcome).toMatchObject({ imported: { articles: 1, spans: 0 }, openArticles: 1 });
    const three = await db.article.findFirstOrThrow({ where: { projectId: 'demo-project', title: 'Plain three' }, include: { statuses: true } });
    expect(three.statuses).toEqual([]);
  });

  it('leaves out a span over nothing but spaces and line breaks, counts it, and imports the rest of its record', async () => {
    const text = `Blank span ${Date.now()}: the bridge opens in May. \n\nCritics doubt it.`;
    const at = (part: string) => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });
    const spans = [
      { label: 'claim', ...at('the bridge opens in May.') },
      { label: 'opinion', ...at(' \n\n') },
    ];
    const outcome = await importDataset(db, admin, { projectId: 'demo-project', fileName: 'blank.jsonl', content: JSON.stringify({ type: 'article', text, spans }), options: { format: 'slant-jsonl' } });
    expect(outcome).toMatchObject({ imported: { articles: 1, spans: 1 }, blankSpans: 1, problems: [] });
    const article = await db.article.findFirstOrThrow({ where: { text }, include: { spans: true } });
    expect(article.spans.map((s) => s.quote)).toEqual(['the bridge opens in May.']);
  });

  it('imports a span repeated in one record once, so gold never holds the same span twice', async () => {
    const text = 'Ana said the bridge will open in May. Critics doubt it.';
    const quote = { text: 'the bridge will open in May', speaker: 'Ana' };
    const content = JSON.stringify({
      text,
      label: [[9, 36, 'sourced_quote'], [9, 36, 'sourced_quote'], [9, 36, 'sourced_quote'], [38, 55, 'opinion']],
      meta: { spans: [{ ...quote }, { ...quote, speaker: ' Ana ', note: 'kept from the repeat' }, { ...quote, speaker: 'Someone else' }, { text: 'Critics doubt it.' }] },
    });
    const check = await importDataset(db, admin, { projectId: 'demo-project', fileName: 'rep.jsonl', content, options: { format: 'doccano', dryRun: true } });
    expect(check).toMatchObject({ imported: { articles: 1, spans: 3 }, duplicateSpans: 1 });
    const outcome = await importDataset(db, admin, { projectId: 'demo-project', fileName: 'rep.jsonl', content, options: { format: 'doccano' } });
    expect(outcome).toMatchObject({ imported: { articles: 1, spans: 3 }, duplicateSpans: 1 });
    const article = await db.article.findFirstOrThrow({ where: { projectId: 'demo-project', text } });
    const gold = await db.span.findMany({ where: { articleId: article.id, layer: 'gold', deletedAt: null }, orderBy: [{ start: 'asc' }, { speaker: 'asc' }] });
    expect(gold.map((g) => [g.label, g.start, g.end, g.speaker, g.note])).toEqual([
      ['sourced_quote', 9, 36, 'Ana', 'kept from the repeat'],
      ['sourced_quote', 9, 36, 'Someone else', ''],
      ['opinion', 38, 55, '', ''],
    ]);
  });

  it('gives imported spans to a chosen annotator, submitted, and keeps annotators out of gold', async () => {
    const content = '{"text":"Ana marks this claim here.","label":[[0,3,"claim"]]}';
    const outcome = await importDataset(db, admin, { projectId: 'demo-project', fileName: 'a.jsonl', content, options: { format: 'doccano', layer: 'ann1@demo.test' } });
    expect(outcome.imported.spans).toBe(1);
    const span = await db.span.findFirstOrThrow({ where: { quote: 'Ana', layer: 'annotator' } });
    expect(span.authorId).toBe('demo-user-ann1');
    const status = await db.annotationStatus.findFirstOrThrow({ where: { articleId: span.articleId, userId: 'demo-user-ann1' } });
    expect(status.status).toBe('submitted');
    const annotator: Actor = { id: 'demo-user-ann2', role: 'annotator' };
    expect(await statusOf(importDataset(db, annotator, { projectId: 'demo-project', fileName: 'g.jsonl', content: '{"text":"x y z","label":[]}', options: { format: 'doccano' } }))).toBe(403);
    // A member's layer and an address no member has get the same refusal: an annotator cannot
    // test addresses against the project's members.
    for (const layer of ['ann1@demo.test', 'nobody@demo.test']) {
      const refused = await refusal(importDataset(db, annotator, { projectId: 'demo-project', fileName: 'g.jsonl', content: '{"text":"x y z","label":[]}', options: { format: 'doccano', layer } }));
      expect([refused.status, refused.message]).toEqual([403, notYourLayer(layer)]);
    }
    // A reviewer is told the address is no member's.
    expect(await statusOf(importDataset(db, { id: 'demo-user-reviewer', role: 'reviewer' }, { projectId: 'demo-project', fileName: 'g.jsonl', content: '{"text":"x y z","label":[]}', options: { format: 'doccano', layer: 'nobody@demo.test' } }))).toBe(422);
    await setAnnotationStatus(db, annotator, { articleId: 'demo-article-wind', input: { action: 'submit' } });
    expect(await createArticles(db, annotator, { projectId: 'demo-project', input: { articles: [{ title: 'Plain', text: 'Plain text import still works.' }] } })).toHaveLength(1);
  });
});


describe('whose spans a file holds', () => {
  // A Slant export of every layer: the demo project's spans by two annotators, plus gold.
  const everyLayer = async () => {
    const project = await createProject(db, admin, { name: `Layers ${Math.random()}` });
    return { project, content: await exportJsonl('demo-project', 'all') };
  };

  it('refuses a file with several annotators\' spans until "from" says whose, then takes only theirs', async () => {
    const { project, content } = await everyLayer();
    const refused = await refusal(importDataset(db, admin, { projectId: project.id, fileName: 'all.jsonl', content, options: {} }));
    expect(refused.status).toBe(422);
    expect(refused.message).toContain('its spans come from');
    expect(refused.details.annotators.map((a) => a.name)).toEqual(expect.arrayContaining(['ann1@demo.test', 'ann2@demo.test']));
    expect(await db.article.count({ where: { projectId: project.id } })).toBe(0);

    const ann1Spans = refused.details.annotators.find((a) => a.name === 'ann1@demo.test')!.spans;
    const outcome = await importDataset(db, admin, { projectId: project.id, fileName: 'all.jsonl', content, options: { from: 'ann1@demo.test', layer: 'gold', allowDuplicates: true } });
    expect(outcome.imported.spans).toBe(ann1Spans);
    // Only the articles ann1 has spans in come in: the others would arrive adjudicated with empty gold.
    const articlesInFile = content.split('\n').filter((l) => l.includes('"type":"article"')).length;
    expect(outcome.imported.articles).toBeGreaterThan(0);
    expect(outcome.imported.articles + outcome.leftOut).toBe(articlesInFile);
    expect(outcome.leftOut).toBeGreaterThan(0);
    expect(await db.article.count({ where: { projectId: project.id } })).toBe(outcome.imported.articles);
    const stored = await db.span.findMany({ where: { article: { projectId: project.id } } });
    expect(stored).toHaveLength(ann1Spans);
    expect(new Set(stored.map((s) => `${s.layer}:${s.authorId}`))).toEqual(new Set(['gold:demo-user-admin']));

    const missing = await statusOf(importDataset(db, admin, { projectId: project.id, fileName: 'all.jsonl', content, options: { from: 'nobody@demo.test', allowDuplicates: true } }));
    expect(missing).toBe(422);
  });

  it('flags the same text twice in one file, naming the first, and imports nothing unless asked for the valid records', async () => {
    const project = await createProject(db, admin, { name: `Twice ${Math.random()}` });
    const content = ['{"text":"The same article text.","label":[]}', '{"text":"Another article.","label":[]}', '{"text":"The same article text.","label":[]}'].join('\n');
    const refused = await refusal(importDataset(db, admin, { projectId: project.id, fileName: 'twice.jsonl', content, options: { format: 'doccano' } }));
    expect(refused.status).toBe(422);
    expect(refused.details.problems.map((p) => p.message)).toEqual(['twice.jsonl line 3: the same text as line 1 of the file.']);
    const valid = await importDataset(db, admin, { projectId: project.id, fileName: 'twice.jsonl', content, options: { format: 'doccano', validOnly: true } });
    expect(valid.imported.articles).toBe(2);
  });
});

describe('npm run slant -- import', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'slant-import-'));
  const run = (file: string, ...args: string[]) => runSlant(databaseUrl, 'import', '--project', 'demo-project', '--file', file, ...args);
  const studioFile = (name: string, text: string, start: number, quote: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify([{ data: { text, title: name }, annotations: [{ result: [{ type: 'labels', value: { start, end: start + [...quote].length, text: quote, labels: ['Quote'] } }] }] }]));
    return file;
  };

  it('maps labels given with --map and reports the result, recorded under the first admin', async () => {
    const file = studioFile('studio.json', 'Quote me: “we will win,” she said.', 10, '“we will win,”');
    const unmapped = run(file);
    expect(unmapped.status).toBe(1);
    expect(unmapped.stderr).toContain('label "Quote" has no Slant label');
    const mapped = run(file, '--map', 'Quote=sourced_quote');
    expect(mapped.stderr).toBe('');
    expect(mapped.status).toBe(0);
    expect(mapped.stdout).toContain('label Quote (1 spans) -> sourced_quote');
    expect(mapped.stdout).toContain('Imported: 1 articles, 1 spans.');
    expect(mapped.stdout).toContain('Recorded under admin@demo.test (the first admin; --as names another user).');
    const span = await db.span.findFirstOrThrow({ where: { quote: '“we will win,”', layer: 'gold' } });
    expect(span.label).toBe('sourced_quote');
    expect(span.authorId).toBe('demo-user-admin');
  }, CLI_TEST_TIMEOUT);

  it('exits non-zero when --valid-only finds no valid record, naming why', async () => {
    const file = path.join(dir, 'none-valid.jsonl');
    writeFileSync(file, '{"text": broken\n');
    const result = run(file, '--valid-only');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('No record in none-valid.jsonl is valid: nothing was imported.');
    expect(result.stdout).not.toContain('Imported:');
  }, CLI_TEST_TIMEOUT);

  it('records an import under the user --as names, with their rights, and names an unknown one', async () => {
    const file = studioFile('as-reviewer.json', 'Second file: “we lost,” he said.', 13, '“we lost,”');
    const nobody = run(file, '--map', 'Quote=sourced_quote', '--as', 'nobody@demo.test');
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toContain('No active user has the e-mail nobody@demo.test');
    const asReviewer = run(file, '--map', 'Quote=sourced_quote', '--as', 'Reviewer@demo.test');
    expect(asReviewer.stderr).toBe('');
    expect(asReviewer.stdout).toContain('Recorded under reviewer@demo.test.');
    const span = await db.span.findFirstOrThrow({ where: { quote: '“we lost,”', layer: 'gold' } });
    expect(span.authorId).toBe('demo-user-reviewer');
    expect(await db.auditEvent.count({ where: { articleId: span.articleId, actorId: 'demo-user-reviewer' } })).toBeGreaterThan(0);
  }, CLI_TEST_TIMEOUT);
});
