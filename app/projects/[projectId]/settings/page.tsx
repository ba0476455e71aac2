import Link from 'next/link';
import { ActionForm } from '@/components/action-form';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { ROLE_NAMES, type Role } from '@/lib/auth/roles';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { pageError } from '@/lib/page';
import { projectFor } from '@/lib/projects/service';
import { addMemberAction, removeMemberAction, updateProjectAction } from '../../actions';

export const metadata = { title: 'Project settings' };

export default async function ProjectSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser({ next: `/projects/${projectId}/settings` });
  const { project } = await projectFor(db, user, { projectId, action: 'project.manage' }).catch(pageError);
  const members = await db.membership.findMany({
    where: { projectId: project.id },
    include: { user: true },
    orderBy: { user: { email: 'asc' } },
  });
  const others = await db.user.findMany({
    where: { deletedAt: null, memberships: { none: { projectId: project.id } } },
    select: { email: true, name: true },
    orderBy: { email: 'asc' },
    take: 500,
  });
  return (
    <section className="stack">
      <Link href={`/projects/${project.id}`}>← {project.name}</Link>
      <h1>Settings</h1>
      <div className="card">
        <h2>Project</h2>
        <ActionForm action={updateProjectAction.bind(null, project.id)} submitLabel="Save project" recordVersion={project.version}>
          <input type="hidden" name="version" value={project.version} />
          <label>
            Name
            <input name="name" defaultValue={project.name} required maxLength={200} />
          </label>
          <label>
            Submissions needed before review
            <input name="requiredSubmissions" type="number" min={1} max={20} defaultValue={project.requiredSubmissions} required />
          </label>
          <label className="row">
            <input name="annotatorsMayReview" type="checkbox" defaultChecked={project.annotatorsMayReview} />
            Annotators may review each other once they have submitted the article themselves
          </label>
          <label>
            Guidelines (Markdown; raw HTML is not rendered)
            <textarea name="guidelines" rows={12} defaultValue={project.guidelines} />
          </label>
        </ActionForm>
      </div>
      <div className="card">
        <h2>Members</h2>
        <table className="list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>{m.user.name}</td>
                <td>{m.user.email}</td>
                <td>
                  {ROLE_NAMES[m.user.role as Role]}
                  {m.user.deletedAt && <span className="muted"> (deactivated)</span>}
                </td>
                <td>
                  <ConfirmActionButton
                    action={removeMemberAction.bind(null, project.id, m.userId)}
                    name={m.user.email}
                    question="Take away their access to this project? Their annotations stay."
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Add a member</h3>
        <ActionForm action={addMemberAction.bind(null, project.id)} submitLabel="Add member" className="form narrow">
          <label>
            Email of an existing user
            <input name="email" type="email" required list="slant-non-members" autoComplete="off" />
          </label>
          <datalist id="slant-non-members">
            {others.map((u) => (
              <option key={u.email} value={u.email}>
                {u.name}
              </option>
            ))}
          </datalist>
        </ActionForm>
      </div>
    </section>
  );
}
