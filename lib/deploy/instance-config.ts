import { secretProblem } from '../auth/secret';
import { engineOf } from '../database/engine';

/**
 * What one production instance (`npm run serve`) needs from its environment. Unlike the demo
 * (`npm start`), nothing is generated or kept on local disk: every instance behind the load
 * balancer must get the same secret and database, so each must be given them.
 */
export type InstanceConfig = { port: number; databaseUrl: string; nextAuthUrl: string; secret: string; migrate: boolean };

export function instanceConfig(env: Record<string, string | undefined>): { config: InstanceConfig } | { problems: string[] } {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) problems.push(`PORT must be a port number, not "${env.PORT}".`);
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!databaseUrl) problems.push('DATABASE_URL is not set: give every instance the same database (postgresql://… for several instances).');
  else {
    try {
      engineOf(databaseUrl);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const secret = env.NEXTAUTH_SECRET;
  if (secret === undefined) problems.push('NEXTAUTH_SECRET is not set: every instance must share one long random secret, or sessions from one are refused by the others.');
  else {
    const problem = secretProblem(secret);
    if (problem) problems.push(problem);
  }
  const nextAuthUrl = env.NEXTAUTH_URL ?? '';
  if (!/^https?:\/\//.test(nextAuthUrl)) problems.push('NEXTAUTH_URL must be the public address users open (e.g. https://slant.example.org).');
  const migrate = (env.SLANT_MIGRATE_ON_START ?? 'true').toLowerCase();
  if (migrate !== 'true' && migrate !== 'false') problems.push(`SLANT_MIGRATE_ON_START must be true or false, not "${env.SLANT_MIGRATE_ON_START}".`);
  if (problems.length) return { problems };
  return { config: { port, databaseUrl, nextAuthUrl, secret: secret!, migrate: migrate === 'true' } };
}
