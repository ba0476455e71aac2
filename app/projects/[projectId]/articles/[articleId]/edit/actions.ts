'use server';

import { revalidatePath } from 'next/cache';
import { updateArticle } from '@/lib/articles/service';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';

const FIELDS = ['title', 'author', 'outlet', 'sourceUrl', 'publishedOn', 'topic', 'text', 'version'] as const;

export async function updateArticleAction(articleId: string, _: { error?: string; ok?: string }, form: FormData) {
  const user = await requireApiUser();
  // A form without a text field (the text is locked) leaves the text as it is.
  const input = Object.fromEntries(FIELDS.flatMap((f) => (form.has(f) ? [[f, form.get(f)]] : [])));
  try {
    await updateArticle(db, user, { articleId, input });
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message };
    throw error;
  }
  revalidatePath('/projects', 'layout');
  return { ok: 'Saved.' };
}
