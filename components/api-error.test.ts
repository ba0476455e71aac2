import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorOf, asApiError, changeFailureMessage, SIGNED_OUT_MESSAGE, signInAgainHref, UNREACHABLE_MESSAGE } from './api-error';

const answer = (status: number, body: string, type = 'application/json') => new Response(body, { status, headers: { 'content-type': type } });

describe('apiErrorOf', () => {
  it("keeps the server's own message and status", async () => {
    const error = await apiErrorOf(answer(409, JSON.stringify({ error: 'This span was changed by someone else.', details: null })));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(409);
    expect(error.message).toBe('This span was changed by someone else.');
    expect(error.signedOut).toBe(false);
  });

  it("says a 401 means the session has ended, instead of the API's advice about tokens", async () => {
    const error = await apiErrorOf(answer(401, JSON.stringify({ error: 'Sign in first, or send an API token as "Authorization: Bearer <token>".' })));
    expect(error.message).toBe(SIGNED_OUT_MESSAGE);
    expect(error.signedOut).toBe(true);
  });

  it('names the status when the answer carries no message (a proxy page, an empty body)', async () => {
    expect((await apiErrorOf(answer(502, '<html>Bad gateway</html>', 'text/html'))).message).toBe('The server answered 502.');
    expect((await apiErrorOf(answer(500, JSON.stringify({ error: '' })))).message).toBe('The server answered 500.');
    expect((await apiErrorOf(answer(500, JSON.stringify({ error: { nested: true } })))).message).toBe('The server answered 500.');
  });
});

describe('asApiError', () => {
  it('passes an ApiError through and turns anything else into status 0 with its message', () => {
    const known = new ApiError(404, 'No such span.');
    expect(asApiError(known)).toBe(known);
    expect(asApiError(new TypeError('boom'))).toMatchObject({ status: 0, message: 'boom', signedOut: false, unreachable: false });
    // Only a request that got no answer is unreachable, whatever another error's text says.
    expect(asApiError(new Error(UNREACHABLE_MESSAGE)).unreachable).toBe(false);
    expect(ApiError.noAnswer()).toMatchObject({ status: 0, message: UNREACHABLE_MESSAGE, unreachable: true });
    expect(asApiError('odd')).toMatchObject({ status: 0, message: 'odd' });
  });
});

describe('signInAgainHref', () => {
  it('comes back to the page after signing in', () => {
    expect(signInAgainHref('/projects/p 1/articles/a?b')).toBe('/login?callbackUrl=%2Fprojects%2Fp%201%2Farticles%2Fa%3Fb');
  });
});

describe('changeFailureMessage', () => {
  it('says what was not saved when signed out or unreachable, and passes the server reason on', () => {
    expect(changeFailureMessage(new ApiError(401, SIGNED_OUT_MESSAGE))).toBe(
      'You are signed out: your session has ended. The change was not saved. Sign in again in another tab, then try once more.',
    );
    expect(changeFailureMessage(ApiError.noAnswer())).toBe('The server could not be reached. The change was not saved.');
    expect(changeFailureMessage(new ApiError(409, 'Someone else judged this span meanwhile.'))).toBe('Someone else judged this span meanwhile.');
  });
});
