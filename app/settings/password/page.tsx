import { ActionForm } from '@/components/action-form';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { NO_PASSWORD_YET } from '@/lib/users/service';
import { changePasswordAction } from './actions';

export const metadata = { title: 'Password' };

export default async function PasswordPage() {
  const user = await requirePageUser({ next: '/settings/password' });
  const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  return (
    <section className="stack">
      <h1>Password</h1>
      <p className="muted">
        Changing your password signs you out everywhere, here too: anyone who knew the old one loses access at once. Then sign in with the new one. Your API
        tokens keep working; revoke them under API tokens if they may have leaked too.
      </p>
      {passwordHash ? (
        <div className="card narrow">
          <ActionForm action={changePasswordAction} submitLabel="Change password">
            {/* The e-mail lets a password manager store the new password under the right account. */}
            <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
            <label>
              Current password
              <input name="current" type="password" required autoComplete="current-password" />
            </label>
            <label>
              New password
              <input name="password" type="password" minLength={MIN_PASSWORD_LENGTH} required autoComplete="new-password" />
            </label>
            <label>
              New password again
              <input name="confirm" type="password" minLength={MIN_PASSWORD_LENGTH} required autoComplete="new-password" />
            </label>
          </ActionForm>
        </div>
      ) : (
        <p className="banner info">{NO_PASSWORD_YET}</p>
      )}
    </section>
  );
}
