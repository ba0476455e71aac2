/*
 * Fuzzing of the importers: plain article import (lib/import), the dataset readers
 * (lib/formats/read) and the database-writing imports (importDataset, createArticles).
 * Inputs start from valid samples and are mutated: truncated, bytes flipped, invalid UTF-8
 * inserted, fields given wrong types, huge, invisible or bidi strings, offsets out of range,
 * reversed or not whole numbers. Nothing may throw anything but a DomainError, every message
 * names its problem, and a rejected database import leaves the database as it was.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticles } from '../articles/service';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { importDataset } from '../datasets/import';
import { IMPORT_FORMATS, readDataset } from '../formats/read/model';
import { expectConsistent } from '../formats/read/test-support';
import { canonicalText, extractArticles, MAX_ARTICLE_CHARS, MAX_UPLOAD_BYTES } from '../import';
import { hashText } from '../import/canonical';
import { countCodePoints } from '../import/limits';
import {
  applyByteOps,
  applyJsonOps,
  applyLabelOp,
  applyOffsetOp,
  applyTextOps,
  byteOp,
  encode,
  isUtf8,
  jsonOp,
  labelOp,
  nastyString,
  offsetOp,
  prototypeName,
  textOp,
  wrongType,
  type JsonOp,
  type LabelOp,
  type OffsetOp,
} from './arbitraries';
import { articlesBody, NAMES_OF_ARTICLE_FIELDS } from './bodies';
import { createFuzzDb, datasetSamples, domainOutcome, expectProblemNamed, fingerprint, SAMPLE_LABEL_MAP, type DatasetSample } from './support';

const admin: Actor = { id: 'demo-user-admin', role: 'admin' };
const SEED = Number(process.env.FUZZ_SEED ?? 20_26);

// ---- Plain article import ----------------------------------------------------------------

const PLAIN_SAMPLES: Record<string, string> = {
  txt: 'Budget day\n\nThe mayor said taxes will fall next year.\nCritics call it naïve.\n',
  md: '---\ntitle: "Budget day"\nauthor: Dana\n---\n# Budget day\n\n*By Dana Writer*\n\nThe **mayor** said [taxes](https://example.org) will fall.\n\n> A quote\n\n- one\n- two\n',
  html: '<!doctype html><html><head><title>Budget day | Times</title><meta name="author" content="Dana"><link rel="canonical" href="https://example.org/a"></head><body><article><h1>Budget day</h1><p>The mayor said taxes &amp; fees will fall.</p><script>alert(1)</script><p>Critics disagree.</p></article></body></html>',
  jsonl: [
    JSON.stringify({ title: 'One', text: 'First article text.', url: 'https://example.org/1', date: '2024-03-05' }),
    JSON.stringify({ title: 'Two', text: 'Second text with e\u0301 and 😀.', author: 'A', publishedOn: 'March 5, 2024', topic: null }),
  ].join('\n'),
};

// Inputs that defeat recursive or quadratic parsers.
const DEEP = [
  '<div>'.repeat(20_000) + 'deep',
  '<b><i>'.repeat(3_000) + 'x',
  '> '.repeat(20_000) + 'deep quote',
  '['.repeat(20_000) + 'x' + ']'.repeat(20_000),
  '*'.repeat(20_000) + 'x',
  Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'),
  '<!--'.repeat(5_000),
  '&#'.repeat(10_000) + ';',
];

const FILE_NAMES = ['a.constructor', 'a.toString', 'a.txt', 'a.md', 'a.markdown', 'a.html', 'a.htm', 'a.jsonl', 'pasted text', '', '   ', 'noext', 'A.JSONL', 'a.pdf', 'report\u202eLMTH.txt', '\u200b.md'];

const plainInput = fc.record({
  name: fc.oneof({ arbitrary: fc.constantFrom(...FILE_NAMES), weight: 5 }, nastyString(12)),
  base: fc.oneof(
    { arbitrary: fc.constantFrom(...Object.values(PLAIN_SAMPLES)), weight: 8 },
    // Small versions of the deep inputs, to mutate; the full ones are tried once each below.
    fc.constantFrom(...DEEP.map((d) => d.slice(0, 600) + d.slice(-600))),
    nastyString(60),
  ),
  textOps: fc.array(textOp, { maxLength: 4 }),
  asBytes: fc.boolean(),
  byteOps: fc.array(byteOp, { maxLength: 2 }),
});

/** The promises extractArticles makes whatever it is given. */
function expectSoundExtraction(name: string, content: string | Uint8Array) {
  const source = name.trim() || 'pasted text';
  const result = extractArticles({ name, content });
  for (const p of result.problems) {
    expect(p.message.startsWith(`${p.source}`)).toBe(true);
    expectProblemNamed(p.message.slice(p.source.length), []);
    expect(p.source).toBe(source);
    if (p.line !== undefined) expect(p.message).toContain(`line ${p.line}`);
  }
  for (const d of result.drafts) {
    expect(d.text.trim()).not.toBe('');
    expect(d.text).toBe(canonicalText(d.text));
    expect(countCodePoints(d.text)).toBeLessThanOrEqual(MAX_ARTICLE_CHARS);
    expect(d.source.startsWith(source)).toBe(true);
    for (const field of ['title', 'author', 'outlet', 'sourceUrl', 'publishedOn', 'topic'] as const) expect(typeof d[field]).toBe('string');
  }
  if (content instanceof Uint8Array && !isUtf8(content)) {
    expect(result.drafts).toEqual([]);
    expect(result.problems.map((p) => p.message)).toEqual([`${source}: the file is not readable UTF-8 text`]);
  }
}

