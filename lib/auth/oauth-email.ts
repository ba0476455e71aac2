// Which e-mail address an OAuth sign-in may be matched on: only one the provider says its owner
// has verified. Otherwise anyone could add an admin's address, unverified, to a new account at the
// provider and sign in to Slant as that admin.

type Fetch = (url: string, init: { headers: Record<string, string> }) => Promise<{ ok: boolean; json(): Promise<unknown> }>;

export type OAuthSignIn = {
  provider: string;
  /** The address next-auth took from the provider's profile. */
  email: string | null | undefined;
  /** The provider's raw profile (Google's carries `email_verified`). */
  profile: unknown;
  accessToken: string | undefined;
};

/** The verified address to look the Slant user up by, lower-cased, or null when there is none. */
export async function verifiedOAuthEmail(signIn: OAuthSignIn, fetchJson: Fetch = fetch): Promise<string | null> {
  const email = signIn.email?.trim().toLowerCase();
  if (!email) return null;
  if (signIn.provider === 'google') {
    const verified = (signIn.profile as { email_verified?: unknown } | null)?.email_verified;
    return verified === true || verified === 'true' ? email : null;
  }
  if (signIn.provider === 'github') {
    // A GitHub profile's address may be the account's primary one, which need not be verified:
    // ask GitHub (the default scope includes user:email).
    if (!signIn.accessToken) return null;
    try {
      const response = await fetchJson('https://api.github.com/user/emails', {
        headers: { Authorization: `Bearer ${signIn.accessToken}`, Accept: 'application/vnd.github+json', 'User-Agent': 'Slant' },
      });
      if (!response.ok) return null;
      const emails = await response.json();
      if (!Array.isArray(emails)) return null;
      const match = emails.find((e: { email?: unknown; verified?: unknown }) => typeof e?.email === 'string' && e.email.toLowerCase() === email);
      return match?.verified === true ? email : null;
    } catch {
      return null;
    }
  }
  return null;
}
