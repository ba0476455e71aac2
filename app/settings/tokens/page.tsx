import { ConfirmActionButton } from '@/components/confirm-action-button';
import { TokenForm } from '@/components/token-form';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { revokeTokenAction } from './actions';

export const metadata = { title: 'API tokens' };

export default async function TokensPage() {
  const user = await requirePageUser({ next: '/settings/tokens' });
  const tokens = await db.apiToken.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'desc' } });
  return (
    <section className="stack">
      <h1>API tokens</h1>
      <p className="muted">
        A token acts as you, with your role, on the HTTP API: send it as <code>Authorization: Bearer &lt;token&gt;</code>. It is shown once and
        stored only as a hash. See docs/api.md.
      </p>
      <TokenForm />
      <table className="list" aria-label="Your tokens">
        <thead>
          <tr>
            <th>Name</th>
            <th>Starts with</th>
            <th>Created</th>
            <th>Last used</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>
                <code>{t.prefix}…</code>
              </td>
              <td>{t.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
              <td>{t.lastUsedAt ? t.lastUsedAt.toISOString().slice(0, 16).replace('T', ' ') : 'never'}</td>
              <td>{t.revokedAt ? 'Revoked' : <ConfirmActionButton
                    action={revokeTokenAction.bind(null, t.id)}
                    name={t.name}
                    label="Revoke"
                    question="Scripts using it stop at once, for good?"
                  />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
