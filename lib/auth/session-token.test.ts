import { createRequire } from 'node:module';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { describe, expect, it, vi } from 'vitest';
import { createSessionReader, SESSION_MAX_AGE_S, sessionCookieName, sessionEnd, sessionStillValid, sessionTokenFrom } from './session-token';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const HOUR = 3600;

// next-auth's own cookie handling (not in its exports map): the names and the chunk store.
const nextAuthCookies = createRequire(import.meta.url)(
  path.resolve(import.meta.dirname, '..', '..', 'node_modules', 'next-auth', 'core', 'lib', 'cookie.js'),
) as {
  defaultCookies: (secure: boolean) => { sessionToken: { name: string } };
  SessionStore: new (option: { name: string; options: object }, req: { cookies: Record<string, string>; headers: object }, logger: object) => { value: string };
};

const nowS = () => Math.floor(Date.now() / 1000);
const session = (uid: string, maxAge = HOUR, signedInAt = nowS()) =>
  encode({ token: { uid, name: 'Ann', email: 'ann@example.org', signedInAt }, secret: SECRET, maxAge });

describe('reading the session cookie', () => {
  it('uses next-auth’s cookie names, plain and __Secure-', () => {
    for (const secure of [false, true]) expect(sessionCookieName(secure)).toBe(nextAuthCookies.defaultCookies(secure).sessionToken.name);
  });

  it('puts a chunked token back together in chunk order, as next-auth does', () => {
    const name = sessionCookieName(false);
    const cookies = [
      { name: `${name}.2`, value: 'C' },
      { name: 'other', value: 'x' },
      { name: `${name}.0`, value: 'A' },
      { name: `${name}.10`, value: 'D' },
      { name: `${name}.1`, value: 'B' },
    ];
    const store = new nextAuthCookies.SessionStore({ name, options: {} }, { cookies: Object.fromEntries(cookies.map((c) => [c.name, c.value])), headers: {} }, console);
    expect(sessionTokenFrom(cookies, name)).toBe('ABCD');
    expect(sessionTokenFrom(cookies, name)).toBe(store.value);
    expect(sessionTokenFrom([{ name, value: 'whole' }], name)).toBe('whole');
    expect(sessionTokenFrom([{ name: 'other', value: 'x' }], name)).toBeNull();
  });
});

