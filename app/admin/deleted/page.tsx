import Link from 'next/link';
import { AdminArticleLink } from '@/components/admin-article-link';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { ROLE_NAMES, type Role } from '@/lib/auth/roles';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { quotedExcerpt } from '@/lib/excerpt';
import { isLabel, LABEL_INFO } from '@/lib/labels';
import { pageError } from '@/lib/page';
import { listDeleted } from '@/lib/trash/service';
import { restoreAction } from '../actions';

export const metadata = { title: 'Deleted items' };

const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) : '');

export default async function DeletedPage() {
  const user = await requirePageUser({ roles: ['admin'], next: '/admin/deleted' });
  const { spans, articles, users, limit } = await listDeleted(db, user).catch(pageError);
  return (
    <section className="stack">
      <h1>Deleted items</h1>
      <p className="muted">
        Nothing is erased: deleted annotations, articles and deactivated accounts stay here until an admin restores them. The newest {limit} of each
        kind are shown; the <Link href="/admin/audit">audit trail</Link> says who deleted what.
      </p>
      <h2>Annotations</h2>
      {spans.length === 0 ? (
        <p className="muted">No deleted annotations.</p>
      ) : (
        <table className="list" aria-label="Deleted annotations">
          <thead>
            <tr>
              <th>Deleted (UTC)</th>
              <th>Layer</th>
              <th>By</th>
              <th>Label</th>
              <th>Text</th>
              <th>Article</th>
              <th><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {spans.map((s) => (
              <tr key={s.id}>
                <td>{when(s.deletedAt)}</td>
                <td>{s.layer}</td>
                <td>{s.author.email}</td>
                <td>{isLabel(s.label) ? LABEL_INFO[s.label].name : s.label}</td>
                <td>{quotedExcerpt(s.quote, 80)}</td>
                <td>
                  <AdminArticleLink article={s.article} />
                </td>
                <td>
                  <ConfirmActionButton action={restoreAction.bind(null, 'span', s.id)} name={`annotation ${quotedExcerpt(s.quote, 40)}`} label="Restore" tone="plain" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Articles</h2>
      {articles.length === 0 ? (
        <p className="muted">No deleted articles.</p>
      ) : (
        <table className="list" aria-label="Deleted articles">
          <thead>
            <tr>
              <th>Deleted (UTC)</th>
              <th>Title</th>
              <th>Project</th>
              <th><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {articles.map((a) => (
              <tr key={a.id}>
                <td>{when(a.deletedAt)}</td>
                <td>{a.title}</td>
                <td>{a.project.name}</td>
                <td>
                  <ConfirmActionButton action={restoreAction.bind(null, 'article', a.id)} name={`article ${a.title}`} label="Restore" tone="plain" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Deactivated accounts</h2>
      {users.length === 0 ? (
        <p className="muted">No deactivated accounts.</p>
      ) : (
        <table className="list" aria-label="Deactivated accounts">
          <thead>
            <tr>
              <th>Deactivated (UTC)</th>
              <th>Email</th>
              <th>Role</th>
              <th><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{when(u.deletedAt)}</td>
                <td>{u.email}</td>
                <td>{ROLE_NAMES[u.role as Role] ?? u.role}</td>
                <td>
                  <ConfirmActionButton action={restoreAction.bind(null, 'user', u.id)} name={`account ${u.email}`} label="Restore" tone="plain" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
