import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { usesSecureCookies } from './options';

// next-auth's own cookie defaults, the ones it applies to `useSecureCookies` (not in its exports map).
const { defaultCookies } = createRequire(import.meta.url)(
  path.resolve(import.meta.dirname, '..', '..', 'node_modules', 'next-auth', 'core', 'lib', 'cookie.js'),
) as { defaultCookies: (secure: boolean) => { sessionToken: { name: string; options: { secure?: boolean; httpOnly?: boolean; sameSite?: string } } } };

describe('session cookie', () => {
  it('is Secure, __Secure- prefixed, httpOnly and SameSite=Lax under https', () => {
    const { sessionToken } = defaultCookies(usesSecureCookies('https://slant.example.org'));
    expect(sessionToken.name).toBe('__Secure-next-auth.session-token');
    expect(sessionToken.options).toMatchObject({ secure: true, httpOnly: true, sameSite: 'lax' });
  });

  it('is not Secure over plain http (the local demo), so the browser keeps it', () => {
    expect(usesSecureCookies('http://localhost:3000')).toBe(false);
    expect(usesSecureCookies(undefined)).toBe(false);
    expect(defaultCookies(false).sessionToken.options.secure).toBe(false);
  });
});
