import { describe, expect, it } from 'vitest';
import { ApiError, SIGNED_OUT_MESSAGE } from '../api-error';
import { saveFailure, statusFailure } from './save-failure';

describe('saveFailure', () => {
  it("gives the server's reason and says the page now shows what is saved", () => {
    expect(saveFailure(new ApiError(409, 'This span was changed by someone else.'), { notSent: 0, reloaded: true })).toEqual({
      message: 'This span was changed by someone else. The page now shows what is saved.',
      signedOut: false,
      // Refused for the state of things: the page reloads its data too.
      conflict: true,
    });
    expect(saveFailure(new ApiError(404, 'No such span.'), { notSent: 0, reloaded: true }).conflict).toBeUndefined();
  });

  it('does not say twice that the page shows the current state, when the server already said so', () => {
    const reason = 'This span was changed elsewhere meanwhile, in another tab or by someone else (you had an older version; the current one is 3). The page now shows the current state.';
    expect(saveFailure(new ApiError(409, reason), { notSent: 0, reloaded: true }).message).toBe(reason);
  });

  it('counts the changes queued behind the failed one, which were not sent', () => {
    expect(saveFailure(new ApiError(404, 'No such span.'), { notSent: 1, reloaded: true }).message).toBe(
      'No such span. Nor was the change made after it. The page now shows what is saved.',
    );
    expect(saveFailure(new ApiError(404, 'No such span.'), { notSent: 3, reloaded: true }).message).toBe(
      'No such span. Nor were the 3 changes made after it. The page now shows what is saved.',
    );
  });

  it('says the change was not saved when the server could not be reached, and to reload when what is saved could not be read', () => {
    expect(saveFailure(ApiError.noAnswer(), { notSent: 0, reloaded: false }).message).toBe(
      'The server could not be reached: your change was not saved. The page shows what was saved before it; reload the page before you go on.',
    );
  });

  it('says a signed-out person is signed out, and to sign in again', () => {
    const failure = saveFailure(new ApiError(401, SIGNED_OUT_MESSAGE), { notSent: 2, reloaded: false });
    expect(failure.signedOut).toBe(true);
    expect(failure.message).toBe(
      'You are signed out (your session has ended): your change was not saved. Nor were the 2 changes made after it. The page shows what was saved before it. Sign in again to go on.',
    );
  });
});

describe('statusFailure', () => {
  it("says what did not happen when signed out or unreachable, and gives the server's reason otherwise", () => {
    expect(statusFailure(new ApiError(401, SIGNED_OUT_MESSAGE), 'submit')).toEqual({
      message: 'You are signed out (your session has ended): the article was not submitted. Sign in again to go on.',
      signedOut: true,
    });
    expect(statusFailure(ApiError.noAnswer(), 'reopen').message).toBe('The server could not be reached: the article was not reopened. Try again.');
    expect(statusFailure(new ApiError(409, 'A reviewer has judged spans of this article, so it stays submitted.'), 'reopen')).toEqual({
      message: 'A reviewer has judged spans of this article, so it stays submitted.',
      signedOut: false,
      conflict: true,
    });
    expect(statusFailure(new ApiError(422, 'Unknown action.'), 'submit')).toEqual({ message: 'Unknown action.', signedOut: false });
  });
});
