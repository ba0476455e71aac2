import Database from 'better-sqlite3';
import { sqliteFile } from './location';

/**
 * Write-ahead logging lets readers work while one writer writes, and survives a killed process
 * without losing committed transactions. journal_mode=WAL is stored in the file itself, so it is
 * set once here, after migrations.
 */
export function enableWal(databaseUrl: string, projectRoot: string): void {
  if (!databaseUrl.startsWith('file:')) return;
  const sqlite = new Database(sqliteFile(databaseUrl, projectRoot));
  try {
    sqlite.pragma('journal_mode = WAL');
  } finally {
    sqlite.close();
  }
}
