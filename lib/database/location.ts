import path from 'node:path';

// Where a `file:` DATABASE_URL points. A relative path is relative to the project root (the
// folder with package.json), whatever folder a command is run from: `file:./data/slant.db` is
// the same file for `npm start`, `npm run serve` and `npm run slant` run from anywhere. The
// drivers (better-sqlite3, Prisma's adapter) would resolve it against the working directory
// instead, so every entry point resolves the URL here first and hands them an absolute path.

/** The path part of a `file:` URL, as written (possibly relative). */
export function sqlitePathFromUrl(url: string): string {
  if (!url.startsWith('file:')) throw new Error(`Not a SQLite URL: ${url}`);
  return url.slice('file:'.length);
}

/** An in-memory database or the empty path: nothing on disk to resolve. */
const inMemory = (file: string) => file === '' || file.startsWith(':memory:');

/** The absolute file a `file:` DATABASE_URL names, a relative one taken from `projectRoot`. */
export function sqliteFile(databaseUrl: string, projectRoot: string): string {
  return path.resolve(projectRoot, sqlitePathFromUrl(databaseUrl));
}

/**
 * DATABASE_URL with a relative SQLite path made absolute (from `projectRoot`); any other URL
 * (PostgreSQL, an in-memory SQLite database) as it is.
 */
export function resolveDatabaseUrl(databaseUrl: string, projectRoot: string): string {
  if (!databaseUrl.startsWith('file:') || inMemory(sqlitePathFromUrl(databaseUrl))) return databaseUrl;
  return `file:${sqliteFile(databaseUrl, projectRoot)}`;
}