describe('extractArticles: pasted text and .txt/.md/.html/.jsonl files', () => {
  it('never throws; problems name the source (and the line for JSONL); drafts are canonical, non-empty and within the limit', () => {
    fc.assert(
      fc.property(plainInput, ({ name, base, textOps, asBytes, byteOps }) => {
        const text = applyTextOps(base, textOps);
        expectSoundExtraction(name, asBytes ? applyByteOps(encode(text), byteOps) : text);
      }),
      { numRuns: 1_200, seed: SEED },
    );
  });

  it('survives input nested deeper than any call stack, under every kind of name', () => {
    for (const deep of DEEP) for (const name of ['a.txt', 'a.md', 'a.html', 'a.jsonl', 'pasted']) expectSoundExtraction(name, deep);
  });

  it('refuses a file over the size limit and an article over the length limit, naming the limit', () => {
    const tooBig = extractArticles({ name: 'big.txt', content: new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x61) });
    expect(tooBig.drafts).toEqual([]);
    expectProblemNamed(tooBig.problems[0]?.message, ['limit', '10 MB']);
    const tooLong = extractArticles({ name: 'long.jsonl', content: JSON.stringify({ text: 'x'.repeat(MAX_ARTICLE_CHARS + 1) }) });
    expect(tooLong.drafts).toEqual([]);
    expectProblemNamed(tooLong.problems[0]?.message, ['1,000,000']);
    expect(tooLong.problems[0]?.message).toContain('line 1');
  });
});

// ---- Dataset readers ---------------------------------------------------------------------

type Built = { fileName: string; content: string | Uint8Array; format: (typeof IMPORT_FORMATS)[number] | undefined; sample: DatasetSample };

/** Applies JSON-level mutations to one record of a JSON or JSONL sample. */
type RecordOps = { record: number; jsonOps: readonly JsonOp[]; offsetOps: readonly OffsetOp[]; labelOps?: readonly LabelOp[]; pretty: boolean };

function mutateRecords(sample: DatasetSample, args: RecordOps): string {
  const { record, jsonOps, offsetOps, labelOps = [], pretty } = args;
  if (sample.format === 'csv' || jsonOps.length + offsetOps.length + labelOps.length === 0) return sample.text;
  const mutate = (value: unknown) => labelOps.reduce(applyLabelOp, offsetOps.reduce(applyOffsetOp, applyJsonOps(value, jsonOps)));
  const trimmed = sample.text.trimStart();
  if (trimmed.startsWith('[')) {
    const records = JSON.parse(trimmed) as unknown[];
    const i = record % records.length;
    records[i] = mutate(records[i]);
    return JSON.stringify(records, null, pretty ? 2 : undefined);
  }
  const lines = sample.text.split('\n');
  const i = record % lines.length;
  try {
    lines[i] = JSON.stringify(mutate(JSON.parse(lines[i]!)));
  } catch {
    // A blank line: leave it.
  }
  return lines.join('\n');
}

