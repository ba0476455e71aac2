import { secretProblem } from '../auth/secret';
import { engineOf } from '../database/engine';
import { envProblems, poolSizeProblem } from '../env';

/**
 * What one production instance (`npm run serve`) needs from its environment. Unlike the demo
 * (`npm start`), nothing is generated or kept on local disk: every instance behind the load
 * balancer must get the same secret and database, so each must be given them.
 */
export type InstanceConfig = { port: number; databaseUrl: string; nextAuthUrl: string; secret: string; migrate: boolean };

/**
 * The configuration, or every problem with it at once. Besides what serve itself needs, it holds
 * the environment to the app's own rules (`envProblems`, the pool size): a value the app refuses
 * would otherwise pass here and fail every request once the server runs.
 */
export function instanceConfig(env: Record<string, string | undefined>): { config: InstanceConfig } | { problems: string[] } {
  const problems: string[] = [];
  // Variables with a problem named already: the app's rules add only what is not said yet.
  const named = new Set<string>();
  const problem = (variable: string, message: string) => {
    named.add(variable);
    problems.push(message);
  };
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) problem('PORT', `PORT must be a port number, not "${env.PORT}".`);
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!databaseUrl) problem('DATABASE_URL', 'DATABASE_URL is not set: give every instance the same database (postgresql://… for several instances).');
  else {
    try {
      engineOf(databaseUrl);
    } catch (error) {
      problem('DATABASE_URL', (error as Error).message);
    }
  }
  const poolSize = poolSizeProblem(env.DATABASE_POOL_SIZE);
  if (poolSize) problem('DATABASE_POOL_SIZE', poolSize);
  const secret = env.NEXTAUTH_SECRET;
  if (secret === undefined) problem('NEXTAUTH_SECRET', 'NEXTAUTH_SECRET is not set: every instance must share one long random secret, or sessions from one are refused by the others.');
  else {
    const secretIssue = secretProblem(secret);
    if (secretIssue) problem('NEXTAUTH_SECRET', secretIssue);
  }
  const nextAuthUrl = env.NEXTAUTH_URL ?? '';
  if (!/^https?:\/\//.test(nextAuthUrl)) problem('NEXTAUTH_URL', 'NEXTAUTH_URL must be the public address users open (e.g. https://slant.example.org).');
  const migrate = (env.SLANT_MIGRATE_ON_START ?? 'true').toLowerCase();
  if (migrate !== 'true' && migrate !== 'false') problem('SLANT_MIGRATE_ON_START', `SLANT_MIGRATE_ON_START must be true or false, not "${env.SLANT_MIGRATE_ON_START}".`);
  for (const p of envProblems(env)) if (!named.has(p.variable)) problem(p.variable, p.message);
  if (problems.length) return { problems };
  return { config: { port, databaseUrl, nextAuthUrl, secret: secret!, migrate: migrate === 'true' } };
}
