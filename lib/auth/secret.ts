// Values people paste from examples; a session secret anyone can guess lets anyone forge sessions.
const KNOWN_DEFAULTS = new Set(['secret', 'changeme', 'change-me', 'change_me', 'nextauth_secret', 'your-secret', 'your_secret_here', 'development', 'test']);

export const MIN_SECRET_LENGTH = 32;

/** Why a configured NEXTAUTH_SECRET must not be used, or null when it is acceptable. */
export function secretProblem(secret: string | undefined): string | null {
  if (secret === undefined) return null; // unset: the start script generates one under data/
  const value = secret.trim();
  if (!value) return 'NEXTAUTH_SECRET is set but empty. Unset it (a random one is generated under data/) or set a long random value.';
  if (KNOWN_DEFAULTS.has(value.toLowerCase())) return `NEXTAUTH_SECRET is the well-known placeholder "${value}". Set a long random value, e.g. \`openssl rand -base64 32\`.`;
  if (value.length < MIN_SECRET_LENGTH) return `NEXTAUTH_SECRET is ${value.length} characters long; use at least ${MIN_SECRET_LENGTH} random characters.`;
  return null;
}
