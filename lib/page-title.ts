import 'server-only';
import type { Metadata } from 'next';
import { currentUser } from './auth/session';
import { db } from './db';
import { projectFor } from './projects/service';

/**
 * A tab title that names the project or article, for people with several open: only for a
 * signed-in member who may view the project (others get the default title, so a title never
 * tells a non-member that a project or article exists). The page itself still checks access.
 */
export async function titleFor(ids: { projectId: string; articleId?: string }, format: (names: { project: string; article: string }) => string): Promise<Metadata> {
  const user = await currentUser();
  if (!user) return {};
  const found = await projectFor(db, user, { projectId: ids.projectId, action: 'project.view' }).catch(() => null);
  if (!found) return {};
  let article = '';
  if (ids.articleId) {
    const row = await db.article.findFirst({ where: { id: ids.articleId, projectId: ids.projectId, deletedAt: null }, select: { title: true } });
    if (!row) return {};
    article = row.title;
  }
  return { title: format({ project: found.project.name, article }) };
}
