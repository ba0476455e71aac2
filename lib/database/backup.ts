import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { closeSync, constants as fsConstants, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { SQLITE_BUSY_TIMEOUT_MS } from './client';
import { sqliteFile } from './location';

// Backup and restore of the SQLite file. A backup uses SQLite's online backup API, which reads one
// consistent snapshot while the server keeps writing (WAL lets readers and the writer work side
// by side). A restore replaces the database file as a whole, so the server must be stopped.

/** Tables every Slant database has; a file without them is not a Slant database. */
export const SLANT_TABLES = ['User', 'Project', 'Membership', 'Article', 'Span', 'AuditEvent', 'ApiToken', '_prisma_migrations'] as const;

/** A failure the user can act on; the command line prints the message as it is. */
export class DatabaseFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseFileError';
  }
}

export type DatabaseSummary = {
  bytes: number;
  pages: number;
  articles: number;
  spans: number;
  auditEvents: number;
  /** Names of the migrations applied to it (prisma/migrations/<name>). */
  migrations: string[];
};

/** The file a `file:` DATABASE_URL names, a relative path taken from the project root (lib/database/location.ts). */
export function databasePath(databaseUrl: string, projectRoot: string): string {
  if (!databaseUrl.startsWith('file:')) {
    throw new DatabaseFileError(`Backup and restore work on SQLite databases (DATABASE_URL=file:...); DATABASE_URL is ${databaseUrl.split(':')[0]}:...`);
  }
  return sqliteFile(databaseUrl, projectRoot);
}

/** The migrations this checkout has: the folder names under prisma/migrations. */
export function knownMigrations(projectRoot: string): string[] {
  const dir = path.join(projectRoot, 'prisma', 'migrations');
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort();
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];
const tempBeside = (file: string, purpose: string) => `${file}.${purpose}-${randomBytes(4).toString('hex')}.tmp`;

function removeWithSideFiles(file: string): void {
  for (const suffix of ['', ...SIDE_FILES]) rmSync(file + suffix, { force: true });
}

/** Flushes a file, and the directory entry that names it, to the disk. */
function syncToDisk(file: string): void {
  for (const target of [file, path.dirname(file)]) {
    const fd = openSync(target, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/** The `code` of a SQLite or file system error. */
const errorCode = (error: unknown) => (error as { code?: unknown })?.code;

/**
 * SQLite's online backup from `from` into the new file `to`. better-sqlite3 copies 100 pages per
 * step by default, and SQLite restarts the copy whenever another connection writes between steps,
 * so under steady writes it might never finish: all the pages go in one step instead, one read
 * transaction, one consistent snapshot that includes the write-ahead log's committed pages.
 */
async function copyWithBackupApi(options: { from: string; to: string; label: string; timeout: number; readonly?: boolean }): Promise<void> {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(options.from, { fileMustExist: true, timeout: options.timeout, readonly: options.readonly ?? false });
    await sqlite.backup(options.to, { progress: () => 0x7fffffff });
  } catch (error) {
    if (errorCode(error) === 'SQLITE_NOTADB') throw new DatabaseFileError(`${options.label} is not a Slant database: it is not a SQLite file at all.`);
    if (errorCode(error) === 'SQLITE_CORRUPT') throw new DatabaseFileError(`${options.label} is damaged: ${(error as Error).message}.`);
    throw error;
  } finally {
    sqlite?.close();
  }
}

function setJournalMode(file: string, mode: 'DELETE' | 'WAL'): void {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    sqlite.pragma(`journal_mode = ${mode}`);
  } finally {
    sqlite.close();
  }
}

/**
 * Checks that `file` is a healthy Slant database: SQLite can read it, `PRAGMA integrity_check`
 * says ok and it has Slant's tables. Throws DatabaseFileError naming what is wrong.
 */
export function inspectDatabase(file: string, label = file): DatabaseSummary {
  if (!existsSync(file)) throw new DatabaseFileError(`There is no file at ${label}.`);
  if (statSync(file).size === 0) throw new DatabaseFileError(`${label} is an empty file, not a Slant database.`);
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
    const problems = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new DatabaseFileError(`${label} is damaged: SQLite's integrity check reports ${problems.slice(0, 3).join('; ')}.`);
    }
    const tables = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const missing = SLANT_TABLES.filter((t) => !tables.has(t));
    if (missing.length) {
      throw new DatabaseFileError(`${label} is a SQLite database but not a Slant database: it has no ${missing.join(', ')} table${missing.length === 1 ? '' : 's'}.`);
    }
    const count = (table: string) => (sqlite!.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    const migrations = sqlite
      .prepare('SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name')
      .all() as { name: string }[];
    return {
      migrations: migrations.map((m) => m.name),
      bytes: statSync(file).size,
      pages: sqlite.pragma('page_count', { simple: true }) as number,
      articles: count('Article'),
      spans: count('Span'),
      auditEvents: count('AuditEvent'),
    };
  } catch (error) {
    if (error instanceof DatabaseFileError) throw error;
    if (errorCode(error) === 'SQLITE_NOTADB') throw new DatabaseFileError(`${label} is not a Slant database: it is not a SQLite file at all.`);
    if (errorCode(error) === 'SQLITE_CORRUPT') throw new DatabaseFileError(`${label} is damaged: ${(error as Error).message}.`);
    throw error;
  } finally {
    sqlite?.close();
  }
}

