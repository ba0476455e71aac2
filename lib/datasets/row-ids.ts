import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/*
 * Ids for rows a bulk import writes itself, in the form Prisma's `@default(cuid())` gives the rest
 * (25 characters: "c", time, counter, host fingerprint, random). Time and counter come first, so
 * ids made one after another sort in the order they were made (the counter wraps only after 1.6
 * million ids), as Prisma's do: the audit trail orders events of one instant by id.
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

/** Random bytes drawn in bulk: a system call per id would cost more than the rest of the id. */
let pool = randomBytes(0);
let offset = 0;

function randomBlock(): string {
  if (offset + 6 > pool.length) {
    pool = randomBytes(6 * 4096);
    offset = 0;
  }
  const value = pool.readUIntBE(offset, 6) % RANDOM_SPACE;
  offset += 6;
  return value.toString(36).padStart(8, '0');
}

export function newRowId(): string {
  counter = (counter + 1) % COUNTER_SPACE;
  return `c${Date.now().toString(36).padStart(8, '0')}${counter.toString(36).padStart(4, '0')}${FINGERPRINT}${randomBlock()}`;
}
