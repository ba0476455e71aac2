import { describe, expect, it } from 'vitest';
import { databasePoolSize, demoPasswordProblem, envProblems } from './env';

describe('the environment the app accepts', () => {
  it('names every variable it would refuse, with why', () => {
    expect(envProblems({})).toEqual([]);
    expect(envProblems({ DATABASE_URL: 'mysql://x', NEXTAUTH_URL: 'https://', DEMO_PASSWORD: 'short' })).toEqual([
      { variable: 'DATABASE_URL', message: 'DATABASE_URL must start with file: (SQLite) or postgresql://' },
      { variable: 'NEXTAUTH_URL', message: 'NEXTAUTH_URL must be a whole URL such as https://slant.example.org, not "https://".' },
      { variable: 'DEMO_PASSWORD', message: 'DEMO_PASSWORD must be at least 8 characters: the demo users sign in with it.' },
    ]);
  });

  it('takes an unset DEMO_PASSWORD as the default, and refuses an empty, short or all-space one', () => {
    expect(demoPasswordProblem(undefined)).toBeNull();
    expect(demoPasswordProblem('eight-ch')).toBeNull();
    expect(demoPasswordProblem('')).toBe('DEMO_PASSWORD must be at least 8 characters: the demo users sign in with it.');
    expect(demoPasswordProblem('seven-c')).toBe('DEMO_PASSWORD must be at least 8 characters: the demo users sign in with it.');
    expect(demoPasswordProblem('        ')).toBe('DEMO_PASSWORD needs characters other than spaces: the demo users sign in with it.');
  });

  it('reads DATABASE_POOL_SIZE as a whole number of connections, 10 when unset', () => {
    expect(databasePoolSize(undefined)).toBe(10);
    expect(databasePoolSize('25')).toBe(25);
    for (const wrong of ['ten', '0', '-3', '2.5', '']) {
      expect(() => databasePoolSize(wrong)).toThrow(`DATABASE_POOL_SIZE must be a whole number of connections, not "${wrong}".`);
    }
  });
});
