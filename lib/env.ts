import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './auth/password';
import { hasVisibleText } from './visible-text';

// The variables the app (the Next server) reads, parsed once. Not every variable Slant reads:
// - DATABASE_POOL_SIZE is read where the PostgreSQL client is made (lib/database/client.ts), by
//   `databasePoolSize` below;
// - PORT is read by the start scripts (scripts/start.ts; `npm run serve` through
//   lib/deploy/instance-config.ts, which also reads SLANT_MIGRATE_ON_START);
// - the tests and development scripts read their own (CHROMIUM_PATH, E2E_PORT, PG_BIN, ...).
// `.env.example` documents the app's and the start scripts'; README.md ("Configuration", "Tests")
// documents them all.
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'DATABASE_URL must start with file: (SQLite) or postgresql://')
    .default('file:./data/slant.db'),
  NEXTAUTH_SECRET: z.string().min(1).optional(),
  NEXTAUTH_URL: z
    .string()
    .url({ error: (issue) => `NEXTAUTH_URL must be a whole URL such as https://slant.example.org, not ${JSON.stringify(issue.input)}.` })
    .optional(),
  // The demo users are users: their password follows the rule for everyone's.
  DEMO_PASSWORD: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `DEMO_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters: the demo users sign in with it.`)
    // Said only of a long enough one: a short one has heard what is wrong with it.
    .refine((v) => v.length < MIN_PASSWORD_LENGTH || hasVisibleText(v), 'DEMO_PASSWORD needs characters other than spaces: the demo users sign in with it.')
    .default('demo-password'),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export type EnvProblem = { variable: string; message: string };

/**
 * Every variable of `vars` that `env()` would refuse, with why. The start scripts check these
 * before anything starts: the app reads its environment at its first request, and a refusal then
 * fails every request.
 */
export function envProblems(vars: Record<string, string | undefined>): EnvProblem[] {
  const parsed = envSchema.safeParse(vars);
  return parsed.success ? [] : problemsOf(parsed.error);
}

const problemsOf = (error: z.ZodError): EnvProblem[] => error.issues.map((i) => ({ variable: i.path.join('.'), message: i.message }));

/** Why DEMO_PASSWORD (undefined: unset, so the default) cannot be the demo users' password, or null. */
export function demoPasswordProblem(value: string | undefined): string | null {
  const parsed = envSchema.shape.DEMO_PASSWORD.safeParse(value);
  return parsed.success ? null : parsed.error.issues[0].message;
}

/** Why DATABASE_POOL_SIZE (undefined: unset, so 10) is not a number of connections, or null. */
export function poolSizeProblem(value: string | undefined): string | null {
  const size = Number(value ?? 10);
  return Number.isInteger(size) && size >= 1 ? null : `DATABASE_POOL_SIZE must be a whole number of connections, not "${value}".`;
}

/** PostgreSQL connections per app instance: DATABASE_POOL_SIZE, default 10. Throws on anything else. */
export function databasePoolSize(value: string | undefined): number {
  const problem = poolSizeProblem(value);
  if (problem) throw new Error(problem);
  return Number(value ?? 10);
}

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = problemsOf(parsed.error).map((p) => `${p.variable}: ${p.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}
