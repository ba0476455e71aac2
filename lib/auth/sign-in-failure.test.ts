import { describe, expect, it } from 'vitest';
import { signInFailure } from './sign-in-failure';

describe('a failed sign-in', () => {
  it('blames what was typed only when next-auth says the credentials were wrong', () => {
    expect(signInFailure('CredentialsSignin')).toEqual({ message: 'The email or password is not right.', credentials: true });
    expect(signInFailure('RATE_LIMITED')).toEqual({ message: 'Too many sign-in attempts. Wait 15 minutes and try again.', credentials: false });
    // authorize threw (SQLite busy for longer than its timeout, PostgreSQL down), or no answer came.
    for (const error of ['SQLITE_BUSY: database is locked', 'connect ECONNREFUSED 127.0.0.1:5432', 'NO_ANSWER', undefined, null]) {
      expect(signInFailure(error)).toEqual({ message: 'The server could not check your sign-in just now. Try again in a moment.', credentials: false });
    }
  });
});
