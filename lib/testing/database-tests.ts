/**
 * The database integration tests, and which engines they run on. `npm test` runs every file
 * with SQLite, then runs BOTH_ENGINES again against a throwaway PostgreSQL (scripts/test.ts).
 * A unit test fails when a file that opens a test database is in neither list.
 */
export const BOTH_ENGINES = [
  'lib/articles/service.test.ts',
  'lib/audit-trail/service.test.ts',
  'lib/auth/rate-limit.test.ts',
  'lib/auth/tokens.test.ts',
  'lib/database/demo-sign-ins.test.ts',
  'lib/database/health.test.ts',
  'lib/database/seed.test.ts',
  'lib/datasets/import.test.ts',
  'lib/datasets/round-trip.test.ts',
  'lib/export/service.test.ts',
  'lib/projects/service.test.ts',
  'lib/review/long-article.test.ts',
  'lib/review/peer-review.test.ts',
  'lib/review/service.test.ts',
  'lib/review/queue.test.ts',
  'lib/spans/service.test.ts',
  'lib/trash/service.test.ts',
  'lib/users/service.test.ts',
];

/** Files about PostgreSQL itself: only in the PostgreSQL pass (vitest.config.ts leaves them out). */
export const POSTGRES_ONLY = ['lib/database/migrate.postgres.test.ts', 'lib/database/write-scope.postgres.test.ts'];

/** Files that open a test database but test SQLite itself, with the reason. */
export const SQLITE_ONLY: Record<string, string> = {
  'lib/database/query-plan.test.ts': "reads SQLite's EXPLAIN QUERY PLAN",
  'lib/datasets/write.test.ts':
    'compares the direct SQLite write path with the portable one and injects faults through the SQLite file; the portable path (what PostgreSQL runs) is covered on PostgreSQL by lib/datasets/round-trip.test.ts',
  'lib/export/read-paths.test.ts':
    "compares the direct SQLite read path with the portable one (snapshot of a second connection, SQLite's query plans); the portable path is covered on PostgreSQL by lib/export/service.test.ts and the round trip",
  'lib/fuzz/api-bodies.test.ts': 'a SQLite-tuned fuzz database (PRAGMA synchronous = OFF); the route code it fuzzes is engine-neutral',
  'lib/fuzz/api-import.test.ts': 'as lib/fuzz/api-bodies.test.ts',
  'lib/fuzz/importers.test.ts': 'as lib/fuzz/api-bodies.test.ts',
};
