/*
 * Fuzzing of the two API routes that take files, through the real route handlers: the dataset
 * import (raw body, options in the query) and the import preview (multipart form). Mutated
 * real exports, invalid UTF-8, odd query options, hostile file names. Never 500; every 4xx
 * names the problem; a refusal, a dry run and a preview write nothing; an import writes exactly
 * what it reports.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyByteOps, applyTextOps, byteOp, encode, nastyString, textOp, wrongType } from './arbitraries';
import { expectWellBehaved, IMPORT_FILE, PREVIEW_FILE, PROJECT, route, SEED, send, state } from './routes';
import { createFuzzDb, datasetSamples, expectProblemNamed, SAMPLE_LABEL_MAP, type DatasetSample } from './support';

vi.mock('@/lib/db', async () => (await import('./routes')).dbModule);
vi.mock('@/lib/auth/session', async () => (await import('./routes')).sessionModule);

let samples: DatasetSample[];
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const created = await createFuzzDb();
  state.db = created.db;
  cleanup = created.cleanup;
  const admin = await state.db.user.findUniqueOrThrow({ where: { id: 'demo-user-admin' } });
  state.user = { id: admin.id, email: admin.email, name: admin.name, role: 'admin' };
  samples = await datasetSamples();
});
afterAll(async () => cleanup());

// ---- Dataset import: raw file body, options in the query ----------------------------------

type Query = Record<string, string | undefined>;
const VALID_MAPS = [JSON.stringify(SAMPLE_LABEL_MAP), '{"a":"skip"}', '{"toString":"claim"}', '{"__proto__":"claim","Claim":"claim"}', '{"constructor":"skip"}'];
type QueryFault = { query: Query; names: string[] };

const queryArbitrary: fc.Arbitrary<QueryFault> = fc
  .record(
    {
      format: fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, fc.constantFrom('slant-jsonl', 'doccano', 'label-studio', 'csv'), fc.constantFrom('brat', 'CSV', '', 'jsonl')),
      layer: fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, fc.constantFrom('gold', 'ann1@demo.test', 'ANN1@DEMO.TEST', 'nobody@demo.test', ' ', '\u202egold'), nastyString(6)),
      map: fc.oneof(
        { arbitrary: fc.constant(JSON.stringify(SAMPLE_LABEL_MAP)), weight: 6 },
        fc.constantFrom('{', 'not json', '[]', '1', 'null', '{"Claim":"rumour"}', '{"Claim":1}', '"x"'),
        // Valid maps, some naming Object.prototype members.
        fc.constantFrom('{"a":"skip"}', '{"toString":"claim"}', '{"__proto__":"claim","Claim":"claim"}', '{"constructor":"skip"}'),
      ),
      validOnly: fc.constantFrom(undefined, '1', 'true', '0', 'yes'),
      allowDuplicates: fc.oneof({ arbitrary: fc.constant('1'), weight: 4 }, fc.constantFrom(undefined, 'false')),
      dryRun: fc.constantFrom(undefined, '1', '0'),
      name: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, fc.constantFrom('d.jsonl', 'd.json', 'd.csv', 'dataset', 'x\u202elsnoj.csv'), nastyString(6)),
    },
    { requiredKeys: [] },
  )
  .map((query) => {
    const names: string[] = [];
    if (query.format !== undefined && !['slant-jsonl', 'doccano', 'label-studio', 'csv'].includes(query.format)) names.push('format');
    if (query.map !== undefined && !VALID_MAPS.includes(query.map)) names.push('map');
    // Yes/no options take 1/true/0/false only: "yes" must not silently mean no.
    if (query.validOnly === 'yes') names.push('validOnly');
    // No id or option holds a NUL character (PostgreSQL cannot even compare with one).
    if (Object.values(query).some((v) => v?.includes('\u0000'))) names.push('NUL');
    return { query, names };
  });

const importBody = fc.record({
  sample: fc.nat(),
  textOps: fc.oneof({ arbitrary: fc.constant([]), weight: 2 }, fc.array(textOp, { minLength: 1, maxLength: 3 })),
  byteOps: fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, fc.array(byteOp, { minLength: 1, maxLength: 2 })),
  contentType: fc.constantFrom('application/x-ndjson', 'application/json', 'text/csv', 'application/octet-stream', ''),
});

describe('dataset import through the route handler', () => {
  it('POST .../import: never 500, 4xx names the problem, a refusal or dry run writes nothing, an import writes what it reports', async () => {
    const handler = (await route(IMPORT_FILE)).POST!;
    let refused = 0;
    let imported = 0;
    await fc.assert(
      fc.asyncProperty(queryArbitrary, importBody, async ({ query, names }, { sample, textOps, byteOps, contentType }) => {
        const s = samples[sample % samples.length]!;
        const bytes = applyByteOps(encode(applyTextOps(s.text, textOps)), byteOps);
        const search = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
        const url = `/api/v1/projects/${PROJECT}/import?${search}`;
        // As the server reads it: a lone surrogate in the query arrives as U+FFFD.
        const sentName = new URL(url, 'http://slant.test').searchParams.get('name');
        const fileName = sentName ?? (contentType.includes('csv') ? 'body.csv' : contentType.includes('json') && !contentType.includes('ndjson') ? 'body.json' : 'body.jsonl');
        const outcome = await send({ handler, url, method: 'POST', params: { projectId: PROJECT }, body: bytes, headers: contentType ? { 'content-type': contentType } : {} });
        const mustFail = names.length > 0;
        expectWellBehaved(outcome, { mustFail, names: mustFail ? names : [fileName, 'format', 'layer', 'labelMap', 'map', 'limit'] }, `POST ${url}`);
        if (outcome.status >= 400) {
          refused++;
          return;
        }
        const result = outcome.json as { dryRun: boolean; imported: { articles: number; spans: number } };
        const delta = (key: string) => Number(outcome.after[key]) - Number(outcome.before[key]);
        if (result.dryRun) expect(outcome.after).toEqual(outcome.before);
        else {
          imported++;
          expect(delta('articles')).toBe(result.imported.articles);
          expect(delta('spans')).toBe(result.imported.spans);
        }
      }),
      { numRuns: 400, seed: SEED },
    );
    expect(refused).toBeGreaterThan(30);
    expect(imported).toBeGreaterThan(10);
  });

  it('POST .../import and GET .../export refuse a misspelt option, naming it and the options they take, instead of ignoring it', async () => {
    const handler = (await route(IMPORT_FILE)).POST!;
    const body = encode('{"text":"A misspelt dry run must not import this.","label":[]}');
    const post = (query: string) =>
      send({ handler, url: `/api/v1/projects/${PROJECT}/import?format=doccano&${query}`, method: 'POST', params: { projectId: PROJECT }, body, headers: { 'content-type': 'application/x-ndjson' } });
    for (const [query, named] of [
      ['dryrun=1', '"dryrun" (did you mean "dryRun"?)'],
      ['validonly=1&dryRun=1', '"validonly" (did you mean "validOnly"?)'],
    ] as const) {
      const outcome = await post(query);
      expect(outcome.status).toBe(422);
      expect(outcome.json['error']).toContain(named);
      expect(outcome.json['error']).toContain('This route takes name, format, layer, map, from, validOnly, allowDuplicates, dryRun.');
      expect(outcome.after).toEqual(outcome.before);
    }
    // A bad label map is named as it was sent: map, not the import's own labelMap.
    const badMap = await post(`dryRun=1&map=${encodeURIComponent('{"Claim":"rumour"}')}`);
    expect([badMap.status, badMap.json['error']]).toEqual([422, 'map.Claim: map each label to claim, opinion, sourced_quote or skip']);

    const exportRoute = (await import('../../app/api/v1/projects/[projectId]/export/route')) as unknown as { GET: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response> };
    const response = await exportRoute.GET(new Request(`http://slant.test/api/v1/projects/${PROJECT}/export?format=jsonl&articleid=demo-article-bridge`), { params: Promise.resolve({ projectId: PROJECT }) });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: string }).error).toBe(
      'Unknown query parameter "articleid" (did you mean "articleId"?): nothing was done. This route takes format, layer, articleId, bundle, offsets, spreadsheet.',
    );
  });

  it('POST .../import reads a body sent as text/csv as CSV, with neither a name nor a format', async () => {
    const handler = (await route(IMPORT_FILE)).POST!;
    const body = encode('title,text\n"Budget day","The mayor said taxes will fall next year."\n');
    const outcome = await send({ handler, url: `/api/v1/projects/${PROJECT}/import?dryRun=1`, method: 'POST', params: { projectId: PROJECT }, body, headers: { 'content-type': 'text/csv; charset=utf-8' } });
    expect(outcome.status, JSON.stringify(outcome.json)).toBe(200);
    expect(outcome.json).toMatchObject({ dryRun: true, imported: { articles: 1, spans: 0 } });
  });

  it('POST .../import refuses a body that is not UTF-8, naming the problem, and writes nothing', async () => {
    const handler = (await route(IMPORT_FILE)).POST!;
    const outcome = await send({ handler, url: `/api/v1/projects/${PROJECT}/import?name=bad.csv`, method: 'POST', params: { projectId: PROJECT }, body: new Uint8Array([0x74, 0x65, 0x78, 0x74, 0x0a, 0xff, 0xfe, 0x0a]) });
    expect(outcome.status).toBe(422);
    expectWellBehaved(outcome, { mustFail: true, names: ['UTF-8'] }, 'import of bad bytes');
  });
});

// ---- Import preview: multipart form --------------------------------------------------------

const PLAIN = [
  'Budget day\n\nThe mayor said taxes will fall next year.\n',
  '# Title\n\nSome *markdown* text.\n',
  '<html><head><title>T</title></head><body><p>Para &amp; more.</p></body></html>',
  '{"title":"One","text":"First."}\n{"text":\n{"title":"Three","text":"Third."}',
];

const previewFile = fc.record({
  name: fc.oneof(fc.constantFrom('a.txt', 'a.md', 'a.html', 'a.jsonl', 'noext', '', 'r\u202etxt.exe', '\u200b.md'), nastyString(8)),
  base: fc.constantFrom(...PLAIN),
  textOps: fc.array(textOp, { maxLength: 3 }),
  byteOps: fc.array(byteOp, { maxLength: 2 }),
});

const previewPayload = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('form' as const),
      text: fc.option(fc.oneof(fc.constantFrom(...PLAIN), nastyString(40), wrongType.map((v) => JSON.stringify(v))), { nil: undefined }),
      files: fc.oneof({ arbitrary: fc.array(previewFile, { maxLength: 3 }), weight: 9 }, fc.constant('many' as const)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), body: fc.oneof(fc.constantFrom('{"text":"x"}', '', '--x\r\nbroken'), nastyString(20)), type: fc.constantFrom('application/json', 'multipart/form-data; boundary=x', 'multipart/form-data', 'text/plain', 'application/x-www-form-urlencoded') }) },
);

describe('import preview through the route handler', () => {
  it('POST .../import/preview: never 500, writes nothing, names every problem with its source', async () => {
    const handler = (await route(PREVIEW_FILE)).POST!;
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(previewPayload, async (payload) => {
        let body: BodyInit;
        let headers: Record<string, string> | undefined;
        if (payload.kind === 'raw') {
          body = payload.body;
          headers = { 'content-type': payload.type };
        } else {
          const form = new FormData();
          if (payload.text !== undefined) form.set('text', payload.text);
          const files = payload.files === 'many' ? Array.from({ length: 51 }, (_, i) => ({ name: `f${i}.txt`, base: 'x', textOps: [], byteOps: [] })) : payload.files;
          for (const f of files) form.append('files', new File([applyByteOps(encode(applyTextOps(f.base, f.textOps)), f.byteOps)], f.name));
          body = form;
          headers = {};
        }
        const outcome = await send({ handler, url: `/api/v1/projects/${PROJECT}/import/preview`, method: 'POST', params: { projectId: PROJECT }, body, headers });
        expectWellBehaved(outcome, { mustFail: false, names: ['form', 'text', 'file', 'limit'] }, 'POST preview');
        // A preview never saves anything.
        expect(outcome.after).toEqual(outcome.before);
        if (outcome.status === 200) {
          answered++;
          const json = outcome.json as { problems: { source: string; message: string }[]; drafts: { source: string }[]; rejectedSources: string[] };
          for (const p of json.problems) {
            expect(p.message.startsWith(p.source)).toBe(true);
            expectProblemNamed(p.message.slice(p.source.length), []);
          }
          // No draft of a rejected file: its source is the file's name, or that name and a line number.
          for (const d of json.drafts) expect(json.rejectedSources.some((s) => d.source === s || d.source.startsWith(`${s} line `))).toBe(false);
        }
      }),
      { numRuns: 250, seed: SEED },
    );
    expect(answered).toBeGreaterThan(50);
  });
});

