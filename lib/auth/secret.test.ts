import { describe, expect, it } from 'vitest';
import { secretProblem } from './secret';

describe('NEXTAUTH_SECRET check', () => {
  it('accepts an unset secret (one is generated) and a long random one', () => {
    expect(secretProblem(undefined)).toBeNull();
    expect(secretProblem('q2W8v1yZ0rT5uK3nB7mC4xL9pA6sD2fG')).toBeNull();
  });

  it('refuses empty, placeholder and short secrets with a reason', () => {
    expect(secretProblem('  ')).toMatch(/empty/);
    expect(secretProblem('changeme')).toMatch(/placeholder "changeme"/);
    expect(secretProblem('short-but-random-7')).toMatch(/18 characters long; use at least 32/);
  });
});
