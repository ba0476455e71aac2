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
    db.user.findMany({ where: { deletedAt: null, memberships: { some: { projectId } } }, select: { email: true, name: true }, orderBy: { email: 'asc' } }),
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
      <ExportForm projectId={project.id} members={members} articles={articles} />
    </section>
  );
}
