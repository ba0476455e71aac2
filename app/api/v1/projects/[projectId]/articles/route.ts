import { NextResponse } from 'next/server';
import { createArticles } from '@/lib/articles/service';
import { projectFor } from '@/lib/projects/service';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { handle, otherMethods, readJson } from '@/lib/http';
import { MAX_SAVE_BYTES } from '@/lib/import/limits';

/** Saves checked drafts: `{ articles: [...], allowDuplicates?: boolean }`, all or none. */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ projectId: string }> }) => {
  const user = await requireApiUser();
  const { projectId } = await params;
  // Room for a few maximum-size articles at four UTF-8 bytes per character, plus JSON overhead.
  const body = await readJson(request, MAX_SAVE_BYTES, 'The articles to save (untick some and save them in parts)');
  const created = await createArticles(db, user, { projectId, input: body });
  return NextResponse.json({ articles: created }, { status: 201 });
});

/** The project's articles with their metadata and review state (no text; see the export). */
export const GET = handle(async (_request: Request, { params }: { params: Promise<{ projectId: string }> }) => {
  const user = await requireApiUser();
  const { projectId } = await params;
  await projectFor(db, user, { projectId, action: 'project.view' });
  const articles = await db.article.findMany({
    where: { projectId, deletedAt: null },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: { id: true, title: true, author: true, outlet: true, sourceUrl: true, publishedOn: true, topic: true, textHash: true, reviewState: true, createdAt: true, updatedAt: true },
  });
  return NextResponse.json({ articles });
});

/** The other methods: a JSON 405 naming the ones served here. */
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
