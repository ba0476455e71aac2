'use server';

import { revalidatePath } from 'next/cache';
import { actionResult, type ActionState } from '@/lib/actions';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { createUser, setUserRole } from '@/lib/users/service';

function asAdmin(fn: (actorId: string) => Promise<unknown>, ok: string): Promise<ActionState> {
  return actionResult(async () => {
    const admin = await requireApiUser({ roles: ['admin'] });
    await fn(admin.id);
    revalidatePath('/admin/users');
    return { ok };
  });
}

export async function createUserAction(_: ActionState, form: FormData): Promise<ActionState> {
  return asAdmin(
    (actorId) =>
      createUser(db, {
        actorId,
        input: { email: form.get('email'), name: form.get('name') ?? '', role: form.get('role'), password: form.get('password') },
      }),
    'User created.',
  );
}

export async function setRoleAction(userId: string, _: ActionState, form: FormData): Promise<ActionState> {
  return asAdmin((actorId) => setUserRole(db, { actorId, input: { userId, role: form.get('role') } }), 'Role saved.');
}
