'use server';

import { revalidatePath } from 'next/cache';
import { actionResult, choiceArgument, idArgument, type ActionState } from '@/lib/actions';
import { requireActionUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { deactivateUser, restoreDeleted, TRASH_KINDS, type TrashKind } from '@/lib/trash/service';

/** Restores a soft-deleted span, article or account (admins). */
export async function restoreAction(kind: TrashKind, id: string): Promise<ActionState> {
  return actionResult(async () => {
    const user = await requireActionUser();
    await restoreDeleted(db, user, { kind: choiceArgument(kind, TRASH_KINDS, 'kind'), id: idArgument(id, 'id') });
    revalidatePath('/', 'layout');
    return { ok: 'Restored.' };
  });
}

/** Deactivates an account (admins): its sessions and tokens stop working; it can be restored. */
export async function deactivateUserAction(userId: string): Promise<ActionState> {
  return actionResult(async () => {
    const user = await requireActionUser();
    await deactivateUser(db, user, { userId: idArgument(userId, 'userId') });
    revalidatePath('/admin', 'layout');
    return { ok: 'Deactivated.' };
  });
}