function datasetInput(samples: DatasetSample[]) {
  return fc
    .record({
      sample: fc.nat({ max: samples.length - 1 }),
      record: fc.nat(),
      jsonOps: fc.array(jsonOp, { maxLength: 3 }),
      offsetOps: fc.oneof(fc.constant([]), fc.array(offsetOp, { minLength: 1, maxLength: 2 })),
      labelOps: fc.oneof(fc.constant([]), fc.array(labelOp, { minLength: 1, maxLength: 2 })),
      pretty: fc.boolean(),
      textOps: fc.oneof({ arbitrary: fc.constant([]), weight: 2 }, fc.array(textOp, { minLength: 1, maxLength: 3 })),
      asBytes: fc.boolean(),
      byteOps: fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, fc.array(byteOp, { minLength: 1, maxLength: 2 })),
      name: fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, fc.constantFrom('data.jsonl', 'data.json', 'data.csv', 'data', 'd\u202eata.jsonl', 'x.txt')),
      format: fc.oneof({ arbitrary: fc.constant('sample' as const), weight: 3 }, { arbitrary: fc.constant(undefined), weight: 3 }, fc.constantFrom(...IMPORT_FORMATS)),
    })
    .map(({ sample: index, record, jsonOps, offsetOps, labelOps, pretty, textOps, asBytes, byteOps, name, format }): Built => {
      const sample = samples[index]!;
      const text = applyTextOps(mutateRecords(sample, { record, jsonOps, offsetOps, labelOps, pretty }), textOps);
      return {
        sample,
        fileName: name ?? sample.name,
        content: asBytes || byteOps.length ? applyByteOps(encode(text), byteOps) : text,
        format: format === 'sample' ? sample.format : format,
      };
    });
}

let samples: DatasetSample[];
let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  samples = await datasetSamples();
  ({ db, cleanup } = await createFuzzDb());
});
afterAll(async () => cleanup());

describe('readDataset: Slant JSONL, doccano, Label Studio and CSV readers', () => {
  it('reads the unmutated samples without a problem', () => {
    for (const s of samples) {
      const result = readDataset({ fileName: s.name, content: s.text, format: s.format });
      expect(result.problems).toEqual([]);
      expect(result.articles.length).toBeGreaterThan(0);
    }
  });

  it('never throws; spans lie inside their text; every problem names the file, its place and its field', () => {
    fc.assert(
      fc.property(
        datasetInput(samples),
        ({ fileName, content, format }) => {
          const result = readDataset({ fileName, content, format });
          expectConsistent(result);
          for (const p of result.problems) {
            expect(p.file).toBe(fileName);
            expectProblemNamed(p.message.slice(fileName.length), []);
            if (p.record !== undefined) expect(p.message).toMatch(new RegExp(`(record|row) ${p.record}\\b`));
            else if (p.line !== undefined) expect(p.message).toContain(`line ${p.line}`);
            if (p.field !== undefined) expect(p.message).toContain(p.field);
          }
          if (content instanceof Uint8Array && !isUtf8(content)) {
            expect(result.articles).toEqual([]);
            expect(result.problems).toHaveLength(1);
            expect(result.problems[0]!.message).toMatch(/not readable UTF-8/);
          }
        },
      ),
      { numRuns: 1_500, seed: SEED },
    );
  });

  it('refuses a span whose offsets are reversed, empty, negative, past the text or not whole numbers, naming the span', () => {
    const jsonSamples = samples.filter((s) => s.format !== 'csv');
    const essence = (r: ReturnType<typeof readDataset>) => JSON.stringify(r.articles.map((a) => [a.text, a.spans]));
    let refused = 0;
    fc.assert(
      fc.property(fc.nat({ max: jsonSamples.length - 1 }), fc.nat(), offsetOp, (i, record, op) => {
        const sample = jsonSamples[i]!;
        const clean = readDataset({ fileName: sample.name, content: sample.text, format: sample.format });
        const result = readDataset({ fileName: sample.name, content: mutateRecords(sample, { record, jsonOps: [], offsetOps: [op], pretty: true }), format: sample.format });
        // A record without spans, or offsets the reader does not use.
        if (essence(result) === essence(clean)) return;
        refused++;
        expect(result.articles.length).toBe(clean.articles.length - 1);
        expect(result.problems).toHaveLength(1);
        // The span's place in the record: spans[1], label[0], annotations[0].result[2], ...
        expect(result.problems[0]!.field).toMatch(/^[a-z_]+\[\d+\]/);
        expect(result.problems[0]!.message).toMatch(/\b(start|end|span|offsets)\b/);
      }),
      { numRuns: 300, seed: SEED },
    );
    expect(refused).toBeGreaterThan(100);
  });
});

