'use server';

import { redirect } from 'next/navigation';
import { actionResult, revalidateUnlessSignedOut, formArgument, idArgument, versionArgument, type ActionState } from '@/lib/actions';
import { updateArticle } from '@/lib/articles/service';
import { requireActionUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { deleteArticle } from '@/lib/trash/service';

const FIELDS = ['title', 'author', 'outlet', 'sourceUrl', 'publishedOn', 'topic', 'text', 'version'] as const;

export async function updateArticleAction(articleIdArg: string, _: ActionState, formData: FormData): Promise<ActionState> {
  const state = await actionResult(async () => {
    const user = await requireActionUser();
    const articleId = idArgument(articleIdArg, 'articleId');
    const form = formArgument(formData);
    // A form without a text field (the text is locked) leaves the text as it is.
    const input = Object.fromEntries(FIELDS.flatMap((f) => (form.has(f) ? [[f, form.get(f)]] : [])));
    await updateArticle(db, user, { articleId, input });
    return { ok: 'Saved.' };
  });
  // Also after a refusal: a stale form (409) then shows the current record.
  revalidateUnlessSignedOut(state, '/projects', 'layout');
  return state;
}

/** Soft-deletes the article (reviewers and admins); admins can restore it from "Deleted items". */
export async function deleteArticleAction(articleId: string, version: number): Promise<ActionState> {
  const state = await actionResult(async () => {
    const user = await requireActionUser();
    const deleted = await deleteArticle(db, user, { articleId: idArgument(articleId, 'articleId'), input: { version: versionArgument(version) } });
    return { ok: 'Deleted.', projectId: deleted.projectId };
  });
  revalidateUnlessSignedOut(state, '/projects', 'layout');
  if ('projectId' in state) redirect(`/projects/${state.projectId}`);
  return state;
}
