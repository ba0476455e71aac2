import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/*
 * Ids for rows a bulk import writes itself, in the form Prisma's `@default(cuid())` gives the rest
 * (25 characters: "c", time, counter, host fingerprint, random). Time and counter come first, so
 * ids made one after another sort in the order they were made (unless the counter wraps within a
 * millisecond), as Prisma's do: the audit trail orders events of one instant by id.
 */

const COUNTER_SPACE = 36 ** 4;
const RANDOM_SPACE = 36 ** 8;

function fingerprint(): string {
  let sum = 0;
  for (const ch of hostname()) sum = (sum * 31 + ch.charCodeAt(0)) % COUNTER_SPACE;
  const pid = (process.pid % 36 ** 2).toString(36).padStart(2, '0');
  const host = (sum % 36 ** 2).toString(36).padStart(2, '0');
  return pid + host;
}

const FINGERPRINT = fingerprint();
let counter = randomBytes(4).readUInt32BE() % COUNTER_SPACE;

/** The random part, a last guard: as in cuid, uniqueness rests on time, counter and fingerprint. */
function randomBlock(): string {
  return Math.floor(Math.random() * RANDOM_SPACE)
    .toString(36)
    .padStart(8, '0');
}

export function newRowId(): string {
  counter = (counter + 1) % COUNTER_SPACE;
  return `c${Date.now().toString(36).padStart(8, '0')}${counter.toString(36).padStart(4, '0')}${FINGERPRINT}${randomBlock()}`;
}
