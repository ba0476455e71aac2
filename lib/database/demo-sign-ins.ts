import { verifyPassword } from '../auth/password';
import type { Db } from './client';
import { DEMO_USERS } from './seed';

export type DemoSignIn = { email: string; role: string };

/**
 * The demo users someone could sign in as with `password` (DEMO_PASSWORD) right now, and the ones
 * still active whose password is another: DEMO_PASSWORD sets the password only when an empty
 * database is first seeded, so a later change of it, or a password a user changed, leaves them
 * with another. Deactivated demo users are in neither list. E-mail and role as they are now.
 */
export async function demoSignIns(db: Db, password: string): Promise<{ usable: DemoSignIn[]; otherPassword: DemoSignIn[] }> {
  const users = await db.user.findMany({
    where: { id: { in: DEMO_USERS.map((u) => u.id) }, deletedAt: null },
    select: { id: true, email: true, role: true, passwordHash: true },
  });
  const order = (id: string) => DEMO_USERS.findIndex((u) => u.id === id);
  users.sort((a, b) => order(a.id) - order(b.id));
  // Checked side by side (scrypt runs on the thread pool): this is on `npm start`'s way to serving.
  const matches = await Promise.all(users.map((u) => (u.passwordHash === null ? false : verifyPassword(password, u.passwordHash))));
  const signIn = (u: (typeof users)[number]) => ({ email: u.email, role: u.role });
  return { usable: users.filter((_, i) => matches[i]).map(signIn), otherPassword: users.filter((_, i) => !matches[i]).map(signIn) };
}

/**
 * What `npm start` prints before it serves: the demo sign-ins only when they work, with the
 * password only when it is theirs, and why the others do not take DEMO_PASSWORD.
 */
export function demoSignInLines(options: { url: string; password: string; usable: DemoSignIn[]; otherPassword: DemoSignIn[] }): string[] {
  const lines = ['', `Slant is running on ${options.url}`];
  const list = (users: DemoSignIn[]) => users.map((u) => `  ${u.email.padEnd(22)} ${u.role}`);
  if (options.usable.length) lines.push(`Demo sign-ins (password: ${options.password}):`, ...list(options.usable));
  if (options.otherPassword.length) {
    lines.push(
      `Demo users with another password (DEMO_PASSWORD sets it only when an empty database is first seeded; a user may have changed theirs since):`,
      ...list(options.otherPassword),
    );
  }
  lines.push('');
  return lines;
}
