import { describe, expect, it } from 'vitest';
import { currentWriteScope, GLOBAL_LOCK_KEY, lockStatement } from './write-scope';

// Which locks the statements take is checked against a real server in write-scope.postgres.test.ts;
// here: ids travel as parameters, never in the SQL, and the timeout is checked.
describe('lock statements', () => {
  it('takes only the global lock, exclusively, without a scope', () => {
    const { sql, args } = lockStatement(undefined, 10_000);
    expect(sql).toBe(`SELECT set_config('lock_timeout', '10000', true), pg_advisory_xact_lock(${GLOBAL_LOCK_KEY})`);
    expect(args).toEqual([]);
  });

  it('passes article, span and user ids as parameters', () => {
    const hostile = `x'); DROP TABLE "Span"; --`;
    for (const scope of [
      { kind: 'annotation', userId: hostile, articleId: hostile },
      { kind: 'annotation', userId: hostile, spanId: hostile },
      { kind: 'article', articleId: hostile },
      { kind: 'article', spanId: hostile },
    ] as const) {
      const { sql, args } = lockStatement(scope, 500);
      expect(sql).not.toContain('DROP');
      expect(args.every((a) => a === hostile)).toBe(true);
      expect(args).toHaveLength(scope.kind === 'annotation' ? 2 : 1);
      expect(sql).toContain(`pg_advisory_xact_lock_shared(${GLOBAL_LOCK_KEY})`);
    }
  });

  it('refuses a lock timeout that is not a positive whole number of ms', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => lockStatement(undefined, bad)).toThrow(/lock timeout/);
  });

  it('has no scope outside a scoped transaction', () => {
    expect(currentWriteScope()).toBeUndefined();
  });
});
