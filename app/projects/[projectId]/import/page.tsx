import Link from 'next/link';
import { DatasetImportForm } from '@/components/dataset-import-form';
import { ImportForm } from '@/components/import-form';
import { requirePageUser } from '@/lib/auth/session';
import { importTargetOptions } from '@/lib/datasets/targets';
import { db } from '@/lib/db';
import { MAX_ARTICLE_CHARS, MAX_UPLOAD_BYTES } from '@/lib/import';
import { pageError } from '@/lib/page';
import { projectFor } from '@/lib/projects/service';

export const metadata = { title: 'Import articles' };

export default async function ImportPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser({ next: `/projects/${projectId}/import` });
  const { project } = await projectFor(db, user, { projectId, action: 'article.import' }).catch(pageError);
  const members = await db.user.findMany({
    where: { deletedAt: null, memberships: { some: { projectId } } },
    select: { id: true, email: true, name: true },
    orderBy: { email: 'asc' },
  });
  return (
    <section className="stack">
      <Link href={`/projects/${project.id}`}>← {project.name}</Link>
      <h1>Import articles</h1>
      <p className="muted">
        Paste an article, or upload .txt, .md, .html or .jsonl files (one article per line in JSONL). You can check and edit
        what Slant extracted before anything is saved. Limits: {MAX_ARTICLE_CHARS.toLocaleString('en')} characters per article,{' '}
        {MAX_UPLOAD_BYTES / 1024 / 1024} MB per file.
      </p>
      <ImportForm projectId={project.id} />
      <DatasetImportForm projectId={project.id} targets={importTargetOptions(user, members)} />
    </section>
  );
}
