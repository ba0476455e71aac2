import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleDataFileName, manifestFile, writeBundle } from './bundle';
import { EXPORT_FORMATS, type ExportFormat, type ExportManifest } from './model';
import { concat, decodeUtf8, runWriter, sampleArticles, sampleManifest } from './sample-export';
import { writerFor } from './writer';

const ZIP_FORMATS: ExportFormat[] = ['brat'];

describe('writerFor', () => {
  it('has a writer with content type and extension for every format', () => {
    const seen = EXPORT_FORMATS.map((f) => [f, writerFor(f).contentType, writerFor(f).fileExtension]);
    expect(seen).toEqual([
      ['jsonl', 'application/x-ndjson', 'jsonl'],
      ['doccano', 'application/x-ndjson', 'jsonl'],
      ['label-studio', 'application/json', 'json'],
      ['brat', 'application/zip', 'zip'],
      ['w3c', 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', 'jsonld'],
      ['conll', 'text/plain; charset=utf-8', 'conll'],
      ['csv', 'text/csv; charset=utf-8', 'csv'],
    ]);
  });

  it('every format is described in docs/formats.md', () => {
    const docs = readFileSync(fileURLToPath(new URL('../../docs/formats.md', import.meta.url)), 'utf8');
    for (const format of EXPORT_FORMATS) expect(docs).toMatch(new RegExp(`^## .*\\(\`${format}\`\\)$`, 'm'));
  });

  it('refuses an unknown format', () => {
    expect(() => writerFor('xml' as ExportFormat)).toThrow(/Unknown export format/);
  });

  it.each(EXPORT_FORMATS)('%s streams: output for the first article comes out before the second is read', async (format) => {
    const { pulledAtChunk } = await runWriter(writerFor(format).write, sampleArticles(), sampleManifest(format));
    expect(pulledAtChunk).toContain(1);
    expect(pulledAtChunk[pulledAtChunk.length - 1]).toBe(2);
  });

  it.each(EXPORT_FORMATS)('%s is deterministic: the same export twice gives the same bytes', async (format) => {
    const a = await runWriter(writerFor(format).write, sampleArticles(), sampleManifest(format));
    const b = await runWriter(writerFor(format).write, sampleArticles(), sampleManifest(format));
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it.each(EXPORT_FORMATS.filter((f) => !ZIP_FORMATS.includes(f)))('%s writes valid UTF-8', async (format) => {
    const { bytes } = await runWriter(writerFor(format).write, sampleArticles(), sampleManifest(format));
    expect(() => decodeUtf8(bytes)).not.toThrow();
  });
});

describe('bundles and manifest.json', () => {
  it('manifestFile gives manifest.json with the manifest as indented JSON', () => {
    const manifest = sampleManifest('csv');
    const file = manifestFile(manifest);
    expect(file.name).toBe('manifest.json');
    expect(JSON.parse(file.content)).toEqual(manifest);
    expect(file.content).toContain('\n  "formatVersion"');
  });

  it.each(EXPORT_FORMATS.filter((f) => f !== 'brat'))('%s bundle holds the plain data file and the final manifest', async (format) => {
    const plain = await runWriter(writerFor(format).write, sampleArticles(), sampleManifest(format));
    const bundled = await runWriter((args) => writeBundle(format, args), sampleArticles(), sampleManifest(format));
    const files = unzipSync(bundled.bytes);
    const dataName = bundleDataFileName(format);
    expect(Object.keys(files)).toEqual([dataName, 'manifest.json']);
    expect(dataName).toBe(`data.${writerFor(format).fileExtension}`);
    expect(Buffer.from(files[dataName]!).equals(Buffer.from(plain.bytes))).toBe(true);
    const manifest = JSON.parse(decodeUtf8(files['manifest.json']!)) as ExportManifest;
    expect(manifest).toEqual(bundled.final);
    expect(manifest.counts).toMatchObject({ articles: 2, spans: 10 });
  });

  it('brat is already a bundle and is not zipped twice', async () => {
    const plain = await runWriter(writerFor('brat').write, sampleArticles(), sampleManifest('brat'));
    const bundled = await runWriter((args) => writeBundle('brat', args), sampleArticles(), sampleManifest('brat'));
    expect(Buffer.from(bundled.bytes).equals(Buffer.from(plain.bytes))).toBe(true);
  });

  it("puts a writer's warnings in manifest.json even when the caller's final manifest copied the warnings early", async () => {
    const manifest = sampleManifest('conll');
    const copied = { ...manifest, warnings: [...manifest.warnings] };
    const chunks: Uint8Array[] = [];
    async function* articles() {
      yield* sampleArticles();
    }
    for await (const chunk of writeBundle('conll', { manifest, articles: articles(), finalManifest: () => copied })) chunks.push(chunk);
    const written = JSON.parse(decodeUtf8(unzipSync(concat(chunks))['manifest.json']!)) as ExportManifest;
    expect(written.warnings[0]).toBe(copied.warnings[0]);
    expect(written.warnings.filter((w) => w.startsWith('CoNLL:'))).toHaveLength(3);
  });
});
