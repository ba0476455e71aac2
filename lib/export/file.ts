import { randomBytes } from 'node:crypto';
import { closeSync, createWriteStream, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A refusal the command line prints as it is. */
export class ExportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportFileError';
  }
}

const exists = (file: string) => `${file} already exists. Choose a new file name, or add --force to replace it.`;

/**
 * Throws unless an export may be written to `out`: its folder exists, and nothing is there yet
 * (or `force`). An export file looks like any other file, and the one in the way could be a
 * backup. Checked before the export starts, and again (atomically) when it is put in place.
 */
export function checkExportTarget(out: string, force: boolean): void {
  const folder = path.dirname(out);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new ExportFileError(`The folder ${folder} does not exist.`);
  if (!existsSync(out)) return;
  if (statSync(out).isDirectory()) throw new ExportFileError(`${out} is a folder; name a file to write the export to.`);
  if (!force) throw new ExportFileError(exists(out));
}

function syncToDisk(target: string): void {
  const fd = openSync(target, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes an export's bytes to `out` so that `out` is either the whole export or untouched. An
 * export is a file of whole records, so one cut short (a full disk, a failed query, Ctrl-C) would
 * still look valid: the bytes go to a temporary file in the same folder (the same file system, so
 * the final rename is atomic), which is synced and put in place only after the last byte. Whatever
 * stops the export first, an error or `signal` (the command line aborts on Ctrl-C), the temporary
 * file is removed. Without `force`, the file is put in place with a hard link, which fails rather
 * than replace a file that appeared in the meantime.
 */
export async function writeExportFile(options: { out: string; chunks: AsyncIterable<Uint8Array>; force: boolean; signal?: AbortSignal }): Promise<void> {
  const out = path.resolve(options.out);
  checkExportTarget(out, options.force);
  const temp = `${out}.export-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await pipeline(Readable.from(options.chunks), createWriteStream(temp, { flags: 'wx' }), { signal: options.signal });
    syncToDisk(temp);
    if (options.force) renameSync(temp, out);
    else placeWithoutReplacing(temp, out);
    syncToDisk(path.dirname(out));
  } finally {
    rmSync(temp, { force: true });
  }
}

function placeWithoutReplacing(temp: string, out: string): void {
  try {
    linkSync(temp, out);
    return;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') throw new ExportFileError(exists(out));
  }
  // A file system without hard links: check, then rename (replaces only what appeared in between).
  if (existsSync(out)) throw new ExportFileError(exists(out));
  renameSync(temp, out);
}
