import Link from 'next/link';

/**
 * An article named on the admin pages (audit trail, deleted items). It links to the article's
 * review board, which admins may open in every project, members or not (the annotate page is for
 * members only). A deleted article has no page: its title stands alone, marked deleted.
 */
export function AdminArticleLink({ article }: { article: { id: string; projectId: string; title: string; deletedAt: Date | null } }) {
  if (article.deletedAt) {
    return (
      <>
        {article.title} <span className="muted">(deleted)</span>
      </>
    );
  }
  return <Link href={`/projects/${article.projectId}/articles/${article.id}/review`}>{article.title}</Link>;
}
