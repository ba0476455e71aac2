'use server';

import { actionResult, formArgument, idArgument, revalidateUnlessSignedOut, type ActionState } from '@/lib/actions';
import { requireActionUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { createUser, setUserPassword, setUserRole } from '@/lib/users/service';

async function asAdmin(fn: (actorId: string) => Promise<unknown>, ok: string): Promise<ActionState> {
  const state = await actionResult(async () => {
    const admin = await requireActionUser({ roles: ['admin'] });
    await fn(admin.id);
    return { ok };
  });
  // Also after a refusal: a user deactivated or changed meanwhile, or a role the server kept, then shows as it is.
  revalidateUnlessSignedOut(state, '/admin/users');
  return state;
}

export async function createUserAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return asAdmin(
    (actorId, form = formArgument(formData)) =>
      createUser(db, {
        actorId,
        input: { email: form.get('email'), name: form.get('name') ?? '', role: form.get('role'), password: form.get('password') },
      }),
    'User created.',
  );
}

export async function setRoleAction(userId: string, _: ActionState, form: FormData): Promise<ActionState> {
  return asAdmin(
    (actorId, fields = formArgument(form)) =>
      setUserRole(db, { actorId, input: { userId: idArgument(userId, 'userId'), role: fields.get('role'), version: fields.get('version') ?? undefined } }),
    'Role saved.',
  );
}

export async function setPasswordAction(userId: string, _: ActionState, form: FormData): Promise<ActionState> {
  return asAdmin(
    (actorId) => setUserPassword(db, { actorId, input: { userId: idArgument(userId, 'userId'), password: formArgument(form).get('password') } }),
    'Password set; their sessions have ended. Tell them the new one in person or another safe way.',
  );
}
