import { describe, expect, it } from 'vitest';
import { parseOrThrow } from './errors';
import { EXPORT_QUERY_KEYS, exportInputFromQuery, exportRequestSchema } from './export/service';
import { queryFlag, refuseUnknownQueryKeys } from './query-flag';
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

  it('refuses a parameter a route does not take, or one given twice, naming it and the ones it takes', () => {
    const accepted = ['format', 'dryRun'];
    expect(() => refuseUnknownQueryKeys(new URLSearchParams('format=csv&dryRun=1'), accepted)).not.toThrow();
    expect(() => refuseUnknownQueryKeys(new URLSearchParams('dryrun=1&extra=2&extra=3'), accepted)).toThrow(
      'Unknown query parameters "dryrun" (did you mean "dryRun"?), "extra": nothing was done. This route takes format, dryRun.',
    );
    expect(() => refuseUnknownQueryKeys(new URLSearchParams('format=csv&format=jsonl'), accepted)).toThrow('format: given more than once; send each query parameter once.');
  });

  it("takes the export's own fields in its query, and refuses a misspelt one instead of exporting everything", () => {
    expect([...EXPORT_QUERY_KEYS].sort()).toEqual(Object.keys(exportRequestSchema.shape).sort());
    expect(exportInputFromQuery(new URLSearchParams('format=csv&articleId=a-1&bundle=1'))).toEqual({ format: 'csv', articleId: 'a-1', bundle: '1' });
    expect(() => exportInputFromQuery(new URLSearchParams('articleid=a-1'))).toThrow(/^Unknown query parameter "articleid" \(did you mean "articleId"\?\)/);
  });
});
