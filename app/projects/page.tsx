import Link from 'next/link';
import { ActionForm } from '@/components/action-form';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { listProjectsFor } from '@/lib/projects/service';
import { createProjectAction } from './actions';

export const metadata = { title: 'Projects' };

export default async function ProjectsPage() {
  const user = await requirePageUser({ next: '/projects' });
  const projects = await listProjectsFor(db, user);
  return (
    <section className="stack">
      <h1>Projects</h1>
      {projects.length === 0 ? (
        <p className="muted">
          {user.role === 'admin' ? 'There is no project yet. Create the first one below.' : 'You are not a member of any project yet. Ask an admin to add you.'}
        </p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>Project</th>
              <th>Articles</th>
              <th>Members</th>
              <th>Your progress</th>
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link href={`/projects/${p.id}`}>{p.name}</Link>
                </td>
                <td>{p.articleCount.toLocaleString('en')}</td>
                <td>{p.memberCount.toLocaleString('en')}</td>
                <td>
                  {p.member ? (
                    `${p.submittedByMe.toLocaleString('en')} of ${p.articleCount.toLocaleString('en')} submitted${p.closedToMe ? `, ${p.closedToMe.toLocaleString('en')} closed before you submitted` : ''}`
                  ) : (
                    <span className="muted">Not a member</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {user.role === 'admin' && (
        <div className="card narrow">
          <h2>New project</h2>
          <ActionForm action={createProjectAction} submitLabel="Create project">
            <label>
              Name
              <input name="name" required maxLength={200} />
            </label>
            <label>
              Guidelines (Markdown)
              <textarea name="guidelines" rows={5} />
            </label>
          </ActionForm>
        </div>
      )}
    </section>
  );
}
