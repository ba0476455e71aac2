import { describe, expect, it } from 'vitest';
import { parseOrThrow } from './errors';
import { exportRequestSchema } from './export/service';
import { queryFlag } from './query-flag';
import { statusOf } from './testing/status-of';

describe('yes/no query options', () => {
  it('reads absent, 1/true and 0/false, and refuses any other spelling with the parameter named', () => {
    const q = new URLSearchParams('a=1&b=true&c=0&d=false&e=yes&f=');
    expect(['a', 'b', 'c', 'd', 'missing'].map((n) => queryFlag(q, n))).toEqual([true, true, false, false, false]);
    expect(() => queryFlag(q, 'e')).toThrow('e: "yes" is not a yes/no value; send 1 or true, 0 or false.');
    expect(() => queryFlag(q, 'f')).toThrow(/f: "" is not a yes\/no value/);
  });

  it('refuses an unknown spelling of the export bundle option instead of reading it as no', async () => {
    expect(parseOrThrow(exportRequestSchema, { bundle: '1' }).bundle).toBe(true);
    expect(parseOrThrow(exportRequestSchema, { bundle: 'false' }).bundle).toBe(false);
    expect(parseOrThrow(exportRequestSchema, {}).bundle).toBe(false);
    expect(await statusOf(Promise.resolve().then(() => parseOrThrow(exportRequestSchema, { bundle: 'yes' })))).toBe(422);
    expect(() => parseOrThrow(exportRequestSchema, { bundle: 'yes' })).toThrow(/bundle/);
  });
});
