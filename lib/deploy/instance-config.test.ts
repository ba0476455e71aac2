import { describe, expect, it } from 'vitest';
import { instanceConfig } from './instance-config';

const good = {
  PORT: '3001',
  DATABASE_URL: 'postgresql://slant@db:5432/slant',
  NEXTAUTH_SECRET: 'k'.repeat(40),
  NEXTAUTH_URL: 'https://slant.example.org',
};

describe('instance configuration', () => {
  it('accepts a complete environment and migrates on start unless told not to', () => {
    expect(instanceConfig(good)).toEqual({
      config: { port: 3001, databaseUrl: good.DATABASE_URL, nextAuthUrl: good.NEXTAUTH_URL, secret: good.NEXTAUTH_SECRET, migrate: true },
    });
    expect(instanceConfig({ ...good, SLANT_MIGRATE_ON_START: 'false' })).toMatchObject({ config: { migrate: false } });
  });

  it('names every missing or wrong variable at once', () => {
    const result = instanceConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', NEXTAUTH_SECRET: 'changeme', SLANT_MIGRATE_ON_START: 'maybe' });
    expect('problems' in result && result.problems).toEqual([
      'PORT must be a port number, not "eighty".',
      'DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL).',
      expect.stringContaining('well-known placeholder "changeme"'),
      expect.stringContaining('NEXTAUTH_URL must be the public address'),
      'SLANT_MIGRATE_ON_START must be true or false, not "maybe".',
    ]);
  });

  it('refuses, all at once, what the app itself would refuse at every request', () => {
    const result = instanceConfig({ ...good, DATABASE_POOL_SIZE: 'ten', NEXTAUTH_URL: 'https://', DEMO_PASSWORD: 'short' });
    expect('problems' in result && result.problems).toEqual([
      'DATABASE_POOL_SIZE must be a whole number of connections, not "ten".',
      'NEXTAUTH_URL must be a whole URL such as https://slant.example.org, not "https://".',
      'DEMO_PASSWORD must be at least 8 characters: the demo users sign in with it.',
    ]);
    expect(instanceConfig({ ...good, NEXTAUTH_URL: 'https://slant example.org' })).toEqual({
      problems: ['NEXTAUTH_URL must be a whole URL such as https://slant.example.org, not "https://slant example.org".'],
    });
    expect(instanceConfig({ ...good, DEMO_PASSWORD: '' })).toEqual({ problems: ['DEMO_PASSWORD must be at least 8 characters: the demo users sign in with it.'] });
    expect(instanceConfig({ ...good, DATABASE_POOL_SIZE: '0' })).toEqual({ problems: ['DATABASE_POOL_SIZE must be a whole number of connections, not "0".'] });
    expect(instanceConfig({ ...good, DATABASE_POOL_SIZE: '25', DEMO_PASSWORD: 'long-enough' })).toMatchObject({ config: { port: 3001 } });
  });

  it('does not generate a secret: instances must share one', () => {
    const { NEXTAUTH_SECRET: _, ...withoutSecret } = good;
    expect(instanceConfig(withoutSecret)).toEqual({ problems: [expect.stringContaining('every instance must share one long random secret')] });
  });
});
