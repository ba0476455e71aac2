import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/*
 * Ids for rows a bulk import writes itself, in the form Prisma's `@default(cuid())` gives the rest
 * (25 characters: "c", time, counter, host fingerprint, random). Time and counter come first, and
 * the pair only grows, so ids made one after another sort in the order they were made, as
 * Prisma's do: the audit trail orders events of one instant by id.
 */

export const COUNTER_SPACE = 36 ** 4;

function fingerprint(): string {
  let sum = 0;
  for (const ch of hostname()) sum = (sum * 31 + ch.charCodeAt(0)) % COUNTER_SPACE;
  const pid = (process.pid % 36 ** 2).toString(36).padStart(2, '0');
  const host = (sum % 36 ** 2).toString(36).padStart(2, '0');
  return pid + host;
}

const FINGERPRINT = fingerprint();

/** Every two-character base-36 string, "00" to "zz": ids are put together from these. */
const PAIRS = Array.from({ length: 36 * 36 }, (_, n) => n.toString(36).padStart(2, '0'));

/** The random part is a last guard: as in cuid, uniqueness rests on time, counter and fingerprint. */
const randomPair = () => PAIRS[Math.floor(Math.random() * PAIRS.length)]!;

/** An id maker; `counter` is where its counter starts (random by default). */
export function rowIdMaker(counter: number = randomBytes(4).readUInt32BE() % COUNTER_SPACE): () => string {
  let time = 0;
  let timePart = '';
  return () => {
    let next = Math.max(Date.now(), time);
    counter = (counter + 1) % COUNTER_SPACE;
    // The counter starts over: move on a millisecond, so the next id still sorts after the last.
    if (counter === 0) next = Math.max(next, time + 1);
    if (next !== time) {
      time = next;
      timePart = time.toString(36).padStart(8, '0');
    }
    return `c${timePart}${PAIRS[Math.floor(counter / 1296)]}${PAIRS[counter % 1296]}${FINGERPRINT}${randomPair()}${randomPair()}${randomPair()}${randomPair()}`;
  };
}

export const newRowId = rowIdMaker();