/**
 * Copies the live database to `to` with SQLite's online backup, while the server may keep
 * writing: one consistent snapshot that contains every transaction committed before the backup
 * began, and none half-done. The backup is a single file (rollback journal mode, no -wal beside
 * it), written under a temporary name, checked, synced and then renamed, so `to` is never a
 * half-written file.
 */
export async function backupDatabase(options: { databasePath: string; to: string }): Promise<DatabaseSummary> {
  const source = options.databasePath;
  const to = path.resolve(options.to);
  if (!existsSync(source)) throw new DatabaseFileError(`There is no database at ${source}: nothing to back up.`);
  if (existsSync(to)) throw new DatabaseFileError(`${to} already exists. Choose a new file name: a backup never overwrites a file.`);
  if (!existsSync(path.dirname(to))) throw new DatabaseFileError(`The folder ${path.dirname(to)} does not exist.`);
  const temp = tempBeside(to, 'backup');
  try {
    await copyWithBackupApi({ from: source, to: temp, label: source, timeout: SQLITE_BUSY_TIMEOUT_MS });
    setJournalMode(temp, 'DELETE');
    const summary = inspectDatabase(temp, to);
    syncToDisk(temp);
    renameSync(temp, to);
    syncToDisk(to);
    return summary;
  } finally {
    removeWithSideFiles(temp);
  }
}

/**
 * Throws when another process has the database open. Every SQLite connection in WAL mode holds a
 * shared lock on the file while it is open (the server from its first query on); a connection in
 * exclusive locking mode cannot read while anyone else holds one. In any other journal mode an
 * idle connection holds no lock at all, so an open server would go unseen: such a database is
 * refused until WAL is on (every start and every command turns it on).
 */
function ensureNotInUse(file: string): void {
  // Nothing there yet, or an empty placeholder (a touched file, a fresh volume): no database for a
  // server to hold open, and nothing of value to replace.
  if (!existsSync(file) || statSync(file).size === 0) return;
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { fileMustExist: true, timeout: 0 });
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    const mode = String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase();
    if (mode !== 'wal') {
      throw new DatabaseFileError(
        `The database ${file} is not in WAL mode (its journal mode is ${mode}), so restore cannot tell whether a server has it open. ` +
          'Stop the Slant server, run npm run slant -- migrate (it turns WAL on), then restore again.',
      );
    }
  } catch (error) {
    if (String(errorCode(error)).startsWith('SQLITE_BUSY')) {
      throw new DatabaseFileError(
        `The database ${file} is in use by another process. Stop the Slant server (and any running npm run slant command) first, then restore again.`,
      );
    }
    // A damaged or foreign file (often the reason for restoring) cannot be locked by SQLite; it
    // is kept aside below like any other.
    if (errorCode(error) !== 'SQLITE_NOTADB' && errorCode(error) !== 'SQLITE_CORRUPT') throw error;
  } finally {
    // Closing the only connection checkpoints the write-ahead log into the file, so the copy kept
    // aside below is complete on its own.
    sqlite?.close();
  }
}