describe('the session reader', () => {
  it('answers the user id of a token next-auth issued', async () => {
    const read = createSessionReader({ secret: SECRET });
    expect((await read(await session('user-1')))?.uid).toBe('user-1');
    expect(await read(null)).toBeNull();
  });

  it('refuses a tampered token, a token made with another secret and garbage', async () => {
    const read = createSessionReader({ secret: SECRET });
    const token = await session('user-1');
    const parts = token.split('.');
    const flipped = parts[3][5] === 'A' ? 'B' : 'A';
    parts[3] = parts[3].slice(0, 5) + flipped + parts[3].slice(6);
    expect(await read(parts.join('.'))).toBeNull();
    expect(await read(await encode({ token: { uid: 'user-1' }, secret: 'another-secret-0123456789-0123456789' }))).toBeNull();
    expect(await read('not-a-token')).toBeNull();
  });

  it('refuses an expired token, also one it has read before (15 s of clock tolerance, as next-auth)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const read = createSessionReader({ secret: SECRET });
      const token = await session('user-1', 60);
      const exp = Math.floor(Date.now() / 1000) + 60;
      expect((await read(token))?.uid).toBe('user-1');
      vi.setSystemTime((exp + 14) * 1000);
      expect((await read(token))?.uid).toBe('user-1');
      vi.setSystemTime((exp + 15) * 1000);
      expect(await read(token)).toBeNull();
      // Forgotten, and decrypting it again fails the same way.
      expect(await read(token)).toBeNull();
      // A fresh reader that never saw it agrees.
      expect(await createSessionReader({ secret: SECRET })(token)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('decrypts a token once, then remembers its claims; a bounded number of tokens', async () => {
    const decodeToken = vi.fn(async (args: { token?: string; secret: string | Buffer }) => ({ uid: args.token!.slice(0, 6), signedInAt: nowS(), exp: nowS() + HOUR }));
    const read = createSessionReader({ secret: SECRET, maxEntries: 2, decodeToken: decodeToken as never });
    expect((await read('user-1-token'))?.uid).toBe('user-1');
    expect((await read('user-1-token'))?.uid).toBe('user-1');
    expect(decodeToken).toHaveBeenCalledTimes(1);
    await read('user-2-token');
    await read('user-3-token');
    // The oldest entry made room: reading it again decrypts again.
    await read('user-1-token');
    expect(decodeToken).toHaveBeenCalledTimes(4);
  });

  it('does not remember failures: a token that fails to decrypt is tried again', async () => {
    const decodeToken = vi.fn(async () => {
      throw new Error('bad');
    });
    const read = createSessionReader({ secret: SECRET, decodeToken: decodeToken as never });
    expect(await read('x')).toBeNull();
    expect(await read('x')).toBeNull();
    expect(decodeToken).toHaveBeenCalledTimes(2);
  });
});

describe('a session after a password change or a deactivation', () => {
  it('counts only while it carries the epoch the user has now', () => {
    expect(sessionStillValid(0, { uid: 'u', epoch: 0 })).toBe(true);
    expect(sessionStillValid(1, { uid: 'u', epoch: 0 })).toBe(false);
    expect(sessionStillValid(3, { uid: 'u', epoch: 3 })).toBe(true);
  });

  it('reads the epoch a session began in (0 for a token from before epochs), and nothing for a token without a user', async () => {
    const read = createSessionReader({ secret: SECRET });
    const signedInAt = nowS();
    expect(await read(await encode({ token: { uid: 'user-1', epoch: 4, signedInAt }, secret: SECRET }))).toEqual({ uid: 'user-1', epoch: 4 });
    expect(await read(await encode({ token: { uid: 'user-1', signedInAt }, secret: SECRET }))).toEqual({ uid: 'user-1', epoch: 0 });
    expect(await read(await encode({ token: { name: 'x', signedInAt }, secret: SECRET }))).toBeNull();
  });
});

describe('a session ends 12 hours after its sign-in, however often it was refreshed', () => {
  it('ends at the earlier of the sign-in’s end and the token’s expiry', () => {
    expect(SESSION_MAX_AGE_S).toBe(12 * HOUR);
    expect(sessionEnd({ signedInAt: 1000, exp: 1000 + HOUR })).toBe(1000 + HOUR);
    expect(sessionEnd({ signedInAt: 1000, exp: 1000 + 20 * HOUR })).toBe(1000 + 12 * HOUR);
    expect(sessionEnd({ signedInAt: 1000 })).toBe(1000 + 12 * HOUR);
    expect(sessionEnd({ exp: 1000 })).toBeNull();
    expect(sessionEnd({ signedInAt: '1000', exp: 5000 })).toBeNull();
  });

  it('refuses a token next-auth refreshed to a new expiry when its sign-in is 12 hours old', async () => {
    const read = createSessionReader({ secret: SECRET });
    // What /api/auth/session hands back: the same claims with an expiry 12 hours from now.
    const refreshed = await session('user-1', 12 * HOUR, nowS() - 12 * HOUR - 16);
    expect(await read(refreshed)).toBeNull();
    const younger = await session('user-1', 12 * HOUR, nowS() - 11 * HOUR);
    expect((await read(younger))?.uid).toBe('user-1');
  });

  it('refuses a token without a sign-in time (issued before it was recorded)', async () => {
    const read = createSessionReader({ secret: SECRET });
    expect(await read(await encode({ token: { uid: 'user-1', epoch: 0 }, secret: SECRET }))).toBeNull();
  });

  it('forgets a remembered token once its sign-in has ended, though its expiry is later', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const read = createSessionReader({ secret: SECRET });
      const signedInAt = nowS() - 11 * HOUR;
      const token = await session('user-1', 12 * HOUR, signedInAt);
      expect((await read(token))?.uid).toBe('user-1');
      vi.setSystemTime((signedInAt + 12 * HOUR + 14) * 1000);
      expect((await read(token))?.uid).toBe('user-1');
      vi.setSystemTime((signedInAt + 12 * HOUR + 15) * 1000);
      expect(await read(token)).toBeNull();
      expect(await createSessionReader({ secret: SECRET })(token)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
