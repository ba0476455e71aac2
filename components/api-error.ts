// What the browser's pages say when a call to Slant's API fails. The API's own messages are
// written for every client, API scripts included ("send an API token..."); someone in the browser
// whose session has ended needs to hear that they are signed out, and where to sign in again.

/** A failed call: the HTTP status (0 when no answer came) and the message to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** No answer came at all: the request failed on its way (the network, a server that is down). */
    readonly unreachable = false,
  ) {
    super(message);
  }

  /** A request that got no answer. */
  static noAnswer(): ApiError {
    return new ApiError(0, UNREACHABLE_MESSAGE, true);
  }

  /** The session has ended (it expired, the person signed out elsewhere, or an admin deactivated the account). */
  get signedOut(): boolean {
    return this.status === 401;
  }
}

export const SIGNED_OUT_MESSAGE = 'You are signed out: your session has ended.';
export const UNREACHABLE_MESSAGE = 'The server could not be reached.';

/** The error for an answer that is not ok: the server's own message, except for a 401. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  if (response.status === 401) return new ApiError(401, SIGNED_OUT_MESSAGE);
  const payload = (await response.json().catch(() => null)) as { error?: unknown } | null;
  const message = typeof payload?.error === 'string' && payload.error ? payload.error : `The server answered ${response.status}.`;
  return new ApiError(response.status, message);
}

/** Any failure as an ApiError (status 0 for one that is not an answer of the server). */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, error instanceof Error ? error.message : String(error));
}

/**
 * The message for a change that failed on a page that saves each change as it is made (the
 * review board): the server's reason, or what was not saved and what to do.
 */
export function changeFailureMessage(error: ApiError): string {
  if (error.signedOut) return `${SIGNED_OUT_MESSAGE} The change was not saved. Sign in again in another tab, then try once more.`;
  if (error.unreachable) return `${UNREACHABLE_MESSAGE} The change was not saved.`;
  return error.message;
}

/** Where to sign in again and come back to `path` (a path on this site) afterwards. */
export function signInAgainHref(path: string): string {
  return `/login?callbackUrl=${encodeURIComponent(path)}`;
}
