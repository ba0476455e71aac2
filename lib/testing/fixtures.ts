import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The shared fixtures folder beside the checkout: the source of truth for real-world inputs. */
export const SHARED_FIXTURES = path.resolve(ROOT, '..', 'shared', 'fixtures');
/** Byte-for-byte copies kept in the repo, so a clone without ../shared still runs every test. */
export const REPO_FIXTURES = path.join(ROOT, 'fixtures');

/** Path of a real-world fixture: ../shared/fixtures when present, else the repo's identical copy. */
export function fixturePath(name: string): string {
  const shared = path.join(SHARED_FIXTURES, name);
  return existsSync(shared) ? shared : path.join(REPO_FIXTURES, name);
}
