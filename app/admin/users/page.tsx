import Link from 'next/link';
import { ActionForm } from '@/components/action-form';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import { ROLE_NAMES, ROLES } from '@/lib/auth/roles';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { deactivateUserAction } from '../actions';
import { createUserAction, setPasswordAction, setRoleAction } from './actions';

export const metadata = { title: 'Users' };

function RoleSelect({ defaultValue, label }: { defaultValue?: string; label: string }) {
  return (
    <select name="role" defaultValue={defaultValue ?? 'annotator'} aria-label={label}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_NAMES[r]}
        </option>
      ))}
    </select>
  );
}

export default async function UsersPage() {
  const admin = await requirePageUser({ roles: ['admin'], next: '/admin/users' });
  const users = await db.user.findMany({ where: { deletedAt: null }, orderBy: { email: 'asc' } });
  return (
    <section className="stack">
      <h1>Users</h1>
      <table className="list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>
              <span className="visually-hidden">Account</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                {/* recordVersion: the select shows the saved role after a save, instead of being reset to the old one. */}
                <ActionForm action={setRoleAction.bind(null, u.id)} submitLabel="Save role" className="row" recordVersion={u.updatedAt.getTime()}>
                  <RoleSelect defaultValue={u.role} label={`Role of ${u.email}`} />
                  <input type="hidden" name="version" value={u.updatedAt.getTime()} />
                </ActionForm>
              </td>
              <td className="stack">
                {u.id === admin.id ? (
                  <Link href="/settings/password">Change your password</Link>
                ) : (
                  <details>
                    <summary>New password</summary>
                    <ActionForm action={setPasswordAction.bind(null, u.id)} submitLabel="Set password" className="row">
                      <input type="email" name="username" autoComplete="off" value={u.email} readOnly hidden />
                      <input
                        name="password"
                        type="password"
                        minLength={MIN_PASSWORD_LENGTH}
                        required
                        autoComplete="new-password"
                        aria-label={`New password for ${u.email}`}
                      />
                    </ActionForm>
                  </details>
                )}
                {u.id !== admin.id && (
                  <ConfirmActionButton
                    action={deactivateUserAction.bind(null, u.id)}
                    name={u.email}
                    label="Deactivate"
                    question="Sign them out and block their sign-in and tokens?"
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="card narrow">
        <h2>New user</h2>
        <ActionForm action={createUserAction} submitLabel="Create user">
          <label>
            Email
            <input name="email" type="email" required />
          </label>
          <label>
            Name
            <input name="name" maxLength={200} />
          </label>
          <label>
            Role
            <RoleSelect label="Role" />
          </label>
          <label>
            Initial password
            <input name="password" type="password" minLength={MIN_PASSWORD_LENGTH} required autoComplete="new-password" />
          </label>
        </ActionForm>
      </div>
    </section>
  );
}
