import { plural } from '../plural';
import { MAX_ARTICLES_PER_SAVE } from './limits';

/**
 * What the project page says after an import sent it there with `?imported=N`: how many articles
 * arrived, and where they are. Anything but a count one save can make says nothing.
 */
export function importedNotice(raw: string | string[] | undefined): string | null {
  if (typeof raw !== 'string' || !/^[1-9]\d{0,3}$/.test(raw)) return null;
  const count = Number(raw);
  if (count > MAX_ARTICLES_PER_SAVE) return null;
  return `${plural(count, 'article')} imported: ${count === 1 ? 'it is' : 'they are'} at the end of the queue.`;
}
