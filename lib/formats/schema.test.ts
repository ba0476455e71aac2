import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../labels';
import { jsonl } from './jsonl';
import { decodeUtf8, runWriter, sampleArticles, sampleManifest } from './sample-export';

const schemaPath = fileURLToPath(new URL('../../docs/schemas/slant-export.schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;

function validator() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  // Ajv has no formats built in; this one is enough for the timestamps Slant writes.
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  return ajv.compile(schema);
}

async function exportedLines(): Promise<Record<string, unknown>[]> {
  const { bytes } = await runWriter(jsonl.write, sampleArticles(), sampleManifest('jsonl'));
  return decodeUtf8(bytes)
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('docs/schemas/slant-export.schema.json', () => {
  it('accepts every line of a real export', async () => {
    const validate = validator();
    const lines = await exportedLines();
    expect(lines.map((l) => l.type)).toEqual(['manifest', 'article', 'article', 'summary']);
    for (const line of lines) {
      const ok = validate(line);
      expect(validate.errors ?? [], JSON.stringify(line).slice(0, 80)).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('rejects lines that break the format', async () => {
    const validate = validator();
    const [manifest, article, , summary] = await exportedLines();
    const spans = (article as { spans: Record<string, unknown>[] }).spans;
    const broken: unknown[] = [
      { ...article, spans: [{ ...spans[0], label: 'Claim' }] }, // display name instead of id
      { ...article, spans: [{ ...spans[0], start: 1.5 }] },
      { ...article, spans: [{ ...spans[0], extra: true }] },
      { ...article, text: undefined },
      { ...manifest, offsets: 'utf-16' },
      { ...manifest, counts: {} }, // counts belong to the summary line
      { ...summary, counts: { articles: -1, spans: 0, perLabel: {}, perAnnotator: {} } },
      { type: 'other' },
    ];
    for (const line of broken) expect(validate(JSON.parse(JSON.stringify(line)))).toBe(false);
  });

  it('lists exactly the labels Slant has', () => {
    const defs = schema.$defs as { label: { enum: string[] } };
    expect(defs.label.enum).toEqual([...LABELS]);
  });
});
