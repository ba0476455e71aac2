import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/action-form';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { can } from '@/lib/auth/permissions';
import { ARTICLE_METADATA_FIELDS } from '@/lib/articles/fields';
import { articleForEditing, TEXT_LOCKED } from '@/lib/articles/service';
import { requirePageUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { titleFor } from '@/lib/page-title';
import { pageError } from '@/lib/page';
import { deleteArticleAction, updateArticleAction } from './actions';

export function generateMetadata({ params }: { params: Promise<{ projectId: string; articleId: string }> }) {
  return params.then((p) => titleFor(p, (n) => `Edit: ${n.article}`));
}


export default async function EditArticlePage({ params }: { params: Promise<{ projectId: string; articleId: string }> }) {
  const { projectId, articleId } = await params;
  const user = await requirePageUser({ next: `/projects/${projectId}/articles/${articleId}/edit` });
  const { article, textLocked } = await articleForEditing(db, user, articleId).catch(pageError);
  if (article.projectId !== projectId) notFound();
  return (
    <section className="stack narrow" style={{ maxWidth: 900 }}>
      <Link href={`/projects/${projectId}/articles/${article.id}`}>← Back to the article</Link>
      <h1>Edit article</h1>
      <ActionForm action={updateArticleAction.bind(null, article.id)} submitLabel="Save article" recordVersion={article.version}>
        <input type="hidden" name="version" value={article.version} />
        {ARTICLE_METADATA_FIELDS.map((f) => (
          <label key={f.name}>
            {f.label}
            <input name={f.name} type={f.type} defaultValue={article[f.name]} />
          </label>
        ))}
        {textLocked ? (
          <p className="banner info">{TEXT_LOCKED}</p>
        ) : (
          <label>
            Text
            <textarea name="text" rows={16} defaultValue={article.text} />
          </label>
        )}
      </ActionForm>
      {/* Whoever reached this page is a member, or an admin. */}
      {can(user, 'article.delete', { isMember: true }) && (
        <div className="card">
          <h2>Delete this article</h2>
          <p className="muted">It disappears from the queue, review and exports with everyone&apos;s annotations on it. Admins can restore it from Deleted items.</p>
          <ConfirmActionButton
            action={deleteArticleAction.bind(null, article.id, article.version)}
            name={article.title}
            label="Delete article"
            question="Delete it for everyone?"
          />
        </div>
      )}
    </section>
  );
}
