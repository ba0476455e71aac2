import Link from 'next/link';
import { AdminArticleLink } from '@/components/admin-article-link';
import { requirePageUser } from '@/lib/auth/session';
import { describeChange } from '@/lib/audit-trail/describe';
import { COMMAND_LINE, parseAuditFilters, type AuditFilters } from '@/lib/audit-trail/filters';
import { auditFilterChoices, auditTrail } from '@/lib/audit-trail/service';
import { db } from '@/lib/db';
import { pageError } from '@/lib/page';

export const metadata = { title: 'Audit trail' };

const KINDS = ['span', 'article', 'project', 'user', 'membership', 'annotation-status'];

function query(filters: AuditFilters, extra: Partial<AuditFilters>): string {
  const entries = Object.entries({ ...filters, ...extra }).filter(([, v]) => v) as [string, string][];
  return new URLSearchParams(entries).toString();
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser({ roles: ['admin'], next: '/admin/audit' });
  const { filters, problems } = parseAuditFilters(await searchParams);
  const [choices, trail] = await Promise.all([auditFilterChoices(db, user), auditTrail(db, user, filters)]).catch(pageError);
  const { before: _cursor, ...withoutCursor } = filters;
  return (
    <section className="stack">
      <h1>Audit trail</h1>
      <p className="muted">Every change anyone made, newest first. Times are UTC.</p>
      <form className="card row wrap filters" method="get" aria-label="Filter the audit trail">
        <label>
          User
          <select name="user" defaultValue={filters.user ?? ''}>
            <option value="">Anyone</option>
            <option value={COMMAND_LINE}>Command line</option>
            {choices.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.email}
                {u.deletedAt ? ' (deactivated)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Project
          <select name="project" defaultValue={filters.project ?? ''}>
            <option value="">Any</option>
            {choices.projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Article (id or words of the title)
          <input name="article" defaultValue={filters.article ?? ''} />
        </label>
        <label>
          Kind
          <select name="kind" defaultValue={filters.kind ?? ''}>
            <option value="">Any</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input name="from" type="date" defaultValue={filters.from ?? ''} />
        </label>
        <label>
          To
          <input name="to" type="date" defaultValue={filters.to ?? ''} />
        </label>
        <button type="submit" className="button primary">
          Filter
        </button>
        <Link href="/admin/audit">Clear</Link>
      </form>
      {problems.length > 0 && (
        <p role="alert" className="error">
          Ignored filters: {problems.join('; ')}
        </p>
      )}
      {trail.articleNotice && (
        <p role="status" className="banner info">
          {trail.articleNotice}
        </p>
      )}
      {trail.events.length === 0 ? (
        <p className="muted">No events match.</p>
      ) : (
        <table className="list" aria-label="Audit events">
          <thead>
            <tr>
              <th>When (UTC)</th>
              <th>Who</th>
              <th>Action</th>
              <th>Record</th>
              <th>Article</th>
              <th>Changes</th>
            </tr>
          </thead>
          <tbody>
            {trail.events.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.createdAt.toISOString()}>{e.createdAt.toISOString().replace('T', ' ').slice(0, 19)}</time>
                </td>
                <td>{e.actor?.email ?? (e.actorId ? e.actorId : 'command line')}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.entityType} <code className="muted">{e.entityId}</code>
                </td>
                <td>{e.article ? <AdminArticleLink article={e.article} /> : '—'}</td>
                <td>
                  <ul className="changes">
                    {describeChange(e.before, e.after).map((c) => (
                      <li key={c.field}>
                        <strong>{c.field}</strong>: {c.before && c.after ? `${c.before} → ${c.after}` : c.before || c.after}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {trail.older && (
        <p>
          <Link href={`/admin/audit?${query(withoutCursor, { before: trail.older })}`}>Older events →</Link>
        </p>
      )}
    </section>
  );
}
