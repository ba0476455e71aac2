'use server';

import { revalidatePath } from 'next/cache';
import { actionResult, type ActionState } from '@/lib/actions';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { deactivateUser, restoreDeleted, type TrashKind } from '@/lib/trash/service';

/** Restores a soft-deleted span, article or account (admins). */
export async function restoreAction(kind: TrashKind, id: string): Promise<ActionState> {
  return actionResult(async () => {
    const user = await requireApiUser();
    await restoreDeleted(db, user, { kind, id });
    revalidatePath('/', 'layout');
    return { ok: 'Restored.' };
  });
}

/** Deactivates an account (admins): its sessions and tokens stop working; it can be restored. */
export async function deactivateUserAction(userId: string): Promise<ActionState> {
  return actionResult(async () => {
    const user = await requireApiUser();
    await deactivateUser(db, user, { userId });
    revalidatePath('/admin', 'layout');
    return { ok: 'Deactivated.' };
  });
}
