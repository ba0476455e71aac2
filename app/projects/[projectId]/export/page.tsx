import Link from 'next/link';
import { ExportForm } from '@/components/export-form';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { pageError } from '@/lib/page';
import { projectFor } from '@/lib/projects/service';

export const metadata = { title: 'Export' };

export default async function ExportPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser({ next: `/projects/${projectId}/export` });
  const { project } = await projectFor(db, user, { projectId, action: 'project.report' }).catch(pageError);
  const [members, articles, adjudicated] = await Promise.all([
    // Members, and anyone whose submitted work the project keeps (removed or deactivated since): the
    // export takes their layer by e-mail too.
    db.user.findMany({
      where: { OR: [{ deletedAt: null, memberships: { some: { projectId } } }, { statuses: { some: { status: 'submitted', article: { projectId } } } }] },
      select: { email: true, name: true, deletedAt: true, memberships: { where: { projectId }, select: { id: true } } },
      orderBy: { email: 'asc' },
    }),
    db.article.findMany({ where: { projectId, deletedAt: null }, select: { id: true, title: true, reviewState: true }, orderBy: { position: 'asc' } }),
    db.article.count({ where: { projectId, deletedAt: null, reviewState: 'adjudicated' } }),
  ]);
  return (
    <section className="stack">
      <Link href={`/projects/${project.id}`}>← {project.name}</Link>
      <h1>Export</h1>
      <p className="muted">
        Offsets are Unicode code points over the exported text (unless you ask for UTF-16 for doccano or Label Studio), so in Python{' '}
        <code>text[start:end]</code> is the span’s text.
        The gold layer holds adjudicated articles only: {adjudicated.toLocaleString('en')} of {articles.length.toLocaleString('en')} so far. Formats and fields: docs/formats.md.
      </p>
      <ExportForm
        projectId={project.id}
        members={members.map((m) => ({ email: m.email, name: m.name, former: m.deletedAt !== null || m.memberships.length === 0 }))}
        articles={articles}
      />
    </section>
  );
}
