import { z } from 'zod';
import { DomainError } from './errors';

const ON = ['1', 'true'];
const OFF = ['0', 'false'];

/**
 * A yes/no option in a query string. Absent is no; `1`/`true` and `0`/`false` are the only
 * spellings. Anything else is refused rather than read as no: `dryRun=yes` taken as "no dry
 * run" would import for real.
 */
export const flagSchema = z.union([z.boolean(), z.enum([...ON, ...OFF] as [string, ...string[]]).transform((v) => ON.includes(v))]).default(false);

/** `flagSchema` for a URLSearchParams value, answering 422 with the parameter's name. */
export function queryFlag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null) return false;
  if (ON.includes(value)) return true;
  if (OFF.includes(value)) return false;
  throw new DomainError(422, `${name}: "${value.slice(0, 40)}" is not a yes/no value; send 1 or true, 0 or false.`);
}

/**
 * Refuses query parameters a route does not take, and any given twice. A misspelt option is
 * otherwise ignored without a word: `dryrun=1` would import for real, `articleid=X` export the
 * whole project. The answer names the parameters at fault and the ones the route takes.
 */
export function refuseUnknownQueryKeys(query: URLSearchParams, accepted: readonly string[]): void {
  const keys = [...query.keys()];
  const unknown = [...new Set(keys.filter((k) => !accepted.includes(k)))];
  if (unknown.length) {
    const named = unknown.map((k) => {
      const meant = accepted.find((a) => a.toLowerCase() === k.toLowerCase());
      return `"${k.slice(0, 40)}"${meant ? ` (did you mean "${meant}"?)` : ''}`;
    });
    throw new DomainError(
      422,
      `Unknown query parameter${unknown.length === 1 ? '' : 's'} ${named.join(', ')}: nothing was done. This route takes ${accepted.join(', ')}.`,
      { unknown, accepted },
    );
  }
  const repeated = [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))];
  if (repeated.length) {
    throw new DomainError(422, `${repeated.join(', ')}: given more than once; send each query parameter once.`, { repeated });
  }
}
