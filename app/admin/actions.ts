'use server';

import { actionResult, choiceArgument, idArgument, revalidateUnlessSignedOut, type ActionState } from '@/lib/actions';
import { requireActionUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { deactivateUser, restoreDeleted, TRASH_KINDS, type TrashKind } from '@/lib/trash/service';

/** Restores a soft-deleted span, article or account (admins). */
export async function restoreAction(kind: TrashKind, id: string): Promise<ActionState> {
  const state = await actionResult(async () => {
    const user = await requireActionUser();
    await restoreDeleted(db, user, { kind: choiceArgument(kind, TRASH_KINDS, 'kind'), id: idArgument(id, 'id') });
    return { ok: 'Restored.' };
  });
  // Also after a refusal: something restored meanwhile in another tab then leaves the list.
  revalidateUnlessSignedOut(state, '/', 'layout');
  return state;
}

/** Deactivates an account (admins): its sessions and tokens stop working; it can be restored. */
export async function deactivateUserAction(userId: string): Promise<ActionState> {
  const state = await actionResult(async () => {
    const user = await requireActionUser();
    await deactivateUser(db, user, { userId: idArgument(userId, 'userId') });
    return { ok: 'Deactivated.' };
  });
  revalidateUnlessSignedOut(state, '/admin', 'layout');
  return state;
}
