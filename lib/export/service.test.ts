import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAnnotationStatus } from '../articles/service';
import type { Actor } from '../auth/permissions';
import type { Db } from '../database/client';
import { DomainError } from '../errors';
import { judgeSpan, setReviewState } from '../review/service';
import { CLI_TEST_TIMEOUT, runSlant } from '../testing/cli';
import { createTestDb } from '../testing/test-db';
import { prepareExport } from './service';
import { exportOutput } from './stream';

const admin: Actor = { id: 'demo-user-admin', role: 'admin' };
const reviewer: Actor = { id: 'demo-user-reviewer', role: 'reviewer' };

let db: Db;
let databaseUrl: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ db, databaseUrl, cleanup } = await createTestDb());
  for (const id of ['demo-user-ann1', 'demo-user-ann2']) {
    await setAnnotationStatus(db, { id, role: 'annotator' }, { articleId: 'demo-article-bridge', input: { action: 'submit' } });
  }
  const span = await db.span.findUniqueOrThrow({ where: { id: 'demo-span-ann1-2' } });
  await judgeSpan(db, reviewer, { spanId: span.id, input: { verdict: 'accepted', version: span.version } });
  const article = await db.article.findUniqueOrThrow({ where: { id: 'demo-article-bridge' } });
  await setReviewState(db, reviewer, { articleId: article.id, input: { action: 'adjudicate', version: article.version } });
});
afterAll(async () => cleanup());

async function exportText(input: Record<string, unknown>, actor: Actor = admin) {
  const prepared = await prepareExport(db, actor, { projectId: 'demo-project', input });
  const output = exportOutput(prepared);
  const parts: Uint8Array[] = [];
  for await (const chunk of output.chunks) parts.push(chunk);
  return { text: Buffer.concat(parts).toString('utf8'), prepared, output };
}

describe('export', () => {
  it('exports the gold layer of adjudicated articles with a manifest first and a summary last', async () => {
    const { text, prepared } = await exportText({ format: 'jsonl' });
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0].type).toBe('manifest');
    expect(lines.at(-1)!.type).toBe('summary');
    const articles = lines.filter((l) => l.type === 'article') as { id: string; text: string; spans: { start: number; end: number; text: string; annotator: string; label: string }[] }[];
    expect(articles.map((a) => a.id)).toEqual(['demo-article-bridge']);
    expect(articles[0].spans).toHaveLength(1);
    const [span] = articles[0].spans;
    expect(span).toMatchObject({ annotator: 'gold', label: 'sourced_quote' });
    expect(Array.from(articles[0].text).slice(span.start, span.end).join('')).toBe(span.text);
    expect(prepared.finalManifest().counts).toMatchObject({ articles: 1, spans: 1, perLabel: { sourced_quote: 1 } });
    expect(prepared.finalManifest().warnings.join(' ')).toMatch(/2 of 3 articles are not adjudicated/);
  });

  it('exports every annotator with verdicts, in a stable order, identically twice', async () => {
    const first = await exportText({ format: 'jsonl', layer: 'all' });
    const second = await exportText({ format: 'jsonl', layer: 'all' });
    const strip = (t: string) => t.replace(/"exportedAt":"[^"]+"/g, '');
    expect(strip(first.text)).toBe(strip(second.text));
    const bridge = first.text.split('\n').map((l) => (l ? JSON.parse(l) : null)).find((l) => l?.id === 'demo-article-bridge');
    const annotators = new Set(bridge.spans.map((s: { annotator: string }) => s.annotator));
    expect([...annotators].sort()).toEqual(['ann1@demo.test', 'ann2@demo.test', 'gold']);
    expect(bridge.spans.find((s: { id: string }) => s.id === 'demo-span-ann1-2').verdict).toBe('accepted');
  });

  it("exports one annotator's layer and refuses what the caller may not export", async () => {
    const { text } = await exportText({ format: 'csv', layer: 'ann2@demo.test' });
    expect(text.split(/\r?\n/)[0]).toContain('article_id');
    expect(text).toContain('ann2@demo.test');
    expect(text).not.toContain('ann1@demo.test');
    const status = (e: unknown) => (e instanceof DomainError ? e.status : 0);
    expect(status(await prepareExport(db, { id: 'demo-user-ann1', role: 'annotator' }, { projectId: 'demo-project', input: {} }).catch((e) => e))).toBe(403);
    expect(status(await prepareExport(db, admin, { projectId: 'demo-project', input: { layer: 'nobody@demo.test' } }).catch((e) => e))).toBe(422);
    expect(status(await prepareExport(db, admin, { projectId: 'demo-project', input: { format: 'xml' } }).catch((e) => e))).toBe(422);
  });

  it('writes UTF-16 offsets for doccano and Label Studio on request, says so in the manifest, and refuses them for other formats', async () => {
    const { prepared } = await exportText({ format: 'label-studio', layer: 'all', offsets: 'utf-16' });
    expect(prepared.manifest.offsets).toBe('utf-16-code-units');
    expect((await exportText({ format: 'doccano', layer: 'all' })).prepared.manifest.offsets).toBe('unicode-code-points');
    const refused = await prepareExport(db, admin, { projectId: 'demo-project', input: { format: 'jsonl', offsets: 'utf-16' } }).catch((e: unknown) => e as DomainError);
    expect(refused).toMatchObject({ status: 422, message: expect.stringMatching(/^offsets: utf-16 is for doccano and Label Studio/) });
  });

  it('makes a CSV safe for spreadsheets on request, says so in the manifest, and refuses the option for other formats', async () => {
    const { prepared } = await exportText({ format: 'csv', layer: 'all', spreadsheet: '1' });
    expect(prepared.manifest.spreadsheetSafe).toBe(true);
    expect((await exportText({ format: 'csv', layer: 'all' })).prepared.manifest).not.toHaveProperty('spreadsheetSafe');
    const refused = await prepareExport(db, admin, { projectId: 'demo-project', input: { format: 'jsonl', spreadsheet: 'true' } }).catch((e: unknown) => e as DomainError);
    expect(refused).toMatchObject({ status: 422, message: expect.stringMatching(/^spreadsheet: spreadsheet is for the csv format only/) });
    const unclear = await prepareExport(db, admin, { projectId: 'demo-project', input: { format: 'csv', spreadsheet: 'yes' } }).catch((e: unknown) => e as DomainError);
    expect(unclear).toMatchObject({ status: 422, message: expect.stringMatching(/^spreadsheet:/) });
  });
});

