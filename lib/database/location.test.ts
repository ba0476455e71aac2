import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDatabaseUrl, sqliteFile } from './location';

const root = '/srv/slant';

describe('where a DATABASE_URL points', () => {
  it('takes a relative SQLite path from the project root, not from the working directory', () => {
    expect(path.resolve('.')).not.toBe(root);
    expect(resolveDatabaseUrl('file:./data/slant.db', root)).toBe('file:/srv/slant/data/slant.db');
    expect(resolveDatabaseUrl('file:../rel.db', root)).toBe('file:/srv/rel.db');
    expect(sqliteFile('file:data/slant.db', root)).toBe('/srv/slant/data/slant.db');
  });

  it('leaves an absolute path, an in-memory database and a PostgreSQL URL as they are', () => {
    expect(resolveDatabaseUrl('file:/var/lib/slant/slant.db', root)).toBe('file:/var/lib/slant/slant.db');
    expect(resolveDatabaseUrl('file::memory:', root)).toBe('file::memory:');
    expect(resolveDatabaseUrl('postgresql://slant@db:5432/slant', root)).toBe('postgresql://slant@db:5432/slant');
  });
});