// ---- Database imports: all or nothing ----------------------------------------------------

const OPTION_WORDS = ['format', 'layer', 'labelMap', 'validOnly', 'allowDuplicates', 'dryRun', 'input'];

const datasetOptions = fc.record(
  {
    format: fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, fc.constantFrom(...IMPORT_FORMATS), fc.constantFrom('brat', 'CSV', ''), wrongType),
    layer: fc.oneof({ arbitrary: fc.constant('gold'), weight: 6 }, fc.constantFrom('ann1@demo.test', 'ANN1@demo.test ', 'nobody@demo.test', '', ' '), nastyString(8), wrongType),
    labelMap: fc.oneof(
      { arbitrary: fc.constant(SAMPLE_LABEL_MAP), weight: 6 },
      fc.constant({}),
      fc.constant({ claim: 'skip', Claim: 'skip' }),
      fc.dictionary(fc.oneof(nastyString(6), prototypeName), fc.constantFrom('claim', 'skip', 'Claim', 'rumour', ''), { maxKeys: 3 }),
      wrongType,
    ),
    validOnly: fc.oneof({ arbitrary: fc.boolean(), weight: 6 }, wrongType),
    allowDuplicates: fc.oneof({ arbitrary: fc.constant(true), weight: 6 }, fc.constant(false), wrongType),
    dryRun: fc.oneof({ arbitrary: fc.boolean(), weight: 6 }, wrongType),
  },
  { requiredKeys: [] },
);