describe('npm run slant -- export', () => {
  it('writes a brat zip of every layer with the manifest beside the standoff files', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'slant-export-')), 'brat.zip');
    const result = runSlant(databaseUrl, 'export', '--project', 'demo-project', '--format', 'brat', '--layer', 'all', '--out', out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Wrote .*brat\.zip: 3 articles/);
    const files = unzipSync(readFileSync(out));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['annotation.conf', 'manifest.json', 'demo-article-bridge.txt', 'demo-article-bridge.ann']));
    const ann = Buffer.from(files['demo-article-bridge.ann']).toString('utf8');
    expect(ann).toMatch(/^T\d+\tClaim \d+ \d+\tRepairs to the Harbour Street bridge/m);
  }, CLI_TEST_TIMEOUT);

  it('refuses to overwrite an existing file, naming it, and replaces it only with --force', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'slant-export-'));
    const out = path.join(dir, 'slant-backup.db');
    writeFileSync(out, 'a backup that must survive');
    const refused = runSlant(databaseUrl, 'export', '--project', 'demo-project', '--out', out);
    expect(refused.stderr).toBe(`Error: ${out} already exists. Choose a new file name, or add --force to replace it.\n`);
    expect(refused.status).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('a backup that must survive');

    const forced = runSlant(databaseUrl, 'export', '--project', 'demo-project', '--layer', 'all', '--out', out, '--force');
    expect(forced.stderr).toBe('');
    expect(forced.status).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line).id)).toContain('demo-article-bridge');
    expect(readdirSync(dir)).toEqual(['slant-backup.db']);
  }, CLI_TEST_TIMEOUT);
});

describe("a former member's layer", () => {
  it('still exports by their e-mail, as their work stays in the project and in layer=all', async () => {
    const membership = await db.membership.findUniqueOrThrow({ where: { projectId_userId: { projectId: 'demo-project', userId: 'demo-user-ann2' } } });
    await db.membership.delete({ where: { id: membership.id } });
    await db.user.update({ where: { id: 'demo-user-ann2' }, data: { deletedAt: new Date() } });
    try {
      const { text } = await exportText({ format: 'csv', layer: 'ann2@demo.test' });
      expect(text).toContain('ann2@demo.test');
      expect(text).not.toContain('ann1@demo.test');
      // Someone who is not a member and never submitted anything here is still refused, by name.
      await db.user.create({ data: { email: 'outsider@demo.test', name: 'Outsider', role: 'annotator' } });
      const refused = (await prepareExport(db, admin, { projectId: 'demo-project', input: { layer: 'outsider@demo.test' } }).catch((e: unknown) => e)) as DomainError;
      expect([refused.status, refused.message]).toEqual([422, expect.stringContaining('"outsider@demo.test" is not gold, all, or the e-mail of a member')]);
    } finally {
      await db.user.update({ where: { id: 'demo-user-ann2' }, data: { deletedAt: null } });
      await db.membership.create({ data: { projectId: 'demo-project', userId: 'demo-user-ann2' } });
    }
  });
});
