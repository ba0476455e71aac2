// Copies a benchmark corpus from its SQLite file into a migrated PostgreSQL database, so the
// PostgreSQL rows measure the same data. Every table the PostgreSQL schema has (but Prisma's own)
// is copied column by column, converting SQLite's storage forms (0/1, date text or epoch ms) to
// the PostgreSQL column's type. Building the corpus is not what is measured.
import Database from 'better-sqlite3';
import pg from 'pg';

const BATCH_PARAMETERS = 30_000; // PostgreSQL allows 65,535 parameters per statement

type Column = { name: string; type: string };

function convert(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value === 1 || value === true || value === '1';
  if (type.startsWith('timestamp')) return new Date(typeof value === 'number' ? value : String(value));
  return value;
}

export async function copySqliteToPostgres(sqliteFile: string, postgresUrl: string): Promise<Record<string, number>> {
  const sqlite = new Database(sqliteFile, { readonly: true });
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  const copied: Record<string, number> = {};
  try {
    const columns = new Map<string, Column[]>();
    const info = await client.query<{ table_name: string; column_name: string; data_type: string }>(
      "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position",
    );
    for (const row of info.rows) columns.set(row.table_name, [...(columns.get(row.table_name) ?? []), { name: row.column_name, type: row.data_type }]);
    await client.query('BEGIN');
    // No foreign-key triggers while copying (the rows come from a consistent database), so the
    // table order does not matter. Needs a superuser: the benchmark's throwaway cluster has one.
    await client.query("SET session_replication_role = 'replica'");
    for (const [table, cols] of columns) {
      const names = cols.map((c) => `"${c.name}"`).join(', ');
      const perBatch = Math.max(1, Math.floor(BATCH_PARAMETERS / cols.length));
      let batch: unknown[][] = [];
      const flush = async () => {
        if (!batch.length) return;
        const values = batch.map((_, r) => `(${cols.map((__, c) => `$${r * cols.length + c + 1}`).join(', ')})`).join(', ');
        await client.query(`INSERT INTO "${table}" (${names}) VALUES ${values}`, batch.flat());
        batch = [];
      };
      let rows = 0;
      for (const row of sqlite.prepare(`SELECT ${names} FROM "${table}"`).iterate() as IterableIterator<Record<string, unknown>>) {
        batch.push(cols.map((c) => convert(row[c.name], c.type)));
        rows++;
        if (batch.length >= perBatch) await flush();
      }
      await flush();
      copied[table] = rows;
    }
    await client.query("SET session_replication_role = 'origin'");
    await client.query('COMMIT');
    await client.query('ANALYZE');
    return copied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    sqlite.close();
    await client.end();
  }
}