describe('importDataset: nothing is partly written', () => {
  it('imports every record or none; a refusal is a DomainError naming the file, option or limit, and leaves the database as it was', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        datasetInput(samples),
        datasetOptions,
        fc.oneof({ arbitrary: fc.constant('demo-project'), weight: 20 }, fc.constant('no-such-project')),
        async ({ fileName, content, format }, options, projectId) => {
          const before = await fingerprint(db);
          const outcome = await domainOutcome(() => importDataset(db, admin, { projectId, fileName, content, options: { ...options, format: options.format ?? format } }));
          const after = await fingerprint(db);
          if (!outcome.ok) {
            refused++;
            expect(after).toEqual(before);
            expect(outcome.error.status).toBeGreaterThanOrEqual(400);
            expect(outcome.error.status).toBeLessThan(500);
            expectProblemNamed(outcome.error.message, [fileName, ...OPTION_WORDS, 'limit', 'project'].filter(Boolean));
            const details = outcome.error.details as { problems?: { message: string; file: string }[] } | undefined;
            for (const p of details?.problems ?? []) {
              expect(p.message.startsWith(p.file)).toBe(true);
              expectProblemNamed(p.message, []);
            }
            return;
          }
          accepted++;
          const { imported, dryRun } = outcome.value;
          if (dryRun) {
            expect(after).toEqual(before);
            return;
          }
          // Exactly what the outcome says was written: each article and span with its audit event.
          expect(Number(after.articles) - Number(before.articles)).toBe(imported.articles);
          expect(Number(after.spans) - Number(before.spans)).toBe(imported.spans);
          expect(Number(after.auditEvents) - Number(before.auditEvents)).toBe(imported.articles + imported.spans);
          await expectStoredAsGiven(imported.articles);
        },
      ),
      { numRuns: 400, seed: SEED },
    );
    // The generators must reach both sides, or the property says little.
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });

  it('refuses text, metadata and span details holding half a surrogate pair, which the database cannot store as given', async () => {
    const lines = [
      { text: 'Broken \ud800 text, then a claim.', label: [[20, 25, 'claim']] },
      { text: 'Fine text.', title: 'Title \udc00', label: [] },
      { text: 'Fine text again.', label: [[0, 4, 'claim']], meta: { spans: [{ note: 'note \ud83d' }] } },
      // A NUL character: PostgreSQL cannot store it, so it is refused on every engine alike.
      { text: 'Nul \u0000 text, then a claim.', label: [] },
      { text: 'Fine text, nul note.', label: [[0, 4, 'claim']], meta: { spans: [{ note: 'note \u0000' }] } },
    ];
    for (const line of lines) {
      const before = await fingerprint(db);
      const outcome = await domainOutcome(() =>
        importDataset(db, admin, { projectId: 'demo-project', fileName: 's.jsonl', content: JSON.stringify(line), options: { format: 'doccano', allowDuplicates: true } }),
      );
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expectProblemNamed(outcome.error.message, ['surrogate', 'NUL']);
      expect(await fingerprint(db)).toEqual(before);
    }
  });

  it('gives an article without a title the head of its text as title (as the article import does), never half an emoji', async () => {
    const text = `${'x'.repeat(79)}😀 and the rest of the text.`;
    const outcome = await importDataset(db, admin, { projectId: 'demo-project', fileName: 't.jsonl', content: JSON.stringify({ text, label: [] }), options: { format: 'doccano', allowDuplicates: true } });
    expect(outcome.imported.articles).toBe(1);
    const [article] = await db.article.findMany({ where: { projectId: 'demo-project' }, orderBy: { position: 'desc' }, take: 1 });
    // 80 characters as a reader counts them, the emoji whole; no space to cut at before it.
    expect(article!.title).toBe(`${'x'.repeat(79)}😀…`);
  });
});

/** The newest `count` articles read back with the text their hash and spans were made on. */
async function expectStoredAsGiven(count: number) {
  if (count === 0) return;
  const articles = await db.article.findMany({
    where: { projectId: 'demo-project' },
    orderBy: { position: 'desc' },
    take: count,
    select: { text: true, textHash: true, spans: { select: { start: true, end: true, quote: true } } },
  });
  for (const a of articles) {
    expect(hashText(a.text)).toBe(a.textHash);
    for (const s of a.spans) expect(Array.from(a.text).slice(s.start, s.end).join('')).toBe(s.quote);
  }
}

describe('createArticles: all or none', () => {
  it('saves every draft or none; a refusal names the article field at fault and writes nothing', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(articlesBody, async (body) => {
        const before = await fingerprint(db);
        const outcome = await domainOutcome(() => createArticles(db, admin, { projectId: 'demo-project', input: body.value }));
        const after = await fingerprint(db);
        if (!outcome.ok) {
          refused++;
          expect(after).toEqual(before);
          expectProblemNamed(outcome.error.message, body.names.length ? body.names : [...NAMES_OF_ARTICLE_FIELDS, 'input', 'articles']);
          return;
        }
        accepted++;
        if (body.mustFail) throw new Error(`accepted a body that should fail: ${JSON.stringify(body.value).slice(0, 300)}`);
        expect(Number(after.articles) - Number(before.articles)).toBe(outcome.value.length);
        expect(Number(after.auditEvents) - Number(before.auditEvents)).toBe(outcome.value.length);
        await expectStoredAsGiven(outcome.value.length);
      }),
      { numRuns: 400, seed: SEED },
    );
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });
});
