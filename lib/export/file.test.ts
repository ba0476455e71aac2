import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeExportFile } from './file';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'slant-export-file-'));
  dirs.push(dir);
  return dir;
};

const record = (n: number) => Buffer.from(`{"id":"article-${n}"}\n`);

/** Whole records, as an export yields them; `stop` ends it early, after `after` records. */
async function* records(count: number, stop?: { after: number; how: () => Promise<void> | void }): AsyncGenerator<Uint8Array> {
  for (let n = 0; n < count; n++) {
    if (stop && n === stop.after) await stop.how();
    yield record(n);
  }
}

describe('writing an export to a file', () => {
  it('writes every record and leaves nothing else in the folder', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'export.jsonl');
    await writeExportFile({ out, chunks: records(3), force: false });
    expect(readFileSync(out, 'utf8')).toBe('{"id":"article-0"}\n{"id":"article-1"}\n{"id":"article-2"}\n');
    expect(readdirSync(dir)).toEqual(['export.jsonl']);
  });

  it('refuses a file that exists, naming it, unless forced', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'backup.jsonl');
    writeFileSync(out, 'the only copy\n');
    await expect(writeExportFile({ out, chunks: records(2), force: false })).rejects.toThrow(
      `${out} already exists. Choose a new file name, or add --force to replace it.`,
    );
    expect(readFileSync(out, 'utf8')).toBe('the only copy\n');
    await writeExportFile({ out, chunks: records(1), force: true });
    expect(readFileSync(out, 'utf8')).toBe('{"id":"article-0"}\n');
    expect(readdirSync(dir)).toEqual(['backup.jsonl']);
    await expect(writeExportFile({ out: path.join(dir, 'missing', 'x.jsonl'), chunks: records(1), force: false })).rejects.toThrow(
      `The folder ${path.join(dir, 'missing')} does not exist.`,
    );
  });

  it('leaves no file, and no part of one, when the export fails half way, and keeps the file it would have replaced', async () => {
    const dir = tempDir();
    const fresh = path.join(dir, 'fresh.jsonl');
    const failing = () => records(1000, { after: 500, how: () => Promise.reject(new Error('the database went away')) });
    await expect(writeExportFile({ out: fresh, chunks: failing(), force: false })).rejects.toThrow('the database went away');
    const replaced = path.join(dir, 'old.jsonl');
    writeFileSync(replaced, 'an earlier export\n');
    await expect(writeExportFile({ out: replaced, chunks: failing(), force: true })).rejects.toThrow('the database went away');
    expect(readFileSync(replaced, 'utf8')).toBe('an earlier export\n');
    expect(readdirSync(dir)).toEqual(['old.jsonl']);
  });

  it('leaves no file when interrupted, even after records were written', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'interrupted.jsonl');
    const interrupt = new AbortController();
    let partWritten = false;
    const chunks = records(1000, {
      after: 500,
      how: async () => {
        // Let the stream write what it has, so a part of the export is on disk when Ctrl-C comes.
        await new Promise((resolve) => setTimeout(resolve, 50));
        partWritten = readdirSync(dir).some((f) => f.endsWith('.tmp'));
        interrupt.abort();
        await new Promise((resolve) => setTimeout(resolve, 50));
      },
    });
    await expect(writeExportFile({ out, chunks, force: false, signal: interrupt.signal })).rejects.toThrow(/abort/i);
    expect(partWritten).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});
