import { describe, expect, it, vi } from 'vitest';
import { verifiedOAuthEmail } from './oauth-email';

const answer = (body: unknown, ok = true) => vi.fn(async () => ({ ok, json: async () => body }));

describe('the e-mail an OAuth sign-in is matched on', () => {
  it('is a Google address only when Google says it is verified', async () => {
    const base = { provider: 'google', email: 'Ana@Example.org', accessToken: 't' };
    expect(await verifiedOAuthEmail({ ...base, profile: { email_verified: true } })).toBe('ana@example.org');
    expect(await verifiedOAuthEmail({ ...base, profile: { email_verified: false } })).toBeNull();
    expect(await verifiedOAuthEmail({ ...base, profile: {} })).toBeNull();
  });

  it("is a GitHub address only when GitHub's list of the account's addresses marks it verified", async () => {
    const base = { provider: 'github', email: 'ana@example.org', profile: {}, accessToken: 'gho_x' };
    const verified = answer([{ email: 'other@example.org', verified: true, primary: false }, { email: 'Ana@example.org', verified: true, primary: true }]);
    expect(await verifiedOAuthEmail(base, verified)).toBe('ana@example.org');
    expect(verified).toHaveBeenCalledWith('https://api.github.com/user/emails', expect.objectContaining({ headers: expect.objectContaining({ Authorization: 'Bearer gho_x' }) }));
    expect(await verifiedOAuthEmail(base, answer([{ email: 'ana@example.org', verified: false, primary: true }]))).toBeNull();
    expect(await verifiedOAuthEmail(base, answer([{ email: 'someone@example.org', verified: true }]))).toBeNull();
    expect(await verifiedOAuthEmail(base, answer({ message: 'Bad credentials' }, false))).toBeNull();
    expect(await verifiedOAuthEmail(base, answer('not a list'))).toBeNull();
    const offline = vi.fn(async () => {
      throw new Error('network down');
    });
    expect(await verifiedOAuthEmail(base, offline)).toBeNull();
    expect(await verifiedOAuthEmail({ ...base, accessToken: undefined }, verified)).toBeNull();
  });

  it('is nothing without an address or from another provider', async () => {
    expect(await verifiedOAuthEmail({ provider: 'google', email: null, profile: { email_verified: true }, accessToken: 't' })).toBeNull();
    expect(await verifiedOAuthEmail({ provider: 'gitlab', email: 'a@b.c', profile: { email_verified: true }, accessToken: 't' })).toBeNull();
  });
});
