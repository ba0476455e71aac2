/**
 * Why a sign-in failed, as the person should read it, and whether it is about what they typed.
 * Only next-auth's CredentialsSignin means a wrong e-mail or password; anything else is the server
 * failing to check them (a database busy with a big import, or down, or no answer at all), and
 * saying "wrong password" then would have people retype a right one.
 */
export function signInFailure(error: string | null | undefined): { message: string; credentials: boolean } {
  if (error === 'CredentialsSignin') return { message: 'The email or password is not right.', credentials: true };
  if (error === 'RATE_LIMITED') return { message: 'Too many sign-in attempts. Wait 15 minutes and try again.', credentials: false };
  return { message: 'The server could not check your sign-in just now. Try again in a moment.', credentials: false };
}
