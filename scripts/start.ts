// `npm start`: migrate, seed the demo on an empty database, build when stale, serve.
import { secretProblem } from '../lib/auth/secret';
import { envProblems, poolSizeProblem } from '../lib/env';
import { databaseUrlFromEnv, demoSignInText, ensureBuild, ensureSecret, loadDotEnv, prepareDatabase, serve } from './lib/setup';

loadDotEnv();
const problems: string[] = [];
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65535) problems.push(`PORT must be a port number, not "${process.env.PORT}".`);
const secretIssue = secretProblem(process.env.NEXTAUTH_SECRET);
if (secretIssue) problems.push(secretIssue);
// What the app would refuse at its first request (a short DEMO_PASSWORD, a NEXTAUTH_URL that is no
// URL) is refused here, before anything is seeded; secretProblem has said more about the secret.
problems.push(...envProblems(process.env).filter((p) => p.variable !== 'NEXTAUTH_SECRET').map((p) => p.message));
const poolSize = poolSizeProblem(process.env.DATABASE_POOL_SIZE);
if (poolSize) problems.push(poolSize);
if (problems.length) {
  console.error(`Slant will not start: ${problems.length === 1 ? problems[0] : `\n${problems.map((p) => `  - ${p}`).join('\n')}`}`);
  process.exit(2);
}
const databaseUrl = databaseUrlFromEnv();
const demoPassword = process.env.DEMO_PASSWORD ?? 'demo-password';
const url = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;

let signIns: string;
try {
  await prepareDatabase({ databaseUrl, seed: true, demoPassword });
  signIns = await demoSignInText({ url, databaseUrl, password: demoPassword });
  ensureBuild();
} catch (error) {
  console.error(`Slant could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
console.log(signIns);
process.exit(
  await serve({
    port,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: ensureSecret(),
    },
  }),
);