/** `20261130T051700Z`: sorts by time, and has no character a file name might not take. */
const utcStamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/**
 * Keeps the database a restore is about to replace as `<database>.before-restore-<UTC time>`, and
 * returns that name. An earlier restore's copy may be the only one of the original data, so no
 * copy is ever replaced: a second restore within the same second gets `-2`, then `-3`. A hard link
 * costs no space or time and fails rather than replace a file; a file system without hard links
 * gets a copy that fails the same way.
 */
function keepAside(target: string, at: Date): string {
  const base = `${target}.before-restore-${utcStamp(at)}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    try {
      linkSync(target, name);
      return name;
    } catch (error) {
      if (errorCode(error) === 'EEXIST') continue;
    }
    try {
      copyFileSync(target, name, fsConstants.COPYFILE_EXCL);
      return name;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
  }
}

/**
 * Replaces the database at `databasePath` with the backup `from`, after checking that `from` is a
 * healthy Slant database that this version of Slant knows (`knownMigrations`: the folder names in
 * prisma/migrations; migrations newer than the backup run at the next start). The server must be
 * stopped: a server that kept the old file open would go on writing into a file no longer in
 * place. The previous database is kept as `<database>.before-restore-<UTC time>` (see keepAside).
 * `now` names that copy; tests give it.
 */
export async function restoreDatabase(options: {
  from: string;
  databasePath: string;
  knownMigrations: string[];
  now?: Date;
}): Promise<DatabaseSummary & { previous: string | null }> {
  const from = path.resolve(options.from);
  const target = options.databasePath;
  if (!existsSync(from)) throw new DatabaseFileError(`There is no backup file at ${from}.`);
  if (statSync(from).isDirectory()) throw new DatabaseFileError(`${from} is a folder, not a backup file.`);
  if (from === target) throw new DatabaseFileError(`${from} is the database itself; restore from a backup file.`);
  if (statSync(from).size === 0) throw new DatabaseFileError(`${from} is an empty file, not a Slant database.`);
  // The checks run on a copy beside the target, so a wrong file changes nothing. The copy goes
  // through SQLite (read-only) rather than the file system, so a log beside the file counts too.
  // A restore onto a new machine: the data folder may not exist yet.
  mkdirSync(path.dirname(target), { recursive: true });
  const temp = tempBeside(target, 'restore');
  try {
    await copyWithBackupApi({ from, to: temp, label: from, timeout: 0, readonly: true });
    const summary = inspectDatabase(temp, from);
    const unknown = summary.migrations.filter((m) => !options.knownMigrations.includes(m));
    if (unknown.length) {
      throw new DatabaseFileError(
        `${from} was made by a newer version of Slant (its migration ${unknown.join(', ')} is not in prisma/migrations here). Update Slant, then restore.`,
      );
    }
    setJournalMode(temp, 'WAL');
    syncToDisk(temp);
    ensureNotInUse(target);
    const previous = existsSync(target) ? keepAside(target, options.now ?? new Date()) : null;
    // A stale log beside the new file would be replayed onto it: remove it before the rename.
    for (const suffix of SIDE_FILES) rmSync(target + suffix, { force: true });
    renameSync(temp, target);
    syncToDisk(target);
    return { ...summary, bytes: statSync(target).size, previous };
  } finally {
    removeWithSideFiles(temp);
  }
}
